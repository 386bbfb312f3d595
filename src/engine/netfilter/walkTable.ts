// Walks one table's built-in chain for a packet at a hook, rule by rule, with jumps (-j CHAIN),
// gotos (-g), RETURN, and the policy at the end (ipt_do_table in net/ipv4/netfilter/ip_tables.c).
// Terminal targets end the table: ACCEPT, DROP, REJECT, and the NAT targets (which return
// NF_ACCEPT after recording the binding). MARK, LOG, CT/NOTRACK continue with the next rule.
import { candidateRules } from './chainIndex.ts';
import type { MatchContext } from './match/context.ts';
import { evaluateRuleMatches } from './match/evaluateMatches.ts';
import { parseMarkValue } from './match/simpleMatches.ts';
import { EXTENSION_TARGETS } from './parseIptables.ts';
import type { Packet } from './packet.ts';
import { targetOption, type Chain, type Hook, type Rule, type Ruleset, type TableName } from './ruleset.ts';
import type { TraceStep } from './trace.ts';

export interface WalkContext extends MatchContext {
  pkt: Packet;
}

export interface TableResult {
  readonly verdict: 'ACCEPT' | 'DROP' | 'REJECT';
  /** `rule` when a rule's target decided, `policy` when the built-in chain's policy did. */
  readonly decidedBy: 'rule' | 'policy';
  readonly decidingRule?: Rule;
  readonly rejectWith?: string;
  /** NAT targets met (nat table only). */
  readonly dnat?: string;
  readonly snat?: string;
  readonly masquerade?: { readonly randomFully: boolean };
  readonly notrack: boolean;
  readonly rulesEvaluated: number;
}

export interface StepRecorder {
  readonly node: string;
  push(step: TraceStep): void;
  notModelled(what: string): void;
}

/** Guards against jump loops the kernel would have refused at load time (ELOOP). */
const MAX_DEPTH = 64;
const MAX_RULES = 1_000_000;

interface Frame {
  readonly chain: Chain;
  /** Next rule position to consider (0-based). */
  pos: number;
  readonly cands: readonly number[] | null;
  ci: number;
}

