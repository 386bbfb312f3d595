// The IPVS objects kube-proxy programs: one VirtualServer per (address, port, protocol) with its
// RealServers. Mirrors kube-proxy pkg/proxy/ipvs/util/ipvs.go (VirtualServer, RealServer) and the
// kernel's ip_vs_service / ip_vs_dest (include/net/ip_vs.h).
import type { Protocol } from '../types.ts';
import { canonicalIP, ipFamilyOf, parseIP, type IPFamily } from '../../shared/ip.ts';

/**
 * Service flags. kube-proxy sets only `persistent` (FlagPersistent 0x1, sessionAffinity ClientIP)
 * and `source-hash` (FlagSourceHash 0x10 = IP_VS_SVC_F_SCHED2, which ipvsadm prints as `mh-port`
 * for mh and `sh-port` for sh). `hashed` (0x2) is what the kernel reports for every listed service.
 */
export type VirtualServerFlag = 'persistent' | 'hashed' | 'source-hash';

export interface RealServer {
  readonly address: string;
  readonly port: number;
  /** 1 as kube-proxy adds it; 0 while graceful termination waits for its connections to end. */
  readonly weight: number;
  /** Counters as `ipvsadm -Ln` prints them (ActiveConn, InActConn); 0 on a fresh sync. */
  readonly activeConn?: number;
  readonly inactConn?: number;
}

export interface VirtualServer {
  readonly address: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly scheduler: string;
  readonly flags: readonly VirtualServerFlag[];
  /** Persistence timeout in seconds (sessionAffinityConfig.clientIP.timeoutSeconds); 0 when not persistent. */
  readonly timeout: number;
  /** Firewall mark services (ipvsadm -f); kube-proxy never creates them. */
  readonly fwmark?: number;
  readonly realServers: readonly RealServer[];
}

/** kube-proxy's VirtualServer.String(): `addr:port/proto` (IPv6 in brackets), used as the identity. */
export function virtualServerKey(vs: Pick<VirtualServer, 'address' | 'port' | 'protocol'>): string {
  return `${hostPort(vs.address, vs.port)}/${vs.protocol}`;
}

/** `ip:port`, `[ip]:port` for IPv6 (net.JoinHostPort). */
export function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

export function realServerKey(rs: Pick<RealServer, 'address' | 'port'>): string {
  return hostPort(rs.address, rs.port);
}

export function familyOfVirtualServer(vs: Pick<VirtualServer, 'address'>): IPFamily {
  return ipFamilyOf(vs.address) ?? 'IPv4';
}

/** Canonical address text (netip), or the input when it does not parse. */
export function canonicalAddress(text: string): string {
  return canonicalIP(text) ?? text;
}

/** By address (numerically, v4 before v6), then port: the order the vectors list real servers in. */
export function compareRealServers(a: Pick<RealServer, 'address' | 'port'>, b: Pick<RealServer, 'address' | 'port'>): number {
  const ia = parseIP(a.address);
  const ib = parseIP(b.address);
  if (ia && ib && ia.family !== ib.family) return ia.family === 'IPv4' ? -1 : 1;
  if (ia && ib && ia.value !== ib.value) return ia.value < ib.value ? -1 : 1;
  return a.port - b.port;
}
