// ProxyModel → IptablesRuleset: the whole of kube-proxy's syncProxyRules for one node
// (pkg/proxy/iptables/proxier.go). Services are visited in model order (sorted by
// ServicePortName); real kube-proxy walks a Go map, which is why tests sort before comparing.
import { parseCIDRSloppy, parseIPSloppy, sloppyCIDRContains } from '../sloppyIP.ts';
import type { ProxyModel } from '../types.ts';
import { localTrafficDetector } from './localDetector.ts';
import { newTable, type IptablesRuleset, type JumpRule } from './ruleset.ts';
import {
  CT_INVALID_NFACCT, KUBE_EXTERNAL_SERVICES, KUBE_FIREWALL, KUBE_FORWARD, KUBE_MARK_MASQ, KUBE_NODEPORTS,
  KUBE_POSTROUTING, KUBE_PROXY_FIREWALL, KUBE_SERVICES, writeServicePortRules, type SyncContext,
} from './writeServicePortRules.ts';

/** largeClusterEndpointsThreshold: above this many endpoints per-endpoint comments are dropped. */
export const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;
export const KUBE_PROXY_CANARY = 'KUBE-PROXY-CANARY';

/**
 * iptablesJumpChains then iptablesKubeletJumpChains (proxier.go): each is inserted at the top
 * of its built-in chain with `iptables -I`, so on empty chains they end up in reverse order.
 */
