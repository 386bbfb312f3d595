// The structured ruleset the iptables renderer produces (tables → chains → rules, each rule
// with provenance), from which every text form is rendered: kube-proxy's iptables-restore input,
// a node's iptables-save, and `iptables -L -n -v`. A rule's arguments are one string, exactly as
// kube-proxy writes them (proxyutil.LineBuffer: words joined by single spaces, multi-word
// comments already wrapped in double quotes); the per-endpoint shapes, most of a large ruleset,
// render theirs on demand (ruleShapes.ts).
import type { IPFamily } from '../../shared/ip.ts';

export type TableName = 'filter' | 'nat';

/** Built-in chains per table, in the order iptables lists them. */
export const BUILTIN_CHAINS: Readonly<Record<string, readonly string[]>> = {
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};

/** Which object produced a rule, so a UI can link the rule to its YAML. */
export interface RuleProvenance {
  /** ServicePortName string, e.g. `ns1/svc1:p80`. */
  readonly servicePort?: string;
  /** `Service/<ns>/<name>`. */
  readonly service?: string;
  /** `EndpointSlice/<ns>/<name>` of the endpoint the rule is about. */
  readonly endpointSlice?: string;
  /** `ip:port` of the endpoint the rule is about. */
  readonly endpoint?: string;
}

export interface IptablesRule {
  readonly chain: string;
  /** Everything after `-A <chain>`, as kube-proxy writes it (words joined by single spaces). */
  readonly spec: string;
  readonly provenance?: RuleProvenance;
  /**
   * Pushes the line as `iptables-save` prints it, in pieces, for the shapes that build it
   * directly (ruleShapes.ts); saveLine derives it from `spec` with the generic parser otherwise.
   */
  pushSaved?(family: IPFamily, parts: string[]): void;
  /** Pushes `spec` in pieces (the same shapes), so a large restore input is joined once. */
  pushSpec?(parts: string[]): void;
}

export interface ChainDecl {
  readonly name: string;
  /** The service port whose SVC/SVL/EXT/FW/SEP chain this is (partial syncs skip unchanged ones). */
  readonly servicePort?: string;
  /**
   * For a service port's chains: the slice `[rulesFrom, rulesTo)` of the table's `rules` that
   * holds all of the chain's rules (the service port's block), so a renderer finds them without
   * indexing 300k rules by chain name.
   */
  readonly rulesFrom?: number;
  readonly rulesTo?: number;
}

export interface IptablesTable {
  readonly name: TableName;
  /** `:CHAIN - [0:0]` lines in write order. */
  readonly chains: ChainDecl[];
  /** `-A` lines in write order. */
  readonly rules: IptablesRule[];
}

/** A jump rule kube-proxy prepends to a built-in chain with `iptables -I` (not via restore). */
export interface JumpRule {
  readonly table: TableName;
  readonly chain: string;
  readonly args: readonly string[];
}

export interface IptablesRuleset {
  readonly family: IPFamily;
  readonly filter: IptablesTable;
  readonly nat: IptablesTable;
  /** iptablesJumpChains + iptablesKubeletJumpChains, in the order kube-proxy inserts them. */
  readonly jumpRules: readonly JumpRule[];
  /** Chains created with EnsureChain but not necessarily written by restore. */
  readonly ensuredChains: readonly { readonly table: TableName | 'mangle'; readonly chain: string }[];
  /** Per-service rules after the partial-sync cut (SVC/SVL/EXT/FW/SEP contents), by service port. */
  readonly largeClusterMode: boolean;
}

export function ruleText(rule: IptablesRule): string {
  return rule.spec === '' ? `-A ${rule.chain}` : `-A ${rule.chain} ${rule.spec}`;
}

/** Pushes ruleText(rule) as pieces. */
export function pushRuleText(rule: IptablesRule, parts: string[]): void {
  parts.push('-A ', rule.chain);
  if (rule.pushSpec) {
    parts.push(' ');
    rule.pushSpec(parts);
  } else if (rule.spec !== '') parts.push(' ', rule.spec);
}

/** The word after `-j`, if any. */
export function jumpTarget(rule: IptablesRule): string | undefined {
  const m = / -j (\S+)|^-j (\S+)/.exec(rule.spec);
  return m ? (m[1] ?? m[2]) : undefined;
}

export function newTable(name: TableName): IptablesTable {
  return { name, chains: [], rules: [] };
}

/** The rules of one chain, in order. */
export function chainRules(table: IptablesTable, chain: string): IptablesRule[] {
  return table.rules.filter((r) => r.chain === chain);
}

/**
 * The rules of a few chains of a large table, in order: a service port's chain reads only its
 * declared range (ChainDecl.rulesFrom/rulesTo), any other chain scans the table. (Grouping every
 * rule by chain cost ~90 ms at 10k Services for the tree of one Service's dozen chains.)
 */
export function chainRulesLookup(table: IptablesTable): (chain: string) => IptablesRule[] {
  const ranged = new Map<string, ChainDecl>();
  for (const c of table.chains) if (c.rulesFrom !== undefined) ranged.set(c.name, c);
  return (chain) => {
    const d = ranged.get(chain);
    const to = d?.rulesTo ?? table.rules.length;
    const out: IptablesRule[] = [];
    for (let i = d?.rulesFrom ?? 0; i < to; i++) if (table.rules[i]!.chain === chain) out.push(table.rules[i]!);
    return out;
  };
}
