// What ip_vs_in_hook does with a packet at LOCAL_IN / LOCAL_OUT (net/netfilter/ipvs/ip_vs_core.c
// ip_vs_in_hook, ip_vs_try_to_schedule, ip_vs_schedule, ip_vs_sched_persist; ip_vs_conn.c
// ip_vs_conn_in_get, ip_vs_check_template), as a pure function: state and packet in, decision
// and the next state out. Services are found by hash, so the cost does not grow with their number.
import { parseIP } from '../../shared/ip.ts';
import type { VirtualServer } from '../../kubeproxy/ipvs/index.ts';
import { describeService, ipvsServiceFrom, serviceKey, type IpvsDest, type IpvsProto, type IpvsService } from './ipvsService.ts';
import { schedulerFor } from './schedulers/index.ts';

/** An IPVS connection entry (`ipvsadm -Lnc`): client → virtual → destination. */
export interface IpvsConn {
  readonly proto: IpvsProto;
  readonly caddr: string;
  readonly cport: number;
  readonly vaddr: string;
  readonly vport: number;
  readonly daddr: string;
  readonly dport: number;
  /** Simulated-clock milliseconds when it expires. */
  readonly expires: number;
  /** A persistence template (client port 0, state NONE). */
  readonly template?: boolean;
}

export interface IpvsKernelState {
  readonly services: ReadonlyMap<string, IpvsService>;
  /** Scheduler state per service key (rr pointer, wrr mark, sh/dh/mh tables) as built. */
  readonly sched: ReadonlyMap<string, unknown>;
  /**
   * Scheduler state changed by lookups since the state was built. Kept apart from `sched` so a
   * lookup copies only what it touched: its cost does not grow with the number of services.
   */
  readonly schedChanged?: ReadonlyMap<string, unknown>;
  readonly conns: ReadonlyMap<string, IpvsConn>;
  /** Persistence templates by `proto|client|vaddr|vport`. */
  readonly templates: ReadonlyMap<string, IpvsConn>;
  /** Connections bound to each dest since the state was built, by `service key|addr|port`. */
  readonly destConns?: ReadonlyMap<string, { readonly active: number; readonly inact: number }>;
}

export interface IpvsPacket {
  readonly proto: string;
  readonly src: string;
  readonly sport: number;
  readonly dst: string;
  readonly dport: number;
  /** skb->mark, for firewall-mark services. */
  readonly mark?: number;
}

export type IpvsVerdict =
  /** No virtual service at that address: NF_ACCEPT, normal local delivery goes on. */
  | 'no-service'
  /** A packet of a known connection: it follows the conn. */
  | 'existing-connection'
  /** A new connection, scheduled (or sent by the persistence template) to `dest`. */
  | 'scheduled'
  /** The service has no usable destination: ip_vs_leave sends ICMP port unreachable, drops. */
  | 'no-destination'
  /** The conn's destination was deleted: expire_nodest_conn=1 expires it and drops the packet. */
  | 'dest-gone';

export interface IpvsLookupResult {
  readonly verdict: IpvsVerdict;
  /** `TCP  10.96.0.10:80 rr` */
  readonly service?: string;
  readonly dest?: { readonly address: string; readonly port: number };
  /** True when a persistence template chose the destination. */
  readonly viaTemplate?: boolean;
  readonly state: IpvsKernelState;
}

/** IPVS protocol timeouts (ip_vs_proto_tcp.c tcp_timeouts ESTABLISHED, ip_vs_proto_udp.c NORMAL). */
export const IPVS_CONN_TIMEOUT_MS: Readonly<Record<IpvsProto, number>> = { tcp: 900_000, udp: 300_000, sctp: 900_000 };

export function emptyIpvsKernelState(): IpvsKernelState {
  return { services: new Map(), sched: new Map(), conns: new Map(), templates: new Map() };
}

/**
 * The kernel state after kube-proxy programmed `virtualServers`. Connections and templates of
 * services that still exist are kept; scheduler state is kept where the dest list is unchanged.
 */
export function ipvsKernelStateFrom(virtualServers: readonly VirtualServer[], previous?: IpvsKernelState): IpvsKernelState {
  const services = new Map<string, IpvsService>();
  const sched = new Map<string, unknown>();
  for (const vs of virtualServers) {
    const svc = ipvsServiceFrom(vs);
    services.set(svc.key, svc);
    const old = previous?.services.get(svc.key);
    const s = schedulerFor(svc.scheduler);
    const prevSched = previous?.schedChanged?.get(svc.key) ?? previous?.sched.get(svc.key);
    if (old && sameDests(old, svc) && prevSched !== undefined) sched.set(svc.key, prevSched);
    else if (s) sched.set(svc.key, s.init(svc));
  }
  const live = (c: IpvsConn) => services.has(serviceKey(c.proto, c.vaddr, c.vport));
  return {
    services,
    sched,
    conns: new Map([...(previous?.conns ?? [])].filter(([, c]) => live(c))),
    templates: new Map([...(previous?.templates ?? [])].filter(([, c]) => live(c))),
    destConns: new Map([...(previous?.destConns ?? [])].filter(([k]) => services.has(k.split('|').slice(0, 3).join('|')))),
  };
}

function sameDests(a: IpvsService, b: IpvsService): boolean {
  return a.scheduler === b.scheduler && a.dests.length === b.dests.length
    && a.dests.every((d, i) => d.address === b.dests[i]!.address && d.port === b.dests[i]!.port && d.weight === b.dests[i]!.weight);
}

const connKey = (proto: string, caddr: string, cport: number, vaddr: string, vport: number) => `${proto}|${caddr}|${cport}|${vaddr}|${vport}`;

