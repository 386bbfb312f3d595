// The kernel's view of one IPVS virtual service and its destinations (include/net/ip_vs.h
// struct ip_vs_service / ip_vs_dest), built from what kube-proxy programmed.
import { parseIP, type ParsedIP } from '../../shared/ip.ts';
import type { VirtualServer, VirtualServerFlag } from '../../kubeproxy/ipvs/index.ts';

export type IpvsProto = 'tcp' | 'udp' | 'sctp';

export interface IpvsDest {
  readonly address: string;
  readonly addr: ParsedIP;
  readonly port: number;
  readonly weight: number;
  /** ip_vs_dest.last_weight: the latest non-zero weight (mh keeps its table stable across weight 0). */
  readonly lastWeight: number;
  readonly activeConns: number;
  readonly inactConns: number;
  /** IP_VS_DEST_F_OVERLOAD (u_threshold reached); kube-proxy sets no thresholds. */
  readonly overloaded: boolean;
}

export interface IpvsService {
  /** `tcp|10.96.0.10|80`, or `fwm|<mark>` for firewall-mark services. */
  readonly key: string;
  readonly proto: IpvsProto;
  readonly address: string;
  readonly port: number;
  readonly fwmark: number;
  readonly scheduler: string;
  readonly flags: readonly VirtualServerFlag[];
  /** Persistence timeout in seconds (IP_VS_SVC_F_PERSISTENT). */
  readonly timeout: number;
  /** Destinations in kernel list order (ip_vs_ctl.c __ip_vs_update_dest adds at the head). */
  readonly dests: readonly IpvsDest[];
}

export function serviceKey(proto: string, address: string, port: number): string {
  return `${proto.toLowerCase()}|${address}|${port}`;
}

/** `TCP  10.96.0.10:80 rr` — how ipvsadm names the service. */
export function describeService(s: IpvsService): string {
  const addr = s.address.includes(':') ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`;
  return s.fwmark ? `FWM  ${s.fwmark} ${s.scheduler}` : `${s.proto.toUpperCase().padEnd(4)} ${addr} ${s.scheduler}`;
}

/**
 * kube-proxy adds real servers one by one (AddRealServer) and the kernel links each new one at
 * the head of svc->destinations, so the kernel list is the reverse of the add order. kube-proxy's
 * add order is a Go map's (random); the lab adds them in the order given.
 */
export function ipvsServiceFrom(vs: VirtualServer): IpvsService {
  const dests: IpvsDest[] = [];
  for (const rs of vs.realServers) {
    const addr = parseIP(rs.address);
    if (!addr) continue;
    dests.unshift({
      address: rs.address,
      addr,
      port: rs.port,
      weight: rs.weight,
      // kube-proxy only ever sets weight 0 on a dest that had weight 1 (graceful termination).
      lastWeight: rs.weight > 0 ? rs.weight : 1,
      activeConns: rs.activeConn ?? 0,
      inactConns: rs.inactConn ?? 0,
      overloaded: false,
    });
  }
  return {
    key: vs.fwmark ? `fwm|${vs.fwmark}` : serviceKey(vs.protocol, vs.address, vs.port),
    proto: vs.protocol.toLowerCase() as IpvsProto,
    address: vs.address,
    port: vs.port,
    fwmark: vs.fwmark ?? 0,
    scheduler: vs.scheduler,
    flags: vs.flags,
    timeout: vs.timeout,
    dests,
  };
}

/** ip_vs_dest_conn_overhead: active connections weigh 256 times an inactive one. */
export function connOverhead(d: IpvsDest): number {
  return d.activeConns * 256 + d.inactConns;
}
