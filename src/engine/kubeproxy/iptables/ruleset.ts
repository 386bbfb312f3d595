// The structured ruleset the iptables renderer produces (tables → chains → rules, each rule
// with provenance), from which every text form is rendered: kube-proxy's iptables-restore input,
// a node's iptables-save, and `iptables -L -n -v`. Rule arguments are kept exactly as
// kube-proxy writes them (proxyutil.LineBuffer: words joined by single spaces, multi-word
// comments already wrapped in double quotes).
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
  /** Everything after `-A <chain>`. */
  readonly args: readonly string[];
  readonly provenance?: RuleProvenance;
}

/** A line of a table's rule section in write order: a rule, or `-X CHAIN`. */
export type TableLine = { readonly kind: 'rule'; readonly rule: IptablesRule } | { readonly kind: 'delete'; readonly chain: string };

export interface ChainDecl {
  readonly name: string;
  /** The service port whose SVC/SVL/EXT/FW/SEP chain this is (partial syncs skip unchanged ones). */
  readonly servicePort?: string;
}

export interface IptablesTable {
  readonly name: TableName;
  /** `:CHAIN - [0:0]` lines in write order. */
  readonly chains: ChainDecl[];
  readonly lines: TableLine[];
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
  return rule.args.length === 0 ? `-A ${rule.chain}` : `-A ${rule.chain} ${rule.args.join(' ')}`;
}

export function newTable(name: TableName): IptablesTable {
  return { name, chains: [], lines: [] };
}

/** The rules of one chain, in order. */
export function chainRules(table: IptablesTable, chain: string): IptablesRule[] {
  const out: IptablesRule[] = [];
  for (const l of table.lines) if (l.kind === 'rule' && l.rule.chain === chain) out.push(l.rule);
  return out;
}

/** Every rule grouped by chain, chains in declaration order. */
export function rulesByChain(table: IptablesTable): Map<string, IptablesRule[]> {
  const m = new Map<string, IptablesRule[]>();
  for (const c of table.chains) if (!m.has(c.name)) m.set(c.name, []);
  for (const l of table.lines) {
    if (l.kind !== 'rule') continue;
    let list = m.get(l.rule.chain);
    if (!list) m.set(l.rule.chain, (list = []));
    list.push(l.rule);
  }
  return m;
}
