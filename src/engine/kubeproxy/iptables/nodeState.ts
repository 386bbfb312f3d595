// The complete kube-proxy-owned state of a node's tables after syncs: the built-in chains with
// the jump rules kube-proxy inserts (iptablesJumpChains, iptablesKubeletJumpChains, each
// `iptables -I` at the top, so they end up in reverse order), the canary chains, and the
// restore input merged with --noflush. This is what a packet walker starts from.
import { applyRestoreNoflush } from './applyRestoreNoflush.ts';
import { BUILTIN_CHAINS } from './ruleset.ts';
import type { IptablesRuleset } from './ruleset.ts';
import { parseRuleArgs } from './parsedRule.ts';
import { addSaveRule, saveRule, type SaveTable } from './renderSave.ts';


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
 */
export function firstSyncSaveTables(rs: IptablesRuleset): SaveTable[] {
  const out: SaveTable[] = [];
  for (const table of ['mangle', 'filter', 'nat'] as const) {
    const chains = new Map<string, string>();
    for (const b of BUILTIN_CHAINS[table] ?? []) chains.set(b, 'ACCEPT');
    for (const c of rs.ensuredChains) if (c.table === table) chains.set(c.chain, '-');
    const rules = new Map<string, string[]>();
    const save = (chain: string, args: readonly string[]) => addSaveRule(rules, chain, saveRule(parseRuleArgs(chain, args), rs.family));
    // Each jump is inserted at the top, so the last one inserted comes first.
    for (let i = rs.jumpRules.length - 1; i >= 0; i--) {
      const j = rs.jumpRules[i]!;
      if (j.table === table) save(j.chain, j.args);
    }
    if (table !== 'mangle') {
      const t = rs[table];
      for (const c of t.chains) chains.set(c.name, '-');
      for (const l of t.lines) if (l.kind === 'rule') save(l.rule.chain, l.rule.args);
    }
    out.push({ name: table, chains: [...chains].map(([name, policy]) => ({ name, policy })), rules });
  }
  return out;
}
