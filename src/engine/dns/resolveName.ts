// A name looked up inside a lab Pod: its resolv.conf, its resolver (glibc or musl), the DNS
// server its first nameserver is (cluster CoreDNS, or the node's upstream), every packet in order
// and the final answer.
import type { ClusterSnapshot } from '../cluster/objects.ts';
import { isIP } from '../shared/ip.ts';
import { formatRR, message } from './coredns/dnsMessage.ts';
import { coreDNSOf, type SnapshotDNS } from './coredns/fromSnapshot.ts';
import type { UpstreamLookup } from './coredns/kubernetes.ts';
import { domainNameError, fqdn, reverseName } from './coredns/names.ts';
import { ClusterDNS } from './coredns/serveDNS.ts';
import { upstreamLookup, type UpstreamModel } from './coredns/upstream.ts';
import { lookupHosts, managedHostsEntries } from './hostsFile.ts';
import { findPod, resolvConfForPod, type PodResolvConf, type ResolvConfOptions } from './resolvConfForPod.ts';
import { muslSearchList, readResolverOptions, type ResolverKind } from './resolver/resolverOptions.ts';
import { NO_REPLY, qtypesFor, runResolver, type DnsServer, type ResolverStep } from './resolver/stubResolver.ts';

export type LookupType = 'A' | 'AAAA' | 'SRV' | 'PTR';

export interface ResolveOptions extends ResolvConfOptions {
  /** Without a type: getaddrinfo(AF_UNSPEC), A and AAAA per name. */
  readonly type?: LookupType;
  readonly resolver?: ResolverKind;
  /** The Internet behind CoreDNS's `forward` (default: the lab stub, upstream.ts). */
  readonly upstream?: UpstreamModel;
}

export interface QueryRecord {
  readonly qname: string;
  readonly qtype: string;
  /** The reply's rcode, or NOREPLY when nothing came back. */
  readonly rcode: string;
  /** Answer section, presentation format. */
  readonly answers: readonly string[];
  readonly authority: readonly string[];
  readonly additional: readonly string[];
  readonly truncated: boolean;
}

export interface ResolveNameResult {
  readonly resolvConf: PodResolvConf;
  /** The nameserver asked (the first of resolv.conf) and what answers there. */
  readonly server: { readonly ip: string; readonly kind: 'cluster-dns' | 'upstream' | 'none' };
  readonly resolver: ResolverKind;
  readonly candidates: readonly string[];
  readonly steps: readonly ResolverStep[];
  /** Resolver quirks that shaped this lookup. */
  readonly notes: readonly string[];
  readonly queries: readonly QueryRecord[];
  readonly final: {
    readonly success: boolean;
    /** 'files': /etc/hosts answered and no packet was sent. */
    readonly source: 'files' | 'dns';
    readonly qname?: string;
    readonly answers: readonly string[];
    readonly error?: string;
  };
}

export const LAB_UPSTREAM: UpstreamModel = { records: [], unknownNames: 'tld', ttl: 30 };

export class ResolveError extends Error {}

/**
 * CoreDNS's view of a snapshot, built once per snapshot and upstream model (snapshots are
 * immutable values, so this cache cannot change an answer).
 */
const dnsCache = new WeakMap<ClusterSnapshot, WeakMap<UpstreamModel, { dns: SnapshotDNS; cluster: ClusterDNS }>>();
function clusterDNSFor(s: ClusterSnapshot, model: UpstreamModel, upstream: UpstreamLookup) {
  let bySnap = dnsCache.get(s);
  if (!bySnap) dnsCache.set(s, (bySnap = new WeakMap()));
  let hit = bySnap.get(model);
  if (!hit) {
    const dns = coreDNSOf(s);
    hit = { dns, cluster: new ClusterDNS(dns.cluster, dns.config, upstream) };
    bySnap.set(model, hit);
  }
  return hit;
}

