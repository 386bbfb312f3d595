// The IP-header part of a rule (ip_packet_match in net/ipv4/netfilter/ip_tables.c):
// -s, -d (address/mask), -p, -i, -o (with the `+` wildcard), -f.
import { PROTO_NUMBERS, type L4Proto } from '../packet.ts';
import type { MatchOption } from '../ruleset.ts';
import { addrIn } from './addr.ts';
import type { MatchContext, OptionResult } from './context.ts';

const PROTO_ALIASES: Readonly<Record<string, L4Proto | 'all'>> = {
  tcp: 'tcp', udp: 'udp', sctp: 'sctp', icmp: 'icmp', icmpv6: 'icmpv6', 'ipv6-icmp': 'icmpv6', all: 'all', '0': 'all',
};

/** `eth+` matches every name starting with `eth` (xt_iface: a trailing + is a prefix match). */
export function ifaceMatches(pattern: string, iface: string | null): boolean {
  const name = iface ?? '';
  return pattern.endsWith('+') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

export function protoMatches(value: string, proto: L4Proto): boolean | null {
  const v = value.toLowerCase();
  const alias = PROTO_ALIASES[v];
  if (alias === 'all') return true;
  if (alias) return alias === proto;
  if (/^\d+$/.test(v)) return Number(v) === PROTO_NUMBERS[proto];
  return null;
}

export function evaluateCore(o: MatchOption, ctx: MatchContext): OptionResult {
  const v = o.values[0] ?? '';
  let r: boolean | null;
  switch (o.name) {
    case '-s':
      r = addrIn(v, ctx.pkt.src);
      break;
    case '-d':
      r = addrIn(v, ctx.pkt.dst);
      break;
    case '-p':
      r = protoMatches(v, ctx.pkt.proto);
      break;
    case '-i':
      r = ifaceMatches(v, ctx.inIface);
      break;
    case '-o':
      r = ifaceMatches(v, ctx.outIface);
      break;
    case '-f':
      r = false; // The walker sends unfragmented packets: a "second or later fragment" test fails.
      break;
    default:
      return { notModelled: o.name };
  }
  if (r === null) return { notModelled: `${o.name} ${v}` };
  return r !== o.negated;
}