export function walkTable(rs: Ruleset, table: TableName, hook: Hook, ctx: WalkContext, rec: StepRecorder): TableResult {
  const t = rs.tables.get(table);
  const builtin = t?.chains.get(hook);
  let rulesEvaluated = 0;
  let notrack = false;
  const base = { node: rec.node, hook, table, matched: null, target: null } as const;
  if (!t || !builtin) return { verdict: 'ACCEPT', decidedBy: 'policy', notrack, rulesEvaluated };
  rec.push({ ...base, kind: 'table', chain: hook, rule: null, ruleIndex: null, packet: ctx.pkt, ctstate: ctx.ct.state });
  const frame = (chain: Chain): Frame => ({ chain, pos: 0, cands: candidateRules(chain, ctx.pkt), ci: 0 });
  const stack: Frame[] = [frame(builtin)];
  const policy = (): TableResult => {
    const verdict = builtin.policy ?? 'ACCEPT';
    rec.push({ ...base, kind: 'policy', chain: hook, rule: null, ruleIndex: null, target: verdict, packet: ctx.pkt, note: `policy ${verdict}` });
    return { verdict, decidedBy: 'policy', notrack, rulesEvaluated };
  };
  while (stack.length > 0) {
    const f = stack[stack.length - 1] as Frame;
    const rules = f.chain.rules;
    const pos = f.cands ? (f.ci < f.cands.length ? (f.cands[f.ci++] as number) : rules.length) : f.pos;
    if (pos > f.pos) {
      rulesEvaluated += pos - f.pos;
      rec.push({
        ...base, kind: 'skip', chain: f.chain.name, rule: null, ruleIndex: f.pos + 1, matched: false, packet: ctx.pkt,
        note: `rules ${f.pos + 1}–${pos} cannot match ${ctx.pkt.dst}:${ctx.pkt.dport} (index on -d/--dport); counted as evaluated`,
      });
    }
    if (pos >= rules.length) {
      stack.pop();
      if (stack.length === 0) return policy();
      rec.push({ ...base, kind: 'rule', chain: f.chain.name, rule: null, ruleIndex: null, target: 'RETURN', packet: ctx.pkt, note: `end of ${f.chain.name}: return` });
      continue;
    }
    const rule = rules[pos] as Rule;
    f.pos = pos + 1;
    if (++rulesEvaluated > MAX_RULES) throw new Error(`more than ${MAX_RULES} rules evaluated at ${hook}/${table}: a jump loop?`);
    const res = evaluateRuleMatches(rule, ctx);
    const step = { ...base, kind: 'rule' as const, chain: f.chain.name, rule: rule.text, ruleIndex: rule.index, line: rule.line, ctstate: ctx.ct.state };
    if ('notModelled' in res) {
      rec.notModelled(res.notModelled);
      rec.push({ ...step, matched: false, target: rule.target?.name ?? null, packet: ctx.pkt, note: `not modelled: ${res.notModelled}; the rule is NOT taken` });
      continue;
    }
    const tg = rule.target;
    if (!res.matched || !tg) {
      rec.push({ ...step, matched: res.matched, target: tg?.name ?? null, packet: ctx.pkt, ...(res.matched ? { note: 'no target: counters only' } : {}) });
      continue;
    }
    const before = ctx.pkt;
    const isChain = !EXTENSION_TARGETS.has(tg.name) && t.chains.has(tg.name);
    if (isChain) {
      rec.push({ ...step, matched: true, target: tg.name, packet: ctx.pkt, note: tg.goto ? `goto ${tg.name}` : `jump to ${tg.name}` });
      if (stack.length >= MAX_DEPTH) throw new Error(`jump depth over ${MAX_DEPTH} at ${f.chain.name}: a loop?`);
      if (tg.goto) stack.pop();
      stack.push(frame(t.chains.get(tg.name) as Chain));
      continue;
    }
    const done = (r: Omit<TableResult, 'notrack' | 'rulesEvaluated' | 'decidedBy'>, note?: string): TableResult => {
      rec.push({ ...step, matched: true, target: tg.name, packet: ctx.pkt, ...(note ? { note } : {}) });
      return { ...r, decidedBy: 'rule', decidingRule: rule, notrack, rulesEvaluated };
    };
    switch (tg.name) {
      case 'ACCEPT':
      case 'DROP':
        return done({ verdict: tg.name });
      case 'REJECT': {
        const w = targetOption(tg, '--reject-with') ?? (ctx.pkt.family === 'IPv4' ? 'icmp-port-unreachable' : 'icmp6-port-unreachable');
        return done({ verdict: 'REJECT', rejectWith: w }, `reject with ${w}`);
      }
      case 'RETURN':
        rec.push({ ...step, matched: true, target: 'RETURN', packet: ctx.pkt });
        stack.pop();
        if (stack.length === 0) return policy();
        continue;
      case 'DNAT':
        return done({ verdict: 'ACCEPT', dnat: targetOption(tg, '--to-destination') ?? '' }, `DNAT to ${targetOption(tg, '--to-destination') ?? '?'} (binding made at the end of this hook's nat table)`);
      case 'SNAT':
        return done({ verdict: 'ACCEPT', snat: targetOption(tg, '--to-source') ?? '' }, `SNAT to ${targetOption(tg, '--to-source') ?? '?'}`);
      case 'MASQUERADE': {
        const randomFully = tg.options.has('--random-fully');
        return done({ verdict: 'ACCEPT', masquerade: { randomFully } }, `MASQUERADE to the primary address of ${ctx.outIface ?? '?'}${randomFully ? ' (--random-fully: source port chosen at random)' : ''}`);
      }
      case 'MARK': {
        const m = applyMark(ctx.pkt.mark, tg.options);
        if (m === null) {
          rec.notModelled(`MARK ${[...tg.options.keys()].join(' ')}`);
          rec.push({ ...step, matched: true, target: 'MARK', packet: ctx.pkt, note: 'MARK option not modelled; mark unchanged' });
          continue;
        }
        ctx.pkt = { ...ctx.pkt, mark: m };
        rec.push({ ...step, matched: true, target: 'MARK', packet: ctx.pkt, packetBefore: before, note: `mark 0x${before.mark.toString(16)} → 0x${m.toString(16)}` });
        continue;
      }
      case 'LOG':
        rec.push({ ...step, matched: true, target: 'LOG', packet: ctx.pkt, note: `LOG ${targetOption(tg, '--log-prefix') ?? ''}`.trim() });
        continue;
      case 'NOTRACK':
        notrack = true;
        rec.push({ ...step, matched: true, target: 'NOTRACK', packet: ctx.pkt, note: 'untracked: no conntrack entry, no NAT' });
        continue;
      case 'CT':
        if (tg.options.has('--notrack')) {
          notrack = true;
          rec.push({ ...step, matched: true, target: 'CT', packet: ctx.pkt, note: 'CT --notrack: untracked, no NAT' });
        } else {
          rec.notModelled(`CT ${[...tg.options.keys()].join(' ')}`);
          rec.push({ ...step, matched: true, target: 'CT', packet: ctx.pkt, note: 'not modelled: CT options other than --notrack; continuing' });
        }
        continue;
      default:
        rec.notModelled(`-j ${tg.name}`);
        rec.push({ ...step, matched: true, target: tg.name, packet: ctx.pkt, note: `not modelled: target ${tg.name}; continuing with the next rule` });
        continue;
    }
  }
  return policy();
}

/** xt_mark target (MARK): --set-xmark v/m: (mark & ~m) ^ v, and its aliases. */
export function applyMark(mark: number, options: ReadonlyMap<string, readonly string[]>): number | null {
  for (const [name, vals] of options) {
    const mv = parseMarkValue(vals[0] ?? '');
    if (!mv) return null;
    const { value, mask } = mv;
    const hasMask = (vals[0] ?? '').includes('/');
    switch (name) {
      case '--set-xmark':
        return (((mark & ~(hasMask ? mask : 0xffffffff)) ^ value) >>> 0);
      case '--set-mark':
        return (((mark & ~(hasMask ? mask : 0xffffffff)) | value) >>> 0);
      case '--or-mark':
        return (mark | value) >>> 0;
      case '--and-mark':
        return (mark & value) >>> 0;
      case '--xor-mark':
        return (mark ^ value) >>> 0;
    }
  }
  return null;
}
