// Port and L4 matches: tcp/udp/sctp (--sport/--dport, --tcp-flags, --syn; xt_tcpudp.c,
// xt_sctp.c), multiport (xt_multiport.c), icmp/icmp6 (--icmp-type).
import type { L4Proto } from '../packet.ts';
import type { MatchOption } from '../ruleset.ts';
import { portIn } from './addr.ts';
import type { MatchContext, OptionResult } from './context.ts';

const ICMP_TYPES: Readonly<Record<string, [number, number | null]>> = {
  any: [-1, null], 'echo-reply': [0, null], pong: [0, null], 'destination-unreachable': [3, null],
  'network-unreachable': [3, 0], 'host-unreachable': [3, 1], 'protocol-unreachable': [3, 2], 'port-unreachable': [3, 3],
  'fragmentation-needed': [3, 4], 'source-quench': [4, null], redirect: [5, null], 'echo-request': [8, null], ping: [8, null],
  'time-exceeded': [11, null], 'parameter-problem': [12, null],
};
const ICMP6_TYPES: Readonly<Record<string, [number, number | null]>> = {
  'destination-unreachable': [1, null], 'port-unreachable': [1, 4], 'packet-too-big': [2, null], 'time-exceeded': [3, null],
  'echo-request': [128, null], ping: [128, null], 'echo-reply': [129, null], pong: [129, null],
  'neighbour-solicitation': [135, null], 'neighbor-solicitation': [135, null], 'neighbour-advertisement': [136, null], 'neighbor-advertisement': [136, null],
};

const L4_OF: Readonly<Record<string, L4Proto>> = { tcp: 'tcp', udp: 'udp', sctp: 'sctp' };

export function evaluateL4(o: MatchOption, ctx: MatchContext): OptionResult {
  const p = ctx.pkt;
  const v = o.values[0] ?? '';
  let r: boolean | null;
  if (o.module === 'icmp' || o.module === 'icmp6') {
    if (p.proto !== (o.module === 'icmp' ? 'icmp' : 'icmpv6')) return false;
    const named = (o.module === 'icmp' ? ICMP_TYPES : ICMP6_TYPES)[v.toLowerCase()];
    let type: number;
    let code: number | null;
    if (named) [type, code] = named;
    else {
      const m = /^(\d+)(?:\/(\d+))?$/.exec(v);
      if (!m) return { notModelled: `${o.name} ${v}` };
      type = Number(m[1]);
      code = m[2] === undefined ? null : Number(m[2]);
    }
    r = type === -1 || (p.icmpType === type && (code === null || (p.icmpCode ?? 0) === code));
    return r !== o.negated;
  }
  const own = L4_OF[o.module];
  // A port match only runs on its own protocol; multiport on tcp, udp, sctp (and udplite).
  if (own ? p.proto !== own : !(p.proto === 'tcp' || p.proto === 'udp' || p.proto === 'sctp')) return false;
  switch (o.name) {
    case '--dport':
    case '--destination-port':
    case '--dports':
    case '--destination-ports':
      r = portIn(v, p.dport);
      break;
    case '--sport':
    case '--source-port':
    case '--sports':
    case '--source-ports':
      r = portIn(v, p.sport);
      break;
    case '--ports': {
      const a = portIn(v, p.sport);
      const b = portIn(v, p.dport);
      r = a === null || b === null ? null : a || b;
      break;
    }
    case '--syn':
      r = tcpFlags(p.tcpFlags ?? [], 'SYN,RST,ACK,FIN', 'SYN');
      break;
    case '--tcp-flags':
      r = tcpFlags(p.tcpFlags ?? [], v, o.values[1] ?? '');
      break;
    default:
      return { notModelled: `-m ${o.module} ${o.name}` };
  }
  if (r === null) return { notModelled: `${o.name} ${v}` };
  return r !== o.negated;
}

function tcpFlags(have: readonly string[], maskText: string, compText: string): boolean {
  const expand = (s: string) => (s.toUpperCase() === 'ALL' ? ['SYN', 'ACK', 'FIN', 'RST', 'URG', 'PSH'] : s.toUpperCase() === 'NONE' ? [] : s.toUpperCase().split(','));
  const mask = expand(maskText);
  const comp = new Set(expand(compText));
  return mask.every((f) => have.includes(f) === comp.has(f));
}
