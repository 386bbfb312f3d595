// Connection tracking as the kernel keeps it (net/netfilter/nf_conntrack_core.c): an entry has
// the ORIGINAL tuple and the expected REPLY tuple (after NAT), status bits and a timeout.
// Entries are created unconfirmed at PREROUTING/OUTPUT (-200) and join the table only at the
// confirm hook (INT_MAX) of INPUT/POSTROUTING (nf_confirm), so a dropped first packet leaves none.
import type { IPFamily } from '../shared/ip.ts';
import { hostPort, type L4Proto, type Packet } from './packet.ts';

export interface Tuple {
  readonly src: string;
  readonly dst: string;
  readonly sport: number;
  readonly dport: number;
}

/** TCP states of nf_conntrack_proto_tcp.c (only those a traced handshake reaches). */
export type TcpState = 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED';

export interface ConntrackEntry {
  readonly id: number;
  readonly family: IPFamily;
  readonly proto: L4Proto;
  orig: Tuple;
  reply: Tuple;
  seenReply: boolean;
  assured: boolean;
  confirmed: boolean;
  /** IPS_SRC_NAT / IPS_DST_NAT: a real (non-null) binding exists. */
  srcNat: boolean;
  dstNat: boolean;
  /** IPS_SRC_NAT_DONE / IPS_DST_NAT_DONE: the nat chains were consulted (binding maybe null). */
  srcNatDone: boolean;
  dstNatDone: boolean;
  tcpState?: TcpState;
  /** The DNAT was made by IPVS (ip_vs_update_conntrack), which also undoes it itself (ip_vs_out). */
  ipvs?: boolean;
  /** Simulated-clock ms at which the entry expires. */
  expires: number;
  mark: number;
}

export interface ConntrackTable {
  readonly entries: readonly ConntrackEntry[];
  readonly nextId: number;
}

export const EMPTY_CONNTRACK: ConntrackTable = { entries: [], nextId: 1 };

/** Default timeouts, seconds (nf_conntrack_proto_tcp.c tcp_timeouts, _udp.c udp_timeouts, _icmp.c). */
export const CT_TIMEOUTS = {
  tcpSynSent: 120,
  tcpSynRecv: 60,
  tcpEstablished: 432000,
  udpUnreplied: 30,
  udpReplied: 120,
  icmp: 30,
} as const;

export type CtDir = 'ORIGINAL' | 'REPLY';

export function tupleOf(p: Packet): Tuple {
  return { src: p.src, dst: p.dst, sport: p.sport, dport: p.dport };
}

export function invert(t: Tuple): Tuple {
  return { src: t.dst, dst: t.src, sport: t.dport, dport: t.sport };
}

const sameTuple = (a: Tuple, b: Tuple): boolean => a.src === b.src && a.dst === b.dst && a.sport === b.sport && a.dport === b.dport;

/** nf_conntrack_find_get: the live entry whose ORIGINAL or REPLY tuple is the packet's. */
export function lookupConntrack(table: ConntrackTable, p: Packet, now: number): { entry: ConntrackEntry; dir: CtDir } | null {
  const t = tupleOf(p);
  for (const e of table.entries) {
    if (e.proto !== p.proto || e.expires <= now) continue;
    if (sameTuple(e.orig, t)) return { entry: e, dir: 'ORIGINAL' };
    if (sameTuple(e.reply, t)) return { entry: e, dir: 'REPLY' };
  }
  return null;
}

export function newEntry(table: ConntrackTable, p: Packet): ConntrackEntry {
  const orig = tupleOf(p);
  return {
    id: table.nextId,
    family: p.family,
    proto: p.proto,
    orig,
    reply: invert(orig),
    seenReply: false,
    assured: false,
    confirmed: false,
    srcNat: false,
    dstNat: false,
    srcNatDone: false,
    dstNatDone: false,
    ...(p.proto === 'tcp' ? { tcpState: 'SYN_SENT' as const } : {}),
    expires: 0,
    mark: p.mark,
  };
}

