// What `iptables-save` prints on a real node for kube-proxy's rules (research §14): the kernel
// hands rules back in iptables' canonical argument order — `[!] -s/-d ADDR/len`, `-i/-o`, `-p`,
// then each `-m` module in load order with its options as that module's save() prints them,
// then `-j TARGET` with normalised options (MARK → --set-xmark, REJECT's default
// --reject-with, statistic's probability quantised to 2^-31 and printed with 11 decimals).
import type { IPFamily } from '../../shared/ip.ts';
import { sortByCodeUnits } from '../../shared/sortByCodeUnits.ts';
import { BUILTIN_CHAINS, ruleText, type IptablesRule } from './ruleset.ts';
import { parseRestore } from './parseRestore.ts';
import { parseRuleText, type MatchModule, type Negatable, type ParsedRule } from './parsedRule.ts';


/** What iptables-save appends to a host address: `/32` or `/128`, nothing when it has a length. */
export function hostSuffix(addr: string, family: IPFamily): string {
  return addr.includes('/') ? '' : family === 'IPv6' ? '/128' : '/32';
}

function withPrefix(addr: string, family: IPFamily): string {
  return addr + hostSuffix(addr, family);
}

/** libxt_statistic: probability stored as lround(p × 2^31), printed `%.11f`. */
export function quantizedProbability(p: string): string {
  const stored = Math.round(Number(p) * 0x80000000);
  return (stored / 0x80000000).toFixed(11);
}

/** `0x00004000` → `0x4000` (print_mark's %x). */
function hex(v: string): string {
  const n = Number.parseInt(v, 16);
  return Number.isNaN(n) ? v : `0x${n.toString(16)}`;
}

function markPair(v: string): string {
  const [m, mask] = v.split('/');
  if (mask === undefined) return hex(m ?? '');
  const mk = Number.parseInt(mask, 16);
  return mk === 0xffffffff ? hex(m ?? '') : `${hex(m ?? '')}/${hex(mask)}`;
}

export function quote(s: string): string {
  if (s.length > 1 && s.charCodeAt(0) === 34 && s.charCodeAt(s.length - 1) === 34) return s; // already quoted (ruleset args)
  return s.includes('"') || s.includes('\\') ? `"${s.replace(/(["\\])/g, '\\$1')}"` : `"${s}"`;
}

