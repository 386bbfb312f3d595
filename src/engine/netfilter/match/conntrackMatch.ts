// -m conntrack / -m state (net/netfilter/xt_conntrack.c, xt_state.c): the packet's ctinfo and
// its conntrack entry's tuples and status. SNAT/DNAT are the "virtual states" xt_conntrack
// derives from the entry (reply tuple differs from the inverted original).
import type { MatchOption } from '../ruleset.ts';
import { addrIn, portIn } from './addr.ts';
import type { MatchContext, OptionResult } from './context.ts';

const STATES = ['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED', 'SNAT', 'DNAT'];

export function evaluateConntrack(o: MatchOption, ctx: MatchContext): OptionResult {
  const v = o.values[0] ?? '';
  const e = ctx.ct.entry;
  let r: boolean | null;
  switch (o.name) {
    case '--ctstate':
    case '--state': {
      const wanted = v.toUpperCase().split(',');
      const bad = wanted.find((w) => !STATES.includes(w) || (o.name === '--state' && (w === 'SNAT' || w === 'DNAT')));
      if (bad) return { notModelled: `${o.name} ${bad}` };
      r = wanted.some((w) => {
        if (w === 'SNAT') return !!e && e.srcNat;
        if (w === 'DNAT') return !!e && e.dstNat;
        return w === ctx.ct.state;
      });
      break;
    }
    case '--ctdir':
      r = !!e && v.toUpperCase() === ctx.ct.dir;
      break;
    case '--ctstatus': {
      const has: Record<string, boolean> = {
        NONE: !!e && !e.seenReply && !e.assured && !e.confirmed,
        EXPECTED: false,
        SEEN_REPLY: !!e?.seenReply,
        ASSURED: !!e?.assured,
        CONFIRMED: !!e?.confirmed,
      };
      r = v.toUpperCase().split(',').some((s) => has[s] === true);
      break;
    }
    case '--ctproto':
      r = !!e && (v.toLowerCase() === e.proto || (v === '6' && e.proto === 'tcp') || (v === '17' && e.proto === 'udp'));
      break;
    case '--ctorigsrc':
      r = !!e && addrIn(v, e.orig.src);
      break;
    case '--ctorigdst':
      r = !!e && addrIn(v, e.orig.dst);
      break;
    case '--ctreplsrc':
      r = !!e && addrIn(v, e.reply.src);
      break;
    case '--ctrepldst':
      r = !!e && addrIn(v, e.reply.dst);
      break;
    case '--ctorigsrcport':
      r = !!e && portIn(v, e.orig.sport);
      break;
    case '--ctorigdstport':
      r = !!e && portIn(v, e.orig.dport);
      break;
    case '--ctreplsrcport':
      r = !!e && portIn(v, e.reply.sport);
      break;
    case '--ctrepldstport':
      r = !!e && portIn(v, e.reply.dport);
      break;
    case '--ctexpire': {
      if (!e) {
        r = false;
        break;
      }
      const [lo, hi] = v.split(':').map(Number);
      const left = Math.max(0, Math.ceil((e.expires - ctx.now) / 1000));
      r = left >= (lo ?? 0) && left <= (hi ?? lo ?? 0);
      break;
    }
    default:
      return { notModelled: `-m conntrack ${o.name}` };
  }
  if (r === null) return { notModelled: `${o.name} ${v}` };
  return r !== o.negated;
}
