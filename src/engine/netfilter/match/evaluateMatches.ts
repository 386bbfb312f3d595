// Evaluates all matches of one rule against a packet. The IP header is checked first, then
// the extensions in rule order (ipt_do_table: ip_packet_match, then xt_ematch_foreach).
// Side-effect-free matches are checked before statistic/recent so that a rule whose address
// test fails does not spend a random draw or touch a recent list (the outcome is the same:
// the kernel's matches are ANDed and stop at the first failure).
import type { MatchOption, Rule } from '../ruleset.ts';
import { evaluateAddrtype } from './addrtype.ts';
import { evaluateConntrack } from './conntrackMatch.ts';
import type { MatchContext, OptionResult } from './context.ts';
import { evaluateCore } from './core.ts';
import { evaluateL4 } from './l4.ts';
import { evaluateRecent } from './recent.ts';
import { evaluateSimple, evaluateStatistic } from './simpleMatches.ts';

export type RuleMatchResult = { readonly matched: boolean } | { readonly notModelled: string };

const PER_OPTION: Readonly<Record<string, (o: MatchOption, ctx: MatchContext) => OptionResult>> = {
  ip: evaluateCore,
  tcp: evaluateL4,
  udp: evaluateL4,
  sctp: evaluateL4,
  icmp: evaluateL4,
  icmp6: evaluateL4,
  multiport: evaluateL4,
  conntrack: evaluateConntrack,
  state: evaluateConntrack,
  comment: evaluateSimple,
  mark: evaluateSimple,
  nfacct: evaluateSimple,
  physdev: evaluateSimple,
  set: evaluateSimple,
};
/** Modules whose options are evaluated together, as one match instance. */
const GROUPED = new Set(['addrtype', 'statistic', 'recent']);
const DEFERRED = new Set(['statistic', 'recent']);

export function evaluateRuleMatches(rule: Rule, ctx: MatchContext): RuleMatchResult {
  // A match the lab cannot evaluate is never treated as matching: if every other test
  // passes, the rule is reported as "not modelled" and not taken.
  let unknown: string | null = null;
  for (const m of rule.modules) {
    if (!PER_OPTION[m] && !GROUPED.has(m)) unknown ??= `-m ${m}`;
  }
  const grouped = new Map<string, MatchOption[]>();
  for (const o of rule.matches) {
    if (GROUPED.has(o.module)) {
      const g = grouped.get(o.module) ?? [];
      g.push(o);
      grouped.set(o.module, g);
      continue;
    }
    const fn = PER_OPTION[o.module];
    if (!fn) continue; // counted by the module scan above
    const r = fn(o, ctx);
    if (r === false) return { matched: false };
    if (r !== true) unknown ??= r.notModelled;
  }
  const addrtype = grouped.get('addrtype');
  if (addrtype) {
    const r = evaluateAddrtype(addrtype, ctx);
    if (r === false) return { matched: false };
    if (r !== true) unknown ??= r.notModelled;
  }
  if (unknown !== null) return { notModelled: unknown };
  for (const m of rule.modules) {
    if (!DEFERRED.has(m)) continue;
    const opts = grouped.get(m);
    if (!opts) continue;
    grouped.delete(m);
    const r = m === 'statistic' ? evaluateStatistic(opts, ctx, `${rule.chain}#${rule.index}`) : evaluateRecent(opts, ctx);
    if (r !== true) return r === false ? { matched: false } : r;
  }
  return { matched: true };
}