function saveMatch(m: MatchModule, family: IPFamily): string {
  const o = m.opts;
  const out: string[] = ['-m', m.name];
  if (m.name === 'comment') {
    const i = o.indexOf('--comment');
    return `-m comment --comment ${quote(i >= 0 ? (o[i + 1] ?? '') : '')}`;
  }
  if (m.name === 'tcp' || m.name === 'udp' || m.name === 'sctp' || m.name === 'addrtype' || m.name === 'conntrack' || m.name === 'nfacct') {
    return o.length === 0 ? `-m ${m.name}` : `-m ${m.name} ${o.join(' ')}`;
  }
  if (m.name === 'statistic') {
    for (let i = 0; i < o.length; i++) {
      if (o[i] === '--probability') out.push('--probability', quantizedProbability(o[++i] ?? '0'));
      else out.push(o[i]!);
    }
  } else if (m.name === 'mark') {
    for (let i = 0; i < o.length; i++) out.push(o[i] === '--mark' ? `--mark ${markPair(o[++i] ?? '')}` : o[i]!);
  } else if (m.name === 'recent') {
    // recent_save prints the action, --seconds, --reap, then --name, --mask and the side.
    const has = (f: string) => o.includes(f);
    const val = (f: string) => o[o.indexOf(f) + 1] ?? '';
    for (const f of ['--set', '--rcheck', '--update', '--remove']) if (has(f)) out.push(f);
    if (has('--seconds')) out.push('--seconds', val('--seconds'));
    if (has('--hitcount')) out.push('--hitcount', val('--hitcount'));
    if (has('--rttl')) out.push('--rttl');
    if (has('--reap')) out.push('--reap');
    out.push('--name', has('--name') ? val('--name') : 'DEFAULT');
    out.push('--mask', family === 'IPv6' ? 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' : '255.255.255.255');
    out.push(has('--rdest') ? '--rdest' : '--rsource');
  } else out.push(...o);
  return out.join(' ');
}

function saveTarget(r: ParsedRule, family: IPFamily): string {
  if (!r.target) return '';
  const o = r.targetOpts;
  const out = ['-j', r.target];
  if (r.target === 'MARK') {
    for (let i = 0; i < o.length; i++) {
      const v = Number.parseInt(o[i + 1] ?? '', 16);
      if (o[i] === '--or-mark') { out.push('--set-xmark', `0x${v.toString(16)}/0x${v.toString(16)}`); i++; }
      else if (o[i] === '--xor-mark') { out.push('--set-xmark', `0x${v.toString(16)}/0x0`); i++; }
      else if (o[i] === '--set-mark') { out.push('--set-xmark', `0x${v.toString(16)}/0xffffffff`); i++; }
      else out.push(o[i]!);
    }
  } else if (r.target === 'REJECT' && !o.includes('--reject-with')) {
    out.push('--reject-with', family === 'IPv6' ? 'icmp6-port-unreachable' : 'icmp-port-unreachable');
  } else out.push(...o);
  return out.join(' ');
}

function negatable(n: Negatable, flag: string, value: string): string {
  return n.neg ? ` ! ${flag} ${value}` : ` ${flag} ${value}`;
}

/** One rule as iptables-save prints it (string building kept allocation-light: it runs per rule). */
export function saveRule(r: ParsedRule, family: IPFamily): string {
  let s = `-A ${r.chain}`;
  if (r.src) s += negatable(r.src, '-s', withPrefix(r.src.value, family));
  if (r.dst) s += negatable(r.dst, '-d', withPrefix(r.dst.value, family));
  if (r.inIface) s += negatable(r.inIface, '-i', r.inIface.value);
  if (r.outIface) s += negatable(r.outIface, '-o', r.outIface.value);
  if (r.proto) s += negatable(r.proto, '-p', r.proto.value);
  for (const m of r.matches) s += ' ' + saveMatch(m, family);
  const t = saveTarget(r, family);
  return t === '' ? s : `${s} ${t}`;
}

/** A rule line as kube-proxy wrote it (`-A CHAIN …`) → as iptables-save prints it. */
export function saveRuleText(line: string, family: IPFamily): string {
  return saveRule(parseRuleText(line), family);
}

/** A ruleset rule as `iptables-save` prints it (the writer's direct form when it made one). */
export function saveLine(rule: IptablesRule, family: IPFamily): string {
  const parts: string[] = [];
  pushSaveLine(rule, family, parts);
  parts.pop(); // the newline
  return parts.join('');
}

/** Pushes a ruleset rule's iptables-save line, then a newline, as pieces onto `parts`. */
export function pushSaveLine(rule: IptablesRule, family: IPFamily, parts: string[]): void {
  if (rule.pushSaved) rule.pushSaved(family, parts);
  else parts.push(saveRuleText(ruleText(rule), family));
  parts.push('\n');
}

export interface SaveOptions {
  readonly family: IPFamily;
  /** Text after "on" in the header comments (a real node prints ctime); omitted if absent. */
  readonly generatedAt?: string;
  readonly version?: string;
}

/** A chain of a SaveTable: built-ins print their policy, user chains `-`. */
export interface SaveChain {
  readonly name: string;
  /** A built-in chain's policy (ACCEPT when absent). */
  readonly policy?: string;
}

/** A table ready to print: each of its chains once, and each chain's rules in kernel order. */
export interface SaveTable {
  readonly name: string;
  readonly chains: readonly SaveChain[];
  /**
   * Pushes the rules of `chain` (one of `chains`) onto `parts` as iptables-save lines in kernel
   * order, each line in one or more pieces followed by a `\n` piece.
   */
  readonly pushLines: (chain: SaveChain, family: IPFamily, parts: string[]) => void;
}

/** A SaveTable over lines already in iptables-save form, grouped by chain. */
export function saveTableOfLines(name: string, chains: readonly SaveChain[], lines: ReadonlyMap<string, readonly string[]>): SaveTable {
  const policies = new Map<string, string | undefined>();
  for (const c of chains) policies.set(c.name, c.policy);
  return {
    name,
    chains: [...policies].map(([n, policy]) => (policy === undefined ? { name: n } : { name: n, policy })),
    pushLines: (chain, _family, parts) => {
      for (const l of lines.get(chain.name) ?? []) parts.push(l, '\n');
    },
  };
}

/** Appends `item` to the list under `key` (rules or lines grouped by chain). */
export function pushTo<T>(lists: Map<string, T[]>, key: string, item: T): void {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
}

const TABLE_ORDER = ['mangle', 'filter', 'nat', 'raw', 'security'];
const tableRank = (n: string) => (TABLE_ORDER.includes(n) ? TABLE_ORDER.indexOf(n) : 99);

/**
 * Prints tables as `iptables-save` does: tables mangle, filter, nat; built-in chains first with
 * their policy, then user chains alphabetically (libiptc keeps them sorted); rules in kernel order.
 */
export function renderSaveTables(tables: readonly SaveTable[], opts: SaveOptions): string {
  const ver = opts.version ?? 'v1.8.10';
  const on = opts.generatedAt ? ` on ${opts.generatedAt}` : '';
  const out: string[] = [];
  const parts: string[] = [];
  for (const t of [...tables].sort((a, b) => tableRank(a.name) - tableRank(b.name))) {
    out.push(`# Generated by iptables-save ${ver}${on}\n*${t.name}\n`);
    const builtins = BUILTIN_CHAINS[t.name] ?? [];
    const builtinSet = new Set(builtins);
    const present = new Map<string, number>();
    const user: number[] = [];
    // Each chain's rules are rendered in the order the chains come (the order their rules were
    // written, so memory is read front to back), one flat string per chain from pieces; the
    // chains are then put in iptables-save order. Rendering in name order instead reads a
    // 10k-Service ruleset in hash order, and its cost per rule grew with the ruleset.
    const text: string[] = new Array<string>(t.chains.length);
    t.chains.forEach((c, i) => {
      if (builtinSet.has(c.name)) present.set(c.name, i);
      else user.push(i);
      parts.length = 0;
      t.pushLines(c, opts.family, parts);
      text[i] = parts.join('');
    });
    const decl = (i: number, policy: string) => out.push(`:${t.chains[i]!.name} ${policy} [0:0]\n`);
    const order: number[] = [];
    for (const b of builtins) {
      const i = present.get(b);
      if (i === undefined) continue;
      const p = t.chains[i]!.policy;
      decl(i, p === undefined || p === '-' ? 'ACCEPT' : p);
      order.push(i);
    }
    // libiptc keeps user chains sorted by strcmp: on ASCII names, the order of `<`.
    const sorted = sortByCodeUnits(user, (i) => t.chains[i]!.name);
    // The user chains' `:NAME - [0:0]` lines in one join (a template string per chain was 111k
    // short-lived strings at 10k Services).
    if (sorted.length > 0) out.push(':', sorted.map((i) => t.chains[i]!.name).join(' - [0:0]\n:'), ' - [0:0]\n');
    for (const i of order) out.push(text[i]!);
    for (const i of sorted) out.push(text[i]!);
    out.push(`COMMIT\n# Completed${on}\n`);
  }
  return out.join('');
}

/** A node's tables given as restore-format state text (see nodeState.ts) → iptables-save text. */
export function renderSave(stateText: string, opts: SaveOptions): string {
  return renderSaveTables(
    parseRestore(stateText).map((t) => {
      const lines = new Map<string, string[]>();
      for (const l of t.lines) {
        if (!l.startsWith('-A ')) continue;
        const r = parseRuleText(l);
        pushTo(lines, r.chain, saveRule(r, opts.family));
      }
      return saveTableOfLines(t.name, t.chains, lines);
    }),
    opts,
  );
}