function findDest(svc: IpvsService, address: string, port: number): IpvsDest | undefined {
  return svc.dests.find((d) => d.address === address && d.port === port);
}

/** ip_vs_in_hook for the first packet seen at LOCAL_IN or LOCAL_OUT; `now` is simulated ms. */
export function ipvsLookup(state: IpvsKernelState, pkt: IpvsPacket, now = 0): IpvsLookupResult {
  const proto = pkt.proto.toLowerCase();
  // Only TCP, UDP and SCTP are scheduled (ICMP is handled only when related to a conn).
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') return { verdict: 'no-service', state };
  const src = parseIP(pkt.src);
  const dst = parseIP(pkt.dst);
  if (!src || !dst) return { verdict: 'no-service', state };

  const ck = connKey(proto, pkt.src, pkt.sport, pkt.dst, pkt.dport);
  const conn = state.conns.get(ck);
  const svc = state.services.get(serviceKey(proto, pkt.dst, pkt.dport))
    ?? (pkt.mark ? state.services.get(`fwm|${pkt.mark}`) : undefined);
  if (conn && conn.expires > now) {
    const name = svc ? describeService(svc) : undefined;
    if (!svc || !findDest(svc, conn.daddr, conn.dport)) {
      const conns = new Map(state.conns);
      conns.delete(ck);
      return { verdict: 'dest-gone', ...(name ? { service: name } : {}), state: { ...state, conns } };
    }
    const conns = new Map(state.conns).set(ck, { ...conn, expires: now + IPVS_CONN_TIMEOUT_MS[conn.proto] });
    return { verdict: 'existing-connection', service: name!, dest: { address: conn.daddr, port: conn.dport }, state: { ...state, conns } };
  }
  if (!svc) return { verdict: 'no-service', state };
  const name = describeService(svc);

  let destIdx: number | null = null;
  let viaTemplate = false;
  let schedChanged = state.schedChanged;
  let templates = state.templates;
  const tk = `${proto}|${pkt.src}|${svc.address}|${svc.port}`;
  if (svc.flags.includes('persistent')) {
    // ip_vs_sched_persist: a live template whose dest still takes new conns decides
    // (expire_quiescent_template=1: a weight-0 dest invalidates it, ip_vs_check_template).
    const t = templates.get(tk);
    // ip_vs_conn_expire re-arms a template while it still controls live conns (n_control > 0).
    const controlsLive = (tpl: IpvsConn) => [...state.conns.values()].some((c) =>
      c.expires > now && c.proto === tpl.proto && c.caddr === tpl.caddr && c.vaddr === tpl.vaddr && c.vport === tpl.vport && c.daddr === tpl.daddr && c.dport === tpl.dport);
    if (t && (t.expires > now || controlsLive(t))) {
      const i = svc.dests.findIndex((d) => d.address === t.daddr && d.port === t.dport);
      if (i >= 0 && svc.dests[i]!.weight > 0) {
        destIdx = i;
        viaTemplate = true;
      }
    }
  }
  if (destIdx === null) {
    const s = schedulerFor(svc.scheduler);
    if (!s) return { verdict: 'no-destination', service: `${name} (scheduler not modelled)`, state };
    const current = state.schedChanged?.get(svc.key) ?? state.sched.get(svc.key) ?? s.init(svc);
    const r = s.schedule(withCounters(svc, state.destConns), current, { src, sport: pkt.sport, dst, dport: pkt.dport });
    if (r.state !== current) schedChanged = new Map(state.schedChanged ?? []).set(svc.key, r.state);
    destIdx = r.dest;
  }
  if (destIdx === null) return { verdict: 'no-destination', service: name, state: { ...state, ...(schedChanged ? { schedChanged } : {}) } };
  const d = svc.dests[destIdx]!;
  if (svc.flags.includes('persistent')) {
    // Using (or making) the template re-arms its timer to the persistence timeout.
    templates = new Map(templates).set(tk, {
      proto, caddr: pkt.src, cport: 0, vaddr: svc.address, vport: svc.port, daddr: d.address, dport: d.port,
      expires: now + svc.timeout * 1000, template: true,
    });
  }
  const conns = new Map(state.conns).set(ck, {
    proto, caddr: pkt.src, cport: pkt.sport, vaddr: pkt.dst, vport: pkt.dport, daddr: d.address, dport: d.port,
    expires: now + IPVS_CONN_TIMEOUT_MS[proto],
  });
  // ip_vs_bind_dest: the new conn counts against its dest (lc/wlc read these). The lab counts a
  // TCP conn as active (it assumes the handshake completes) and every UDP/SCTP conn as inactive.
  const dk = `${svc.key}|${d.address}|${d.port}`;
  const c = state.destConns?.get(dk) ?? { active: 0, inact: 0 };
  const destConns = new Map(state.destConns ?? []).set(dk, proto === 'tcp' ? { ...c, active: c.active + 1 } : { ...c, inact: c.inact + 1 });
  return {
    verdict: 'scheduled', service: name, dest: { address: d.address, port: d.port }, ...(viaTemplate ? { viaTemplate } : {}),
    state: { services: state.services, sched: state.sched, ...(schedChanged ? { schedChanged } : {}), conns, templates, destConns },
  };
}

/** The service with each dest's counters raised by the conns bound since the state was built. */
function withCounters(svc: IpvsService, destConns: IpvsKernelState['destConns']): IpvsService {
  if (!destConns || destConns.size === 0) return svc;
  return {
    ...svc,
    dests: svc.dests.map((d) => {
      const c = destConns.get(`${svc.key}|${d.address}|${d.port}`);
      return c ? { ...d, activeConns: d.activeConns + c.active, inactConns: d.inactConns + c.inact } : d;
    }),
  };
}
