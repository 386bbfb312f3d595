// The jump rules kube-proxy puts into the built-in chains with separate `iptables -I` calls
// (pkg/proxy/iptables/proxier.go iptablesJumpChains, iptablesKubeletJumpChains; EnsureRule
// with Prepend at every full sync). They are not part of its restore input, so a ruleset
// made from that input needs them added to be walkable (research/kube-proxy-iptables.md §1.2).
import { parseRuleArgs } from './parseRuleArgs.ts';
import type { Rule, Ruleset, TableName } from './ruleset.ts';
import { quoteArg, tokenize } from './tokenize.ts';

interface JumpChain {
  readonly table: TableName;
  readonly chain: string;
  readonly extraArgs: readonly string[];
  readonly comment: string | null;
  readonly target: string;
}

const NEW = ['-m', 'conntrack', '--ctstate', 'NEW'];

/** In list order; each is prepended, so the last one ends up first (proxier.go). */
export const KUBE_PROXY_JUMP_CHAINS: readonly JumpChain[] = [
  { table: 'filter', chain: 'INPUT', extraArgs: NEW, comment: 'kubernetes externally-visible service portals', target: 'KUBE-EXTERNAL-SERVICES' },
  { table: 'filter', chain: 'FORWARD', extraArgs: NEW, comment: 'kubernetes externally-visible service portals', target: 'KUBE-EXTERNAL-SERVICES' },
  { table: 'filter', chain: 'INPUT', extraArgs: [], comment: 'kubernetes health check service ports', target: 'KUBE-NODEPORTS' },
  { table: 'filter', chain: 'FORWARD', extraArgs: NEW, comment: 'kubernetes service portals', target: 'KUBE-SERVICES' },
  { table: 'filter', chain: 'OUTPUT', extraArgs: NEW, comment: 'kubernetes service portals', target: 'KUBE-SERVICES' },
  { table: 'filter', chain: 'FORWARD', extraArgs: [], comment: 'kubernetes forwarding rules', target: 'KUBE-FORWARD' },
  { table: 'filter', chain: 'INPUT', extraArgs: NEW, comment: 'kubernetes load balancer firewall', target: 'KUBE-PROXY-FIREWALL' },
  { table: 'filter', chain: 'OUTPUT', extraArgs: NEW, comment: 'kubernetes load balancer firewall', target: 'KUBE-PROXY-FIREWALL' },
  { table: 'filter', chain: 'FORWARD', extraArgs: NEW, comment: 'kubernetes load balancer firewall', target: 'KUBE-PROXY-FIREWALL' },
  { table: 'nat', chain: 'OUTPUT', extraArgs: [], comment: 'kubernetes service portals', target: 'KUBE-SERVICES' },
  { table: 'nat', chain: 'PREROUTING', extraArgs: [], comment: 'kubernetes service portals', target: 'KUBE-SERVICES' },
  { table: 'nat', chain: 'POSTROUTING', extraArgs: [], comment: 'kubernetes postrouting rules', target: 'KUBE-POSTROUTING' },
  { table: 'filter', chain: 'INPUT', extraArgs: [], comment: null, target: 'KUBE-FIREWALL' },
  { table: 'filter', chain: 'OUTPUT', extraArgs: [], comment: null, target: 'KUBE-FIREWALL' },
];

/** A rule's identity for EnsureRule: its matches and target, comments ignored. */
function ruleKey(r: Pick<Rule, 'matches' | 'target'>): string {
  const m = r.matches.filter((x) => x.module !== 'comment').map((x) => `${x.negated ? '!' : ''}${x.module}${x.name}=${x.values.join(' ')}`);
  return `${m.join(' ')} -> ${r.target?.name ?? ''}`;
}

/**
 * Adds every missing kube-proxy jump rule whose target chain exists, prepending as
 * EnsureRule(Prepend) does. Changes `rs` in place and returns the rules added.
 */
export function ensureKubeProxyJumps(rs: Ruleset): Rule[] {
  const added: Rule[] = [];
  for (const j of KUBE_PROXY_JUMP_CHAINS) {
    const table = rs.tables.get(j.table);
    const chain = table?.chains.get(j.chain);
    if (!table || !chain || !table.chains.has(j.target)) continue;
    const args = [...j.extraArgs, ...(j.comment ? ['-m', 'comment', '--comment', quoteArg(j.comment)] : []), '-j', j.target];
    const text = `-A ${j.chain} ${args.join(' ')}`;
    const tk = tokenize(args.join(' '));
    if ('error' in tk) continue;
    const parsed = parseRuleArgs(tk.tokens);
    if ('error' in parsed) continue;
    const rule: Rule = { table: j.table, chain: j.chain, index: 1, line: 0, text, ...parsed.ok };
    const key = ruleKey(rule);
    if (chain.rules.some((r) => ruleKey(r) === key)) continue;
    chain.rules.unshift(rule);
    chain.rules.forEach((r, k) => ((r as { index: number }).index = k + 1));
    added.push(rule);
  }
  return added;
}
