// The DNS, Env and Ingress views' engine calls: pure functions from the page's last good
// snapshot to plain, structured-cloneable answers (engineHost.ts dispatches to them).
import type { ClusterSnapshot } from '../../engine/cluster/objects.ts';
import {
  DEFAULT_NODE_RESOLV_CONF,
  DNS_FIDELITY_NOTES,
  formatDNSEvent,
  resolvConfForPod,
  resolveName,
  ResolveError,
  type LookupType,
  type QueryRecord,
  type ResolverKind,
} from '../../engine/dns/index.ts';
import { findPod, resolvePodEnv, type ResolveEnvResult } from '../../engine/env/index.ts';
import { buildIngressServers, CATCH_ALL, compareL4L7, routeIngressRequest, type IngressRoute, type L4L7Row } from '../../engine/ingress/index.ts';

export interface PodRef { readonly namespace: string; readonly pod: string }

export interface DnsLookupRequest extends PodRef {
  /** The name to look up; "" shows only the Pod's resolv.conf. */
  readonly name: string;
  readonly resolver: ResolverKind;
  readonly qtype?: LookupType;
}

/** One name the resolver tried, with the packets it sent for it, in order. */
export interface DnsStepView {
  readonly qname: string;
  readonly outcome: 'answer' | 'NXDOMAIN' | 'NODATA' | 'SERVFAIL' | 'FAIL' | 'NOT_SENT';
  readonly stopped: boolean;
  readonly note?: string;
  readonly queries: readonly QueryRecord[];
}

export type DnsLookupView =
  | {
      readonly ok: true;
      readonly server: { readonly ip: string; readonly kind: 'cluster-dns' | 'upstream' | 'none' };
      readonly candidates: readonly string[];
      readonly steps: readonly DnsStepView[];
      readonly notes: readonly string[];
      readonly final: { readonly success: boolean; readonly source: 'files' | 'dns'; readonly qname?: string; readonly answers: readonly string[]; readonly error?: string };
    }
  | { readonly ok: false; readonly error: string };

export interface DnsView {
  readonly pod: string;
  readonly podIP: string | null;
  readonly dnsPolicy: string;
  /** The file as the container sees it, or null when the kubelet cannot build it (then `error`). */
  readonly resolvConf: string | null;
  readonly nameserver: string | null;
  readonly error: string | null;
  /** Kubelet Events about DNS (e.g. DNSConfigForming), as `kubectl describe` prints them. */
  readonly events: readonly string[];
  readonly lookup: DnsLookupView | null;
  readonly fidelityNotes: readonly string[];
}

/** The stub resolver's queries are one flat list; the steps say how many each name sent. */
export function groupQueries(steps: readonly { qname: string; outcome: DnsStepView['outcome']; stopped: boolean; note?: string; queries: readonly unknown[] }[], queries: readonly QueryRecord[]): DnsStepView[] {
  let i = 0;
  return steps.map((s) => {
    const mine = queries.slice(i, i + s.queries.length);
    i += s.queries.length;
    return { qname: s.qname, outcome: s.outcome, stopped: s.stopped, ...(s.note ? { note: s.note } : {}), queries: mine };
  });
}

export function dnsLookup(s: ClusterSnapshot, req: DnsLookupRequest): DnsView {
  const pod = findPod(s, req.namespace, req.pod);
  const key = `${req.namespace}/${req.pod}`;
  const base = { pod: key, fidelityNotes: DNS_FIDELITY_NOTES };
  if (!pod) return { ...base, podIP: null, dnsPolicy: '', resolvConf: null, nameserver: null, error: `no Pod ${key}`, events: [], lookup: null };
  const rc = resolvConfForPod(s, req.namespace, req.pod)!;
  const podIP = typeof pod.status?.podIP === 'string' && pod.status.podIP !== '' ? pod.status.podIP : null;
  // containerd copies the node's file when the CRI DNS config is empty (dnsPolicy Default, hostNetwork).
  const resolvConf = rc.conf ? (rc.rendered ?? DEFAULT_NODE_RESOLV_CONF) : null;
  let lookup: DnsLookupView | null = null;
  if (rc.conf && req.name.trim() !== '') {
    try {
      const r = resolveName(s, req.namespace, req.pod, req.name, { resolver: req.resolver, ...(req.qtype ? { type: req.qtype } : {}) });
      lookup = { ok: true, server: r.server, candidates: r.candidates, steps: groupQueries(r.steps, r.queries), notes: r.notes, final: r.final };
    } catch (e) {
      if (!(e instanceof ResolveError)) throw e;
      lookup = { ok: false, error: e.message };
    }
  }
  return {
    ...base,
    podIP,
    dnsPolicy: typeof pod.spec?.dnsPolicy === 'string' ? pod.spec.dnsPolicy : 'ClusterFirst',
    resolvConf,
    nameserver: rc.conf?.nameservers[0] ?? null,
    error: rc.conf ? null : (rc.error ?? 'the kubelet cannot build the resolv.conf'),
    events: rc.events.map(formatDNSEvent),
    lookup,
  };
}

export interface PodEnvView {
  readonly pod: string;
  readonly found: boolean;
  /** Init containers first, then app containers, as the kubelet starts them. */
  readonly containers: readonly ResolveEnvResult[];
}

export function podEnv(s: ClusterSnapshot, req: PodRef): PodEnvView {
  const pod = findPod(s, req.namespace, req.pod);
  const key = `${req.namespace}/${req.pod}`;
  if (!pod) return { pod: key, found: false, containers: [] };
  return { pod: key, found: true, containers: resolvePodEnv(s, pod) };
}

export interface IngressRouteRequest {
  readonly host: string;
  readonly path: string;
  readonly scheme: 'http' | 'https';
}

export interface IngressRouteView {
  readonly route: IngressRoute;
  readonly comparison: readonly L4L7Row[];
  /** Every Ingress, whether the controller serves it and why not. */
  readonly ingresses: readonly { readonly key: string; readonly served: boolean; readonly reason: string }[];
  /** The rule hosts the controller serves, for the host picker. */
  readonly hosts: readonly string[];
}

export function ingressRoute(s: ClusterSnapshot, req: IngressRouteRequest): IngressRouteView {
  const servers = buildIngressServers(s);
  const route = routeIngressRequest(s, { host: req.host, path: req.path, scheme: req.scheme }, { servers });
  return {
    route,
    comparison: compareL4L7(s, servers, route),
    ingresses: servers.ingresses.map((v) => {
      const err = v.diagnostics.find((d) => d.severity === 'error');
      return { key: v.key, served: v.served, reason: err ? `rejected by validation: ${err.message}` : v.decision.reason };
    }),
    hosts: [...servers.servers.keys()].filter((h) => h !== CATCH_ALL),
  };
}