/** Resolve `name` from Pod namespace/podName. Throws ResolveError for a missing Pod or an unusable name. */
export function resolveName(s: ClusterSnapshot, namespace: string, podName: string, name: string, options: ResolveOptions = {}): ResolveNameResult {
  const rc = resolvConfForPod(s, namespace, podName, options);
  if (!rc) throw new ResolveError(`no Pod ${namespace}/${podName}`);
  if (!rc.conf) throw new ResolveError(`the kubelet cannot build ${namespace}/${podName}'s resolv.conf: ${rc.error ?? 'unknown error'}`);
  const type = options.type;
  const kind = options.resolver ?? 'glibc';
  let qname = name.trim();
  if (type === 'PTR' && isIP(qname)) qname = reverseName(qname)!;
  const nameError = isIP(qname) ? null : domainNameError(qname);
  if (nameError) throw new ResolveError(`invalid name "${name}": ${nameError}`);

  // "hosts: files dns": the kubelet-managed /etc/hosts first, for address lookups of a Pod
  // that is not on the host network (whose file is the node's, not modelled).
  const pod = findPod(s, namespace, podName)!;
  if ((type === undefined || type === 'A' || type === 'AAAA') && pod.spec?.hostNetwork !== true) {
    const family = type === 'A' ? 'IPv4' : type === 'AAAA' ? 'IPv6' : null;
    const fromFiles = lookupHosts(managedHostsEntries(pod, rc.kubelet.clusterDomain), qname).filter((a) => family === null || (family === 'IPv6') === a.includes(':'));
    if (fromFiles.length > 0) {
      return { resolvConf: rc, server: { ip: rc.conf.nameservers[0] ?? '', kind: 'none' }, resolver: kind, candidates: [], steps: [], notes: ['/etc/hosts answered; no DNS query sent'], queries: [], final: { success: true, source: 'files', qname: fqdn(qname), answers: fromFiles } };
    }
  }
  const upstream = upstreamLookup(options.upstream ?? LAB_UPSTREAM);
  const { dns, cluster } = clusterDNSFor(s, options.upstream ?? LAB_UPSTREAM, upstream);
  const clusterIPs = new Set([...rc.kubelet.clusterDNS, ...dns.cluster.services.filter((sv) => sv.namespace === 'kube-system' && sv.name === 'kube-dns').flatMap((sv) => sv.clusterIPs)]);
  const ip = rc.conf.nameservers[0] ?? '';
  const serverKind = ip === '' ? 'none' : clusterIPs.has(ip) ? 'cluster-dns' : 'upstream';
  const queries: QueryRecord[] = [];
  // A cluster DNS VIP whose Service has no ready endpoint: kube-proxy REJECTs the packet
  // (proxier.go: "has no endpoints" → -j REJECT, ICMP port unreachable), the resolver gets no reply.
  const vip = dns.cluster.services.find((sv) => sv.clusterIPs.includes(ip));
  const unreachable = serverKind === 'none' || (vip !== undefined && cluster.kubernetes.index.endpointsOf(vip).every((e) => e.addresses.length === 0));
  const notes: string[] = [];
  if (serverKind === 'none') notes.push('no nameserver: the resolver falls back to 127.0.0.1, where nothing listens in a Pod');
  else if (unreachable) notes.push(`${ip} is Service ${vip!.namespace}/${vip!.name} with no ready endpoints: kube-proxy rejects the packet, the resolver gets connection refused`);
  const server: DnsServer = (q, t) => {
    const m = unreachable ? null : serverKind === 'cluster-dns' ? cluster.serve(q, t).message : (upstream(q, t) ?? message('SERVFAIL'));
    queries.push(m
      ? { qname: q, qtype: t, rcode: m.rcode, answers: m.answer.map(formatRR), authority: m.authority.map(formatRR), additional: m.additional.map(formatRR), truncated: m.truncated }
      : { qname: q, qtype: t, rcode: NO_REPLY, answers: [], authority: [], additional: [], truncated: false });
    return m;
  };
  const qtypes = type === undefined ? qtypesFor('AF_UNSPEC') : type === 'A' ? qtypesFor('AF_INET') : type === 'AAAA' ? qtypesFor('AF_INET6') : [type];
  let search = rc.conf.searches;
  let opts = readResolverOptions(rc.conf.options);
  if (kind === 'musl') {
    const m = muslSearchList(search);
    search = m.searches;
    if (m.dropped) notes.push('musl ignores the search line: it is 255 characters or longer (resolvconf.c reads 256-byte lines and skips truncated ones)');
  }
  if (kind === 'musl' && (type === 'SRV' || type === 'PTR')) {
    // musl's res_search is res_query: no search list for non-address lookups.
    search = [];
    notes.push(`musl res_search(${type}) is res_query: the name is sent as is`);
    opts = { ...opts, ndots: 0 };
  }
  if (type === 'PTR') qname = fqdn(qname);
  const r = runResolver(kind, qname, search, opts, server, qtypes);
  const last = r.steps[r.steps.length - 1];
  return {
    resolvConf: rc,
    server: { ip, kind: serverKind },
    resolver: kind,
    candidates: r.candidates,
    steps: r.steps,
    notes,
    queries,
    final: { success: r.success, source: 'dns', ...(r.success && last ? { qname: last.qname } : {}), answers: r.addresses, ...(r.error ? { error: r.error } : {}) },
  };
}
