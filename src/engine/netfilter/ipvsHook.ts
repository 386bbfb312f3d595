// Where IPVS plugs into the walker (ip_vs_ops4 in net/netfilter/ipvs/ip_vs_core.c): LOCAL_IN
// ip_vs_in_hook @ NF_IP_PRI_NAT_SRC-1 (99), LOCAL_OUT @ NF_IP_PRI_NAT_DST+2 (-98). The ipvs
// work (src/engine/netfilter/ipvs/) supplies the handler; without one no IPVS hook runs.
import type { Packet } from './packet.ts';

export interface IpvsDecision {
  /** The virtual service, e.g. `TCP 10.96.0.10:53 rr`. */
  readonly service: string;
  /** The chosen real server (`ip:port`), or null when the service has none (packet dropped). */
  readonly realServer: { readonly address: string; readonly port: number } | null;
}

export interface IpvsHandler {
  /**
   * The virtual service the packet's destination hits, or null for none. `choose` picks among
   * real servers the way the scheduler would (seeded, or explored in "all paths").
   */
  lookup(p: Packet, choose: (p: number, label: string) => boolean): IpvsDecision | null;
}
