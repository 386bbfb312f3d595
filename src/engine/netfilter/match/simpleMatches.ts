// Small matches: comment (always true), mark (xt_mark.c: (skb->mark & mask) == value), nfacct
// (counts, always true), physdev (xt_physdev.c: bridge ports, only for bridged packets) and
// set (xt_set.c, contents from the caller).
import { ipsetContains } from '../ipset.ts';
import type { MatchOption } from '../ruleset.ts';
import type { MatchContext, OptionResult } from './context.ts';
import { ifaceMatches } from './core.ts';

/** `0x4000/0x4000`, `16384`, `0x4000` (mask defaults to all ones). */
export function parseMarkValue(text: string): { value: number; mask: number } | null {
  const [v, m] = text.split('/');
  const num = (s: string | undefined) => (s !== undefined && /^(0x[0-9a-f]+|\d+)$/i.test(s) ? Number(s) >>> 0 : null);
  const value = num(v);
  const mask = m === undefined ? 0xffffffff : num(m);
  return value === null || mask === null ? null : { value, mask };
}

export function evaluateSimple(o: MatchOption, ctx: MatchContext): OptionResult {
  const v = o.values[0] ?? '';
  switch (o.module) {
    case 'comment':
      return true;
    case 'nfacct':
      return !o.negated;
    case 'mark': {
      const mv = parseMarkValue(v);
      if (!mv) return { notModelled: `--mark ${v}` };
      return (((ctx.pkt.mark & mv.mask) >>> 0) === mv.value) !== o.negated;
    }
    case 'physdev': {
      let r: boolean;
      if (o.name === '--physdev-in') r = ctx.physIn !== null && ifaceMatches(v, ctx.physIn);
      else if (o.name === '--physdev-out') r = ctx.physOut !== null && ifaceMatches(v, ctx.physOut);
      else if (o.name === '--physdev-is-in') r = ctx.physIn !== null;
      else if (o.name === '--physdev-is-out') r = ctx.physOut !== null;
      else r = ctx.physIn !== null && ctx.physOut !== null;
      return r !== o.negated;
    }
    case 'set': {
      if (o.name !== '--match-set') return true; // counter flags only
      const set = ctx.ipsets.get(v);
      if (!set) return { notModelled: `ipset "${v}" (its contents were not supplied)` };
      const flags = (o.values[1] ?? 'src').split(',').map((f) => (f === 'dst' ? 'dst' : 'src')) as ('src' | 'dst')[];
      const r = ipsetContains(set, flags, ctx.pkt);
      return typeof r === 'boolean' ? r !== o.negated : r;
    }
    default:
      return { notModelled: `-m ${o.module}` };
  }
}

/**
 * -m statistic (xt_statistic.c). random: the kernel keeps round(p × 2^31) and matches when
 * `get_random_u32() & 0x7FFFFFFF < that`; nth: every n-th packet, here a 1/n branch because a
 * single trace has no packet history.
 */
export function evaluateStatistic(opts: readonly MatchOption[], ctx: MatchContext, label: string): OptionResult {
  const get = (n: string) => opts.find((o) => o.name === n);
  const mode = get('--mode')?.values[0];
  let p: number;
  let negated: boolean;
  if (mode === 'random') {
    const prob = get('--probability');
    const pv = Number(prob?.values[0]);
    if (!prob || !Number.isFinite(pv) || pv < 0 || pv > 1) return { notModelled: `-m statistic --probability ${prob?.values[0] ?? ''}` };
    p = Math.round(pv * 2 ** 31) / 2 ** 31;
    negated = prob.negated;
  } else if (mode === 'nth') {
    const every = Number(get('--every')?.values[0]);
    if (!Number.isInteger(every) || every < 1) return { notModelled: '-m statistic --mode nth without --every' };
    p = 1 / every;
    negated = !!get('--every')?.negated;
  } else return { notModelled: `-m statistic --mode ${mode ?? '(none)'}` };
  const hit = p >= 1 ? true : p <= 0 ? false : ctx.choose(p, label);
  return hit !== negated;
}
