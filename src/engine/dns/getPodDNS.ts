// The kubelet's whole pipeline from node file + kubelet flags + Pod spec to the Pod's DNS config
// (pkg/kubelet/network/dns/dns.go Configurer.GetPodDNS).
import { canonicalIP, parseIP } from '../shared/ip.ts';
import { appendDNSConfig, omitDuplicates, type PodDNSConfig } from './dnsConfigMerge.ts';
import { formDNSNameserversFitsLimits, formDNSSearchFitsLimits, SEARCH_LIMITS_CURRENT, type SearchLimits } from './dnsLimits.ts';
import { getPodDNSType, type PodDNSType } from './podDNSType.ts';
import { EMPTY_RESOLV_CONF, parseResolvConf, type ResolvConf } from './resolvConf.ts';

/** The kubelet flags GetPodDNS reads (KubeletConfiguration clusterDNS, clusterDomain, resolvConf). */
export interface KubeletDNSSettings {
  readonly clusterDNS: readonly string[];
  readonly clusterDomain: string;
  /** Content of the file named by --resolv-conf; null when --resolv-conf is "" (no base file). */
  readonly resolvConf: string | null;
  /** The node's IPs; only read when resolvConf is null. */
  readonly nodeIPs?: readonly string[];
  /** Defaults to the current (ExpandedDNSConfig) limits. */
  readonly searchLimits?: SearchLimits;
}

export interface PodDNSInput {
  readonly namespace: string;
  readonly name?: string;
  readonly dnsPolicy: string;
  readonly hostNetwork: boolean;
  readonly dnsConfig?: PodDNSConfig | null;
}

export interface DNSEvent {
  readonly type: 'Warning' | 'Normal';
  readonly reason: string;
  readonly message: string;
  /** Which object the kubelet records it on. */
  readonly on: 'node' | 'pod';
}

export interface PodDNSResult {
  /** Null when the kubelet fails (unreadable node resolv.conf): the sandbox is not created. */
  readonly conf: ResolvConf | null;
  readonly type: PodDNSType;
  readonly events: readonly DNSEvent[];
  /** getPodDNSType's error for an unknown dnsPolicy (the kubelet logs it and uses cluster). */
  readonly policyError?: string;
  /** Why conf is null. */
  readonly error?: string;
}

/** dns.go defaultDNSOptions. */
export const DEFAULT_DNS_OPTIONS = ['ndots:5'] as const;

/** dns.go generateSearchesForDNSClusterFirst. */
export function generateSearchesForDNSClusterFirst(hostSearch: readonly string[], namespace: string, clusterDomain: string): string[] {
  if (clusterDomain === '') return [...hostSearch];
  return omitDuplicates([`${namespace}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain, ...hostSearch]);
}

export function getPodDNS(kubelet: KubeletDNSSettings, pod: PodDNSInput): PodDNSResult {
  const events: DNSEvent[] = [];
  // getHostDNSConfig: no base file when --resolv-conf is "".
  let conf: ResolvConf = EMPTY_RESOLV_CONF;
  if (kubelet.resolvConf !== null) {
    const parsed = parseResolvConf(kubelet.resolvConf);
    if (parsed.errors.length > 0) {
      const e = parsed.errors[0]!;
      return { conf: null, type: 'cluster', events, error: `node resolv.conf line ${e.line}: ${e.message}` };
    }
    conf = parsed.conf;
  }
  const t = getPodDNSType(pod.dnsPolicy, pod.hostNetwork);
  // "Failed to get DNS type for pod. Falling back to DNSClusterFirst policy."
  let type = t.type;
  if (type === 'none') {
    conf = EMPTY_RESOLV_CONF;
  } else if (type === 'cluster' && kubelet.clusterDNS.length > 0) {
    conf = {
      nameservers: kubelet.clusterDNS.map((ip) => canonicalIP(ip) ?? ip),
      searches: generateSearchesForDNSClusterFirst(conf.searches, pod.namespace, kubelet.clusterDomain),
      options: [...DEFAULT_DNS_OPTIONS],
    };
  } else {
    if (type === 'cluster') {
      const nodeMsg = 'kubelet does not have ClusterDNS IP configured and cannot create Pod using "ClusterFirst" policy. Falling back to "Default" policy.';
      events.push({ type: 'Warning', reason: 'MissingClusterDNS', message: nodeMsg, on: 'node' });
      events.push({ type: 'Warning', reason: 'MissingClusterDNS', message: `pod: "${pod.name ?? ''}_${pod.namespace}". ${nodeMsg}`, on: 'pod' });
      type = 'host';
    }
    if (kubelet.resolvConf === null) {
      // "use DNS settings that … effectively disable DNS lookups": localhost per node IP family.
      const servers = (kubelet.nodeIPs ?? []).map((ip) => (parseIP(ip)?.family === 'IPv6' ? '::1' : '127.0.0.1'));
      conf = { nameservers: servers.length > 0 ? servers : ['127.0.0.1'], searches: ['.'], options: conf.options };
    }
  }
  if (pod.dnsConfig) conf = appendDNSConfig(conf, pod.dnsConfig);
  // formDNSConfigFitsLimits
  const ns = formDNSNameserversFitsLimits(conf.nameservers);
  const search = formDNSSearchFitsLimits(conf.searches, kubelet.searchLimits ?? SEARCH_LIMITS_CURRENT);
  for (const ev of [ns.event, search.event]) {
    if (ev) events.push({ type: 'Warning', reason: 'DNSConfigForming', message: ev, on: 'pod' });
  }
  return { conf: { nameservers: ns.list, searches: search.list, options: [...conf.options] }, type, events, ...(t.error ? { policyError: t.error } : {}) };
}

/** `"<Type> <Reason> <message>"`, as the vectors and `kubectl get events` show an event. */
export function formatDNSEvent(e: DNSEvent): string {
  return `${e.type} ${e.reason} ${e.message}`;
}
