// The complete kube-proxy-owned state of a node's tables after syncs: the built-in chains with
// the jump rules kube-proxy inserts (iptablesJumpChains, iptablesKubeletJumpChains, each
// `iptables -I` at the top, so they end up in reverse order), the canary chains, and the
// restore input merged with --noflush. This is what a packet walker starts from.
import { applyRestoreNoflush } from './applyRestoreNoflush.ts';
import type { IptablesRuleset } from './ruleset.ts';

const BUILTINS: Record<string, readonly string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};

/** The tables as EnsureChain + EnsureRule(Prepend) leave them, before the first restore. */
export function ensuredChainsText(rs: IptablesRuleset): string {
  const out: string[] = [];
  for (const table of ['filter', 'nat'] as const) {
    out.push(`*${table}`);
    for (const b of BUILTINS[table] ?? []) out.push(`:${b} ACCEPT [0:0]`);
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