/** Timeout for the entry's current state (what the protocol tracker sets on each packet). */
export function timeoutSeconds(e: ConntrackEntry): number {
  if (e.proto === 'tcp') {
    return e.tcpState === 'ESTABLISHED' ? CT_TIMEOUTS.tcpEstablished : e.tcpState === 'SYN_RECV' ? CT_TIMEOUTS.tcpSynRecv : CT_TIMEOUTS.tcpSynSent;
  }
  if (e.proto === 'udp' || e.proto === 'sctp') return e.seenReply ? CT_TIMEOUTS.udpReplied : CT_TIMEOUTS.udpUnreplied;
  return CT_TIMEOUTS.icmp;
}

/**
 * Protocol tracking for a packet of a known entry (tcp_packet / udp_packet): the TCP handshake
 * moves SYN_SENT → SYN_RECV (reply SYN/ACK) → ESTABLISHED (original ACK), which also sets
 * ASSURED; UDP becomes ASSURED with its 120 s stream timeout once a reply was seen.
 */
export function trackPacket(e: ConntrackEntry, dir: CtDir, now: number): void {
  if (dir === 'REPLY') e.seenReply = true;
  if (e.proto === 'tcp') {
    if (dir === 'REPLY' && e.tcpState === 'SYN_SENT') e.tcpState = 'SYN_RECV';
    else if (dir === 'ORIGINAL' && e.tcpState === 'SYN_RECV') e.tcpState = 'ESTABLISHED';
    else if (dir === 'REPLY' && e.tcpState === 'SYN_RECV') e.tcpState = 'SYN_RECV';
    if (e.tcpState === 'ESTABLISHED') e.assured = true;
  } else if (e.seenReply) {
    e.assured = true;
  }
  e.expires = now + timeoutSeconds(e) * 1000;
}

/** A deep copy a walk may change without touching the caller's table. */
export function cloneConntrack(t: ConntrackTable): { entries: ConntrackEntry[]; nextId: number } {
  return { entries: t.entries.map((e) => ({ ...e })), nextId: t.nextId };
}

const PROTO_NUM: Record<L4Proto, number> = { tcp: 6, udp: 17, sctp: 132, icmp: 1, icmpv6: 58 };

/** One line as `conntrack -L` prints it. */
export function formatConntrackEntry(e: ConntrackEntry, now: number): string {
  const left = Math.max(0, Math.ceil((e.expires - now) / 1000));
  const tuple = (t: Tuple) =>
    e.proto === 'icmp' || e.proto === 'icmpv6'
      ? `src=${t.src} dst=${t.dst} type=8 code=0 id=${t.sport}`
      : `src=${t.src} dst=${t.dst} sport=${t.sport} dport=${t.dport}`;
  const state = e.tcpState ? ` ${e.tcpState}` : '';
  const unreplied = e.seenReply ? '' : ' [UNREPLIED]';
  const assured = e.assured ? ' [ASSURED]' : '';
  return `${e.proto} ${PROTO_NUM[e.proto]} ${left}${state} ${tuple(e.orig)}${unreplied} ${tuple(e.reply)}${assured} mark=${e.mark} use=1`;
}

/** `conntrack -L`: every live entry, oldest first. */
export function formatConntrackTable(t: ConntrackTable, now: number): string {
  return t.entries.filter((e) => e.expires > now).map((e) => formatConntrackEntry(e, now)).join('\n');
}

/** Short description of a NAT binding for the trace, e.g. "DNAT 172.30.0.41:80 → 10.180.0.1:80". */
export function describeBinding(e: ConntrackEntry): string {
  const parts: string[] = [];
  if (e.dstNat) parts.push(`DNAT ${hostPort(e.orig.dst, e.orig.dport)} → ${hostPort(e.reply.src, e.reply.sport)}`);
  if (e.srcNat) parts.push(`SNAT ${hostPort(e.orig.src, e.orig.sport)} → ${hostPort(e.reply.dst, e.reply.dport)}`);
  return parts.join(', ') || 'no NAT';
}
