// The ipsets kube-proxy's ipvs proxier creates and fills, and the text of their members.
// Mirrors pkg/proxy/ipvs/proxier.go (ipsetInfo, the kube*Set names and comments),
// pkg/proxy/ipvs/ipset.go (NewIPSet: the KUBE-6- prefix for IPv6) and
// pkg/proxy/ipvs/ipset/types.go + ipset.go (Type, Entry.String()).
import type { IPFamily } from '../../shared/ip.ts';

export type IPSetType = 'hash:ip' | 'hash:ip,port' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'bitmap:port';

/** Base names (the IPv4 names; IPv6 sets are named by `ipsetName`). */
export type IPSetBaseName =
  | 'KUBE-LOOP-BACK'
  | 'KUBE-CLUSTER-IP'
  | 'KUBE-EXTERNAL-IP'
  | 'KUBE-EXTERNAL-IP-LOCAL'
  | 'KUBE-LOAD-BALANCER'
  | 'KUBE-LOAD-BALANCER-FW'
  | 'KUBE-LOAD-BALANCER-LOCAL'
  | 'KUBE-LOAD-BALANCER-SOURCE-IP'
  | 'KUBE-LOAD-BALANCER-SOURCE-CIDR'
  | 'KUBE-NODE-PORT-TCP'
  | 'KUBE-NODE-PORT-LOCAL-TCP'
  | 'KUBE-NODE-PORT-UDP'
  | 'KUBE-NODE-PORT-LOCAL-UDP'
  | 'KUBE-NODE-PORT-SCTP-HASH'
  | 'KUBE-NODE-PORT-LOCAL-SCTP-HASH'
  | 'KUBE-HEALTH-CHECK-NODE-PORT'
  | 'KUBE-IPVS-IPS';

export interface IPSetInfo {
  readonly name: IPSetBaseName;
  readonly type: IPSetType;
  readonly comment: string;
}

// kube-proxy: proxier.go ipsetInfo — also the order the sets are created in (and `ipset list` order).
export const IPSET_INFO: readonly IPSetInfo[] = [
  { name: 'KUBE-LOOP-BACK', type: 'hash:ip,port,ip', comment: 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose' },
  { name: 'KUBE-CLUSTER-IP', type: 'hash:ip,port', comment: 'Kubernetes service cluster ip + port for masquerade purpose' },
  { name: 'KUBE-EXTERNAL-IP', type: 'hash:ip,port', comment: 'Kubernetes service external ip + port for masquerade and filter purpose' },
  { name: 'KUBE-EXTERNAL-IP-LOCAL', type: 'hash:ip,port', comment: 'Kubernetes service external ip + port with externalTrafficPolicy=local' },
  { name: 'KUBE-LOAD-BALANCER', type: 'hash:ip,port', comment: 'Kubernetes service lb portal' },
  { name: 'KUBE-LOAD-BALANCER-FW', type: 'hash:ip,port', comment: 'Kubernetes service load balancer ip + port for load balancer with sourceRange' },
  { name: 'KUBE-LOAD-BALANCER-LOCAL', type: 'hash:ip,port', comment: 'Kubernetes service load balancer ip + port with externalTrafficPolicy=local' },
  { name: 'KUBE-LOAD-BALANCER-SOURCE-IP', type: 'hash:ip,port,ip', comment: 'Kubernetes service load balancer ip + port + source IP for packet filter purpose' },
  { name: 'KUBE-LOAD-BALANCER-SOURCE-CIDR', type: 'hash:ip,port,net', comment: 'Kubernetes service load balancer ip + port + source cidr for packet filter purpose' },
  { name: 'KUBE-NODE-PORT-TCP', type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port for masquerade purpose' },
  { name: 'KUBE-NODE-PORT-LOCAL-TCP', type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port with externalTrafficPolicy=local' },
  { name: 'KUBE-NODE-PORT-UDP', type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port for masquerade purpose' },
  { name: 'KUBE-NODE-PORT-LOCAL-UDP', type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port with externalTrafficPolicy=local' },
  { name: 'KUBE-NODE-PORT-SCTP-HASH', type: 'hash:ip,port', comment: "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'" },
  { name: 'KUBE-NODE-PORT-LOCAL-SCTP-HASH', type: 'hash:ip,port', comment: "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'" },
  { name: 'KUBE-HEALTH-CHECK-NODE-PORT', type: 'bitmap:port', comment: 'Kubernetes health check node port' },
  { name: 'KUBE-IPVS-IPS', type: 'hash:ip', comment: 'Addresses on the ipvs interface' },
];

const INFO_BY_NAME = new Map(IPSET_INFO.map((i) => [i.name, i]));

export function ipsetInfo(name: IPSetBaseName): IPSetInfo {
  const i = INFO_BY_NAME.get(name);
  if (!i) throw new Error(`unknown ipset ${name}`);
  return i;
}

/** ipset's name limit (IPSET_MAXNAMELEN - 1). */
export const IPSET_MAX_NAME_LENGTH = 31;

/**
 * The name on the node. kube-proxy: ipset.go NewIPSet — an IPv6 proxier replaces the `KUBE-`
 * prefix with `KUBE-6-` and cuts the result to 31 characters.
 */
export function ipsetName(base: IPSetBaseName, family: IPFamily): string {
  if (family === 'IPv4') return base;
  return ('KUBE-6-' + base.slice('KUBE-'.length)).slice(0, IPSET_MAX_NAME_LENGTH);
}

/** One member, as kube-proxy's utilipset.Entry holds it. */
export interface IPSetEntry {
  readonly setType: IPSetType;
  readonly ip?: string;
  readonly port?: number;
  /** Lower case, as kube-proxy writes it (`tcp`, `udp`, `sctp`). */
  readonly protocol?: string;
  readonly ip2?: string;
  readonly net?: string;
}

/** kube-proxy: ipset/ipset.go Entry.String() — also the member line `ipset list` prints. */
export function entryString(e: IPSetEntry): string {
  switch (e.setType) {
    case 'hash:ip':
      return `${e.ip}`;
    case 'hash:ip,port':
      return `${e.ip},${e.protocol}:${e.port}`;
    case 'hash:ip,port,ip':
      return `${e.ip},${e.protocol}:${e.port},${e.ip2}`;
    case 'hash:ip,port,net':
      return `${e.ip},${e.protocol}:${e.port},${e.net}`;
    case 'bitmap:port':
      return String(e.port);
  }
}

/**
 * kube-proxy: ipset/ipset.go Entry.Validate — a negative port is refused everywhere (0 is
 * accepted, which is why a Service port left at 0 still shows up as `ip,tcp:0`), a bitmap:port
 * entry must lie in the set's range (0-65535).
 */
export function entryValid(e: IPSetEntry): boolean {
  if (e.port !== undefined && e.port < 0) return false;
  if (e.setType === 'bitmap:port') return e.port !== undefined && e.port >= 0 && e.port <= 65535;
  return true;
}

/** The sets of one sync: base name → members (Entry.String()), insertion-ordered, no duplicates. */
export type IPSetContents = ReadonlyMap<IPSetBaseName, readonly string[]>;