export const JUMP_RULES: readonly JumpRule[] = [
  { table: 'filter', chain: 'INPUT', args: ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', '"kubernetes externally-visible service portals"', '-j', KUBE_EXTERNAL_SERVICES] },
  { table: 'filter', chain: 'FORWARD', args: ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', '"kubernetes externally-visible service portals"', '-j', KUBE_EXTERNAL_SERVICES] },
  { table: 'filter', chain: 'INPUT', args: ['-m', 'comment', '--comment', '"kubernetes health check service ports"', '-j', KUBE_NODEPORTS] },
  { table: 'filter', chain: 'FORWARD', args: ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', '"kubernetes service portals"', '-j', KUBE_SERVICES] },
  { table: 'filter', chain: 'OUTPUT', args: ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', '"kubernetes service portals"', '-j', KUBE_SERVICES] },
  { table: 'filter', chain: 'FORWARD', args: ['-m', 'comment', '--comment', '"kubernetes forwarding rules"', '-j', KUBE_FORWARD] },
  { table: 'filter', chain: 'INPUT', args: ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', '"kubernetes load balancer firewall"', '-j', KUBE_PROXY_FIREWALL] },
  { table: 'filter', chain: 'OUTPUT', args: ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', '"kubernetes load balancer firewall"', '-j', KUBE_PROXY_FIREWALL] },
  { table: 'filter', chain: 'FORWARD', args: ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', '"kubernetes load balancer firewall"', '-j', KUBE_PROXY_FIREWALL] },
  { table: 'nat', chain: 'OUTPUT', args: ['-m', 'comment', '--comment', '"kubernetes service portals"', '-j', KUBE_SERVICES] },
  { table: 'nat', chain: 'PREROUTING', args: ['-m', 'comment', '--comment', '"kubernetes service portals"', '-j', KUBE_SERVICES] },
  { table: 'nat', chain: 'POSTROUTING', args: ['-m', 'comment', '--comment', '"kubernetes postrouting rules"', '-j', KUBE_POSTROUTING] },
  { table: 'filter', chain: 'INPUT', args: ['-j', KUBE_FIREWALL] },
  { table: 'filter', chain: 'OUTPUT', args: ['-j', KUBE_FIREWALL] },
];

export interface SyncOptions {
  /** Override of the large-cluster threshold (tests). */
  readonly largeClusterThreshold?: number;
}

/** nodeport_addresses.go GetNodeIPs: host addresses inside nodePortAddresses, de-duplicated. */
function nodePortIPs(model: ProxyModel): { matchAll: boolean; ips: string[] } {
  const cfg = model.config;
  const cidrs = (cfg.nodePortAddresses ?? []).map((c) => parseCIDRSloppy(c)).filter((c) => c !== null && c.family === cfg.ipFamily);
  if (cidrs.length === 0 || cidrs.some((c) => c!.prefix === 0)) return { matchAll: true, ips: [] };
  const seen = new Set<string>();
  const ips: string[] = [];
  const addrs = Object.values(cfg.hostInterfaces).flat().map((a) => parseIPSloppy(a.split('/')[0] ?? '')).filter((a) => a !== null);
  for (const c of cidrs) {
    for (const a of addrs) {
      if (sloppyCIDRContains(c!, a!.ip) && !seen.has(a!.text)) {
        seen.add(a!.text);
        ips.push(a!.text);
      }
    }
  }
  return { matchAll: false, ips };
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.');
}

export function syncProxyRules(model: ProxyModel, opts: SyncOptions = {}): IptablesRuleset {
  const cfg = model.config;
  const isIPv6 = cfg.ipFamily === 'IPv6';
  const filter = newTable('filter');
  const nat = newTable('nat');
  const top = (t: typeof filter, chains: string[]) => chains.forEach((name) => t.chains.push({ name }));
  top(filter, [KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL]);
  top(nat, [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ]);
  const natRule = (chain: string, words: readonly string[]) => nat.rules.push({ chain, spec: words.join(' ') });
  const filterRule = (chain: string, words: readonly string[]) => filter.rules.push({ chain, spec: words.join(' ') });
  const mark = cfg.masqueradeMark;

  natRule(KUBE_POSTROUTING, ['-m', 'mark', '!', '--mark', `${mark}/${mark}`, '-j', 'RETURN']);
  // Clear the mark so a packet that re-traverses the stack is not masqueraded twice.
  natRule(KUBE_POSTROUTING, ['-j', 'MARK', '--xor-mark', mark]);
  natRule(KUBE_POSTROUTING, ['-m', 'comment', '--comment', '"kubernetes service traffic requiring SNAT"', '-j', 'MASQUERADE', ...(cfg.iptablesHasRandomFully ? ['--random-fully'] : [])]);
  natRule(KUBE_MARK_MASQ, ['-j', 'MARK', '--or-mark', mark]);

  const localhostNodePorts = !isIPv6 && cfg.localhostNodePorts;
  if (localhostNodePorts) {
    // route_localnet opens a hole (issue 90259); this mirrors kubelet's copy of the rule.
    top(filter, [KUBE_FIREWALL]);
    filterRule(KUBE_FIREWALL, ['-m', 'comment', '--comment', '"block incoming localnet connections"', '-d', '127.0.0.0/8', '!', '-s', '127.0.0.0/8', '-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP']);
  }

  const totalEndpoints = model.servicePorts.reduce((n, sp) => n + sp.endpoints.length, 0);
  const largeClusterMode = totalEndpoints > (opts.largeClusterThreshold ?? LARGE_CLUSTER_ENDPOINTS_THRESHOLD);
  const ctx: SyncContext = { config: cfg, filter, nat, detector: localTrafficDetector(cfg.localDetector), largeClusterMode, localhostNodePorts };
  for (const sp of model.servicePorts) writeServicePortRules(ctx, sp);

  // Tail-call to KUBE-NODEPORTS: must be the last rule of nat KUBE-SERVICES.
  const last = ['-m', 'comment', '--comment', '"kubernetes service nodeports; NOTE: this must be the last rule in this chain"'];
  const np = nodePortIPs(model);
  if (np.matchAll) {
    const dest = ['-m', 'addrtype', '--dst-type', 'LOCAL'];
    if (isIPv6) dest.push('!', '-d', '::1/128');
    else if (!localhostNodePorts) dest.push('!', '-d', '127.0.0.0/8');
    natRule(KUBE_SERVICES, [...last, ...dest, '-j', KUBE_NODEPORTS]);
  } else {
    for (const ip of np.ips) {
      // NodePorts never work on IPv6 loopback, and on IPv4 loopback only with localhostNodePorts.
      if (isLoopback(ip) && (isIPv6 || !localhostNodePorts)) continue;
      natRule(KUBE_SERVICES, [...last, '-d', ip, '-j', KUBE_NODEPORTS]);
    }
  }

  // Drop INVALID packets unless nf_conntrack_tcp_be_liberal is set (issues 74839, 117924).
  if (!cfg.conntrackTCPLiberal) {
    filterRule(KUBE_FORWARD, ['-m', 'conntrack', '--ctstate', 'INVALID', ...(cfg.nfacctCounters[CT_INVALID_NFACCT] ? ['-m', 'nfacct', '--nfacct-name', CT_INVALID_NFACCT] : []), '-j', 'DROP']);
  }
  filterRule(KUBE_FORWARD, ['-m', 'comment', '--comment', '"kubernetes forwarding rules"', '-m', 'mark', '--mark', `${mark}/${mark}`, '-j', 'ACCEPT']);
  filterRule(KUBE_FORWARD, ['-m', 'comment', '--comment', '"kubernetes forwarding conntrack rule"', '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT']);

  return {
    family: cfg.ipFamily,
    filter,
    nat,
    jumpRules: JUMP_RULES,
    ensuredChains: [
      ...JUMP_RULES.map((j) => ({ table: j.table, chain: j.args[j.args.length - 1]! })),
      { table: 'mangle', chain: KUBE_PROXY_CANARY },
      { table: 'nat', chain: KUBE_PROXY_CANARY },
      { table: 'filter', chain: KUBE_PROXY_CANARY },
    ],
    largeClusterMode,
  };
}
