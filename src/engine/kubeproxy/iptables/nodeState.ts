// The complete kube-proxy-owned state of a node's tables after syncs: the built-in chains with
// the jump rules kube-proxy inserts (iptablesJumpChains, iptablesKubeletJumpChains, each
// `iptables -I` at the top, so they end up in reverse order), the canary chains, and the
// restore input merged with --noflush. This is what a packet walker starts from.
import { applyRestoreNoflush } from './applyRestoreNoflush.ts';
import { BUILTIN_CHAINS } from './ruleset.ts';
import type { ChainDecl, IptablesRule, IptablesRuleset } from './ruleset.ts';
import { parseRuleArgs } from './parsedRule.ts';
import { pushSaveLine, pushTo, saveRule, type SaveTable } from './renderSave.ts';


/** The tables as EnsureChain + EnsureRule(Prepend) leave them, before the first restore. */
export function ensuredChainsText(rs: IptablesRuleset): string {
  const out: string[] = [];
  for (const table of ['mangle', 'filter', 'nat'] as const) {
    out.push(`*${table}`);
    for (const b of BUILTIN_CHAINS[table] ?? []) out.push(`:${b} ACCEPT [0:0]`);
    const seen = new Set<string>();
    for (const c of rs.ensuredChains) {
      if (c.table === table && !seen.has(c.chain)) {
        seen.add(c.chain);
        out.push(`:${c.chain} - [0:0]`);
      }
    }
    for (const j of rs.jumpRules) if (j.table === table) out.push(`-I ${j.chain} 1 ${j.args.join(' ')}`);
    out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}

/** State after the first (full) sync: ensured chains and jumps, then the restore input. */
export function nodeStateAfterFirstSync(rs: IptablesRuleset, restoreText: string): string {
  return applyRestoreNoflush(ensuredChainsText(rs), restoreText);
}

/**
 * The same state as nodeStateAfterFirstSync, built without a text round trip (for large
 * clusters): built-ins with the jump rules, ensured chains, then the ruleset's chains and rules.
 * A service port's chain finds its rules in its block (ChainDecl.rulesFrom/rulesTo); the few
 * other chains are indexed in one pass.
 */
export function firstSyncSaveTables(rs: IptablesRuleset): SaveTable[] {
  const out: SaveTable[] = [];
  for (const table of ['mangle', 'filter', 'nat'] as const) {
    const rules = table === 'mangle' ? [] : rs[table].rules;
    const others = new Map<string, ChainDecl>();
    for (const b of BUILTIN_CHAINS[table] ?? []) others.set(b, { name: b });
    for (const c of rs.ensuredChains) if (c.table === table && !others.has(c.chain)) others.set(c.chain, { name: c.chain });
    const chains: ChainDecl[] = [...others.values()];
    if (table !== 'mangle') {
      for (const c of rs[table].chains) {
        if (c.rulesFrom !== undefined) chains.push(c);
        else if (!others.has(c.name)) {
          others.set(c.name, c);
          chains.push(c);
        }
      }
    }
    // Rules of the chains without a block, in write order; the jumps kube-proxy inserts at the
    // top of the built-ins go first, the last one inserted first.
    const jumps = new Map<string, string[]>();
    for (let i = rs.jumpRules.length - 1; i >= 0; i--) {
      const j = rs.jumpRules[i]!;
      if (j.table === table) pushTo(jumps, j.chain, saveRule(parseRuleArgs(j.chain, j.args), rs.family));
    }
    const unblocked = new Map<string, IptablesRule[]>();
    // (an index loop: this runs once per sync over every rule, mostly before V8 optimises it,
    // and an unoptimised for-of allocates an iterator result per element)
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!;
      if (others.has(r.chain)) pushTo(unblocked, r.chain, r);
    }
    out.push({
      name: table,
      chains,
      pushLines: (c, family, dst) => {
        const chain = c as ChainDecl; // one of `chains` above
        if (chain.rulesFrom !== undefined && chain.rulesTo !== undefined) {
          for (let i = chain.rulesFrom; i < chain.rulesTo; i++) {
            const r = rules[i]!;
            if (r.chain === chain.name) pushSaveLine(r, family, dst);
          }
          return;
        }
        for (const l of jumps.get(chain.name) ?? []) dst.push(l, '\n');
        for (const r of unblocked.get(chain.name) ?? []) pushSaveLine(r, family, dst);
      },
    });
  }
  return out;
}
