// Which local addresses the ipvs proxier sees. Mirrors pkg/proxy/ipvs/proxier.go syncProxyRules
// (nodeAddressSet, nodeIPs for NodePort virtual servers), netlink_linux.go
// GetAllLocalAddressesExcept and pkg/proxy/util/nodeport_addresses.go (MatchAll, GetNodeIPs).
import { cidrContains, formatIP, parseCIDR, parseIP, type IPFamily, type ParsedIP } from '../../shared/ip.ts';
import type { ProxierConfig } from '../types.ts';

export const KUBE_IPVS0 = 'kube-ipvs0';

const stripPrefix = (a: string) => a.split('/')[0] ?? a;

function isLoopback(ip: ParsedIP): boolean {
  return ip.family === 'IPv4' ? ip.value >> 24n === 127n : ip.value === 1n;
}

function isLinkLocalV6(ip: ParsedIP): boolean {
  return ip.family === 'IPv6' && ip.value >> 118n === 0x3fan; // fe80::/10
}

function sortUnique(ips: ParsedIP[]): string[] {
  const seen = new Map<string, ParsedIP>();
  for (const ip of ips) seen.set(formatIP(ip), ip);
  return [...seen.values()].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)).map(formatIP);
}

/**
 * nodeAddressSet: every local address of the proxier's family except those on kube-ipvs0 (read
 * from the `local` routing table, so IPv4 loopback and IPv6 link-local addresses are left out).
 */
export function nodeAddressSet(config: Pick<ProxierConfig, 'ipFamily' | 'nodeIPs' | 'hostInterfaces'>): string[] {
  const all: ParsedIP[] = [];
  const add = (text: string) => {
    const ip = parseIP(stripPrefix(text));
    if (ip && ip.family === config.ipFamily && !isLoopback(ip) && !isLinkLocalV6(ip)) all.push(ip);
  };
  config.nodeIPs.forEach(add);
  for (const [dev, addrs] of Object.entries(config.hostInterfaces)) {
    if (dev !== KUBE_IPVS0) addrs.forEach(add);
  }
  return sortUnique(all);
}

/** NodePortAddresses.MatchAll: no CIDR of this family given, or one of them is 0.0.0.0/0 or ::/0. */
export function nodePortAddressesMatchAll(family: IPFamily, cidrs: readonly string[] | null): boolean {
  const mine = (cidrs ?? []).map((c) => parseCIDR(c)).filter((c) => c !== null && c.family === family);
  return mine.length === 0 || mine.some((c) => c!.prefix === 0);
}

/**
 * The addresses that get one NodePort virtual server each: all of nodeAddressSet when
 * nodePortAddresses matches everything, else the interface addresses inside those CIDRs
 * (GetNodeIPs), loopback left out; then filtered to the proxier's family.
 */
export function ipvsNodePortIPs(config: Pick<ProxierConfig, 'ipFamily' | 'nodeIPs' | 'hostInterfaces' | 'nodePortAddresses'>): string[] {
  if (nodePortAddressesMatchAll(config.ipFamily, config.nodePortAddresses)) return nodeAddressSet(config);
  const cidrs = (config.nodePortAddresses ?? []).map((c) => parseCIDR(c)).filter((c) => c !== null && c.family === config.ipFamily);
  const out: ParsedIP[] = [];
  const interfaceAddrs = Object.entries(config.hostInterfaces).filter(([d]) => d !== KUBE_IPVS0).flatMap(([, a]) => a);
  // GetNodeIPs reads the interfaces (networkInterfacer), not the netlink local-address list.
  for (const text of interfaceAddrs) {
    const ip = parseIP(stripPrefix(text));
    if (!ip || isLoopback(ip)) continue;
    if (cidrs.some((c) => cidrContains(c!, ip))) out.push(ip);
  }
  return sortUnique(out).filter((a) => parseIP(a)?.family === config.ipFamily);
}
