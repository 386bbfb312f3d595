// The structured model of an iptables ruleset, as `iptables-save` prints it and
// `iptables-restore` reads it: tables → chains (policy, counters) → rules (matches, target).
// Both real `iptables-save` dumps and kube-proxy's restore input parse into this one model
// (parseIptables.ts); the walker (walkPacket.ts) evaluates it hook by hook.
import type { Diagnostic } from '../shared/diagnostics.ts';

/** The iptables tables a kernel registers (net/ipv4/netfilter/iptable_*.c). */
export type TableName = 'raw' | 'mangle' | 'nat' | 'filter' | 'security';
export const TABLE_NAMES: readonly TableName[] = ['raw', 'mangle', 'nat', 'filter', 'security'];

/** The five netfilter hooks, by their iptables built-in chain names. */
export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

/** Built-in chains per table (iptable_filter.c FILTER_VALID_HOOKS, iptable_nat.c, …). */
export const BUILTIN_CHAINS: Readonly<Record<TableName, readonly Hook[]>> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

export interface Counters {
  readonly packets: number;
  readonly bytes: number;
}

/**
 * One option of a match, e.g. `! --dport 80` of module `tcp`. The core IP header options
 * (`-s -d -p -i -o -f`) use module `ip`. `values` holds the option's arguments (usually one).
 */
export interface MatchOption {
  readonly module: string;
  readonly name: string;
  readonly negated: boolean;
  readonly values: readonly string[];
}

/** The `-j`/`-g` part of a rule. `options` maps `--to-destination` → its arguments. */
export interface Target {
  readonly name: string;
  /** `-g` (goto) instead of `-j` (jump). */
  readonly goto: boolean;
  readonly options: ReadonlyMap<string, readonly string[]>;
}

export interface Rule {
  readonly table: TableName;
  readonly chain: string;
  /** 1-based position in its chain, as `iptables -L --line-numbers` counts. */
  readonly index: number;
  /** 1-based line in the source text (0 for rules made by code). */
  readonly line: number;
  /** The rule as written, without the counters prefix. */
  readonly text: string;
  /** Modules loaded with `-m` (and implicitly by `-p tcp|udp|sctp|icmp`), in order. */
  readonly modules: readonly string[];
  readonly matches: readonly MatchOption[];
  readonly target: Target | null;
  readonly counters?: Counters;
}

export interface Chain {
  readonly name: string;
  readonly builtin: boolean;
  /** Policy of a built-in chain; user chains have none (`-`). */
  readonly policy: 'ACCEPT' | 'DROP' | null;
  readonly counters?: Counters;
  readonly rules: Rule[];
  readonly line: number;
}

export interface Table {
  readonly name: TableName;
  /** In declaration order. */
  readonly chains: Map<string, Chain>;
}

export interface Ruleset {
  readonly tables: Map<TableName, Table>;
  readonly diagnostics: readonly Diagnostic[];
}

export function isTableName(s: string): s is TableName {
  return (TABLE_NAMES as readonly string[]).includes(s);
}

export function emptyTable(name: TableName): Table {
  const chains = new Map<string, Chain>();
  for (const hook of BUILTIN_CHAINS[name]) chains.set(hook, { name: hook, builtin: true, policy: 'ACCEPT', rules: [], line: 0 });
  return { name, chains };
}

/** The chain or null; built-in chains of a known table always exist (empty, policy ACCEPT). */
export function chainOf(rs: Ruleset, table: TableName, chain: string): Chain | null {
  return rs.tables.get(table)?.chains.get(chain) ?? null;
}

/** The first value of a target option, e.g. `--to-destination`. */
export function targetOption(t: Target, name: string): string | undefined {
  return t.options.get(name)?.[0];
}

/** A rule's `-m comment --comment` text, if any. */
export function ruleComment(r: Rule): string | undefined {
  return r.matches.find((m) => m.module === 'comment' && m.name === '--comment')?.values[0];
}
