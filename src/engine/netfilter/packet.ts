// The packet the walker carries: the IP and L4 header fields netfilter looks at, plus the skb
// mark (skb->mark, what `-m mark` and `MARK` read and write). Addresses are canonical text.
import { canonicalIP, ipFamilyOf, type IPFamily } from '../shared/ip.ts';

export type L4Proto = 'tcp' | 'udp' | 'sctp' | 'icmp' | 'icmpv6';

export interface Packet {
  readonly family: IPFamily;
  readonly proto: L4Proto;
  readonly src: string;
  readonly dst: string;
  /** L4 ports; for ICMP echo both carry the echo identifier (as conntrack's tuple does). */
  readonly sport: number;
  readonly dport: number;
  /** ICMP type/code: 8 echo-request, 0 echo-reply, 3 destination-unreachable (ICMPv6: 128/129/1). */
  readonly icmpType?: number;
  readonly icmpCode?: number;
  /** TCP flags set, e.g. ['SYN'] for a first packet, ['SYN', 'ACK'] for its answer. */
  readonly tcpFlags?: readonly string[];
  readonly mark: number;
}

/** IANA protocol numbers (/etc/protocols), as `-p 6` may name them. */
export const PROTO_NUMBERS: Readonly<Record<L4Proto, number>> = { tcp: 6, udp: 17, sctp: 132, icmp: 1, icmpv6: 58 };

export interface PacketSpec {
  readonly proto: L4Proto;
  readonly src: string;
  readonly dst: string;
  readonly sport?: number;
  readonly dport?: number;
  readonly icmpType?: number;
  readonly tcpFlags?: readonly string[];
  readonly mark?: number;
}

/** Builds a first packet of a flow: TCP SYN, UDP datagram or ICMP echo-request. */
export function makePacket(spec: PacketSpec): Packet | string {
  const src = canonicalIP(spec.src);
  const dst = canonicalIP(spec.dst);
  if (!src) return `bad source address "${spec.src}"`;
  if (!dst) return `bad destination address "${spec.dst}"`;
  const family = ipFamilyOf(src) as IPFamily;
  if (ipFamilyOf(dst) !== family) return `source ${src} and destination ${dst} are of different IP families`;
  let proto = spec.proto;
  if (proto === 'icmp' && family === 'IPv6') proto = 'icmpv6';
  const isIcmp = proto === 'icmp' || proto === 'icmpv6';
  return {
    family,
    proto,
    src,
    dst,
    sport: spec.sport ?? (isIcmp ? 1 : 40000),
    dport: isIcmp ? (spec.sport ?? 1) : (spec.dport ?? 0),
    ...(isIcmp ? { icmpType: spec.icmpType ?? (proto === 'icmp' ? 8 : 128), icmpCode: 0 } : {}),
    ...(proto === 'tcp' ? { tcpFlags: spec.tcpFlags ?? ['SYN'] } : {}),
    mark: spec.mark ?? 0,
  };
}

/** `[v6]:port` or `v4:port`, as kube-proxy and conntrack print endpoints. */
export function hostPort(addr: string, port: number): string {
  return addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`;
}

export function formatPacket(p: Packet): string {
  const proto = p.proto.toUpperCase();
  const mark = p.mark ? ` mark=0x${p.mark.toString(16)}` : '';
  if (p.proto === 'icmp' || p.proto === 'icmpv6') return `${proto} ${p.src} > ${p.dst} type=${p.icmpType ?? 0} code=${p.icmpCode ?? 0} id=${p.sport}${mark}`;
  const flags = p.tcpFlags ? ` [${p.tcpFlags.join(',')}]` : '';
  return `${proto} ${hostPort(p.src, p.sport)} > ${hostPort(p.dst, p.dport)}${flags}${mark}`;
}

/** The answer a destination sends back: addresses and ports swapped. */
export function replyTo(p: Packet): Packet {
  const base = { ...p, src: p.dst, dst: p.src, sport: p.dport, dport: p.sport, mark: 0 };
  if (p.proto === 'tcp') return { ...base, tcpFlags: p.tcpFlags?.includes('SYN') ? ['SYN', 'ACK'] : ['ACK'] };
  if (p.proto === 'icmp') return { ...base, icmpType: p.icmpType === 8 ? 0 : p.icmpType ?? 0 };
  if (p.proto === 'icmpv6') return { ...base, icmpType: p.icmpType === 128 ? 129 : p.icmpType ?? 0 };
  return base;
}

/** `10.0.0.1:80`, `[fd00::1]:80`, `10.0.0.1` (port kept), ranges use their first value. */
export function parseHostPort(text: string, defaultPort: number): { addr: string; port: number } | null {
  const m = /^\[([^\]]+)\](?::(\d+)(?:-\d+)?)?$/.exec(text) ?? /^([^:]+?)(?:-[^:]+)?(?::(\d+)(?:-\d+)?)?$/.exec(text);
  const addr = m ? canonicalIP(m[1] as string) : canonicalIP(text);
  if (!addr) return null;
  return { addr, port: m?.[2] ? Number(m[2]) : defaultPort };
}
