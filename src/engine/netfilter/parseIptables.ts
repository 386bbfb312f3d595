// Parses `iptables-save` output (legacy and nft backends, with or without `-c` counters) and
// kube-proxy's `iptables-restore` input into one Ruleset. The grammar is iptables-restore's
// (iptables/iptables-restore.c ip6tables_restore_main / xtables-restore.c): `*table`,
// `:CHAIN POLICY [pkts:bytes]`, `-A/-I/-N/-X/-F …`, `COMMIT`, `#` comments.
// A malformed line becomes a line-numbered diagnostic and the rest still loads.
import type { Diagnostic } from '../shared/diagnostics.ts';
import { parseRuleArgs } from './parseRuleArgs.ts';
import { BUILTIN_CHAINS, emptyTable, isTableName, type Chain, type Counters, type Rule, type Ruleset, type Table, type TableName } from './ruleset.ts';
import { tokenize } from './tokenize.ts';

export interface ParseOptions {
  /** Name used in diagnostics, e.g. the dump's file name. */
  readonly file?: string;
  /** Start from this ruleset instead of an empty one (iptables-restore --noflush). */
  readonly base?: Ruleset;
}

const COUNTERS_RE = /^\[(\d+):(\d+)\]$/;

export function parseIptables(text: string, opts: ParseOptions = {}): Ruleset {
  const file = opts.file ?? '<iptables>';
  const diagnostics: Diagnostic[] = [];
  const tables = new Map<TableName, Table>();
  if (opts.base) for (const [name, t] of opts.base.tables) tables.set(name, cloneTable(t));
  let current: Table | null = null;
  const lines = text.split('\n');
  const err = (line: number, message: string, severity: 'error' | 'warning' = 'error') =>
    diagnostics.push({ severity, message, pos: { file, line, col: 1 } });

  for (let ln = 0; ln < lines.length; ln++) {
    const lineNo = ln + 1;
    let raw = (lines[ln] as string).replace(/\r$/, '');
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (trimmed.startsWith('*')) {
      const name = trimmed.slice(1).trim();
      if (current) err(lineNo, `table "${current.name}" was not COMMITted before "*${name}"`);
      if (!isTableName(name)) {
        err(lineNo, `unknown table "${name}" (expected raw, mangle, nat, filter or security)`);
        current = null;
        continue;
      }
      // iptables-restore without --noflush replaces the whole table.
      const t = opts.base ? (tables.get(name) ?? emptyTable(name)) : emptyTable(name);
      tables.set(name, t);
      current = t;
      continue;
    }
    if (trimmed === 'COMMIT') {
      if (!current) err(lineNo, 'COMMIT outside a table');
      current = null;
      continue;
    }
    if (!current) {
      err(lineNo, 'line outside a table (missing "*filter"/"*nat" header?)');
      continue;
    }
    if (trimmed.startsWith(':')) {
      const m = /^:(\S+)\s+(\S+)(?:\s+(\[\d+:\d+\]))?\s*$/.exec(trimmed);
      if (!m) {
        err(lineNo, `bad chain declaration "${trimmed}" (expected ":CHAIN POLICY [pkts:bytes]")`);
        continue;
      }
      const [, name, policyText, countersText] = m as unknown as [string, string, string, string | undefined];
      const builtin = (BUILTIN_CHAINS[current.name] as readonly string[]).includes(name);
      // iptables-restore: "-" on a built-in chain keeps its current policy.
      if (builtin && policyText !== 'ACCEPT' && policyText !== 'DROP' && policyText !== '-') {
        err(lineNo, `built-in chain ${name} needs policy ACCEPT, DROP or -, got "${policyText}"`);
        continue;
      }
      if (!builtin && policyText !== '-') {
        err(lineNo, `user chain ${name} cannot have a policy ("${policyText}"); use "-"`);
        continue;
      }
      const counters = countersText ? parseCounters(countersText) : undefined;
      // A declared chain is created, or flushed if it exists (iptables-restore semantics).
      current.chains.set(name, {
        name,
        builtin,
        policy: builtin ? (policyText === '-' ? (current.chains.get(name)?.policy ?? 'ACCEPT') : (policyText as 'ACCEPT' | 'DROP')) : null,
        rules: [],
        line: lineNo,
        ...(counters ? { counters } : {}),
      });
      continue;
    }
    let counters: Counters | undefined;
    const cm = /^\[(\d+):(\d+)\]\s+/.exec(trimmed);
    raw = trimmed;
    if (cm) {
      counters = { packets: Number(cm[1]), bytes: Number(cm[2]) };
      raw = trimmed.slice(cm[0].length);
    }
    const tk = tokenize(raw);
    if ('error' in tk) {
      err(lineNo, `${tk.error}: ${raw}`);
      continue;
    }
    const [cmdTok, chainTok, ...rest] = tk.tokens;
    const cmd = cmdTok?.text ?? '';
    const chainName = chainTok?.text;
    if (!chainName) {
      err(lineNo, `"${cmd}" needs a chain name`);
      continue;
    }
    if (cmd === '-N' || cmd === '--new-chain') {
      if (!current.chains.has(chainName)) current.chains.set(chainName, { name: chainName, builtin: false, policy: null, rules: [], line: lineNo });
      continue;
    }
    if (cmd === '-X' || cmd === '--delete-chain') {
      const c = current.chains.get(chainName);
      if (c?.builtin) err(lineNo, `cannot delete built-in chain ${chainName}`);
      else current.chains.delete(chainName);
      continue;
    }
    if (cmd === '-F' || cmd === '--flush') {
      const c = current.chains.get(chainName);
      if (c) c.rules.length = 0;
      else err(lineNo, `-F: no chain "${chainName}" in table ${current.name}`);
      continue;
    }
    if (cmd !== '-A' && cmd !== '--append' && cmd !== '-I' && cmd !== '--insert') {
      err(lineNo, `unsupported command "${cmd}" (expected -A, -I, -N, -X or -F)`);
      continue;
    }
    const chain = current.chains.get(chainName);
    if (!chain) {
      err(lineNo, `chain "${chainName}" is not declared in table ${current.name}`);
      continue;
    }
    let args = rest;
    let insertAt = 1;
    const isInsert = cmd === '-I' || cmd === '--insert';
    if (isInsert && args[0] && /^\d+$/.test(args[0].text)) {
      insertAt = Number(args[0].text);
      args = args.slice(1);
    }
    const parsed = parseRuleArgs(args);
    if ('error' in parsed) {
      err(lineNo, `${parsed.error} in: ${raw}`);
      continue;
    }
    if (parsed.ok.target && parsed.ok.target.name === chainName) err(lineNo, `rule jumps to its own chain ${chainName}`, 'warning');
    const rule: Rule = {
      table: current.name,
      chain: chainName,
      index: 0,
      line: lineNo,
      text: raw,
      modules: parsed.ok.modules,
      matches: parsed.ok.matches,
      target: parsed.ok.target,
      ...(counters || parsed.ok.counters ? { counters: counters ?? parsed.ok.counters } : {}),
    };
    if (isInsert) chain.rules.splice(Math.max(0, Math.min(insertAt - 1, chain.rules.length)), 0, rule);
    else chain.rules.push(rule);
  }
  if (current) err(lines.length, `table "${current.name}" has no COMMIT`);
  // Renumber and check jump targets once every chain is known.
  for (const t of tables.values()) {
    for (const c of t.chains.values()) {
      c.rules.forEach((r, k) => ((r as { index: number }).index = k + 1));
      for (const r of c.rules) {
        const tg = r.target;
        // iptables-restore: "Couldn't load target" for a name that is neither an extension nor a chain.
        if (tg && !EXTENSION_TARGETS.has(tg.name) && !t.chains.has(tg.name)) {
          diagnostics.push({ severity: 'error', message: `rule in ${c.name} jumps to undeclared chain "${tg.name}"`, pos: { file, line: r.line, col: 1 } });
        }
      }
    }
  }
  for (const t of tables.values()) findJumpLoop(t, file, diagnostics);
  return { tables, diagnostics };
}

/**
 * A chain that can reach itself through jumps/gotos makes the kernel refuse the whole table
 * (ip_tables.c mark_source_chains: "iptables: loop detected"; iptables-restore reports ELOOP).
 */
function findJumpLoop(t: Table, file: string, diagnostics: Diagnostic[]): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): Rule | null => {
    state.set(name, 'visiting');
    for (const r of t.chains.get(name)?.rules ?? []) {
      const to = r.target?.name;
      if (!to || EXTENSION_TARGETS.has(to) || !t.chains.has(to)) continue;
      if (state.get(to) === 'visiting') return r;
      if (state.get(to) === undefined) {
        const loop = visit(to);
        if (loop) return loop;
      }
    }
    state.set(name, 'done');
    return null;
  };
  for (const name of t.chains.keys()) {
    if (state.has(name)) continue;
    const r = visit(name);
    if (r) {
      diagnostics.push({ severity: 'error', message: `loop detected: ${r.chain} jumps back to ${r.target?.name} (the kernel refuses table ${t.name})`, pos: { file, line: r.line, col: 1 } });
      return;
    }
  }
}

function parseCounters(s: string): Counters | undefined {
  const m = COUNTERS_RE.exec(s);
  return m ? { packets: Number(m[1]), bytes: Number(m[2]) } : undefined;
}

function cloneTable(t: Table): Table {
  const chains = new Map<string, Chain>();
  for (const [k, c] of t.chains) chains.set(k, { ...c, rules: [...c.rules] });
  return { name: t.name, chains };
}

/** Target extensions iptables ships; any other `-j NAME` is a jump to a user chain. */
export const EXTENSION_TARGETS: ReadonlySet<string> = new Set(['ACCEPT', 'DROP', 'RETURN', 'QUEUE', 'REJECT', 'DNAT', 'SNAT', 'MASQUERADE', 'MARK', 'LOG', 'NOTRACK', 'CT', 'CONNMARK', 'TRACE', 'REDIRECT', 'NFLOG', 'TPROXY', 'TCPMSS', 'CLASSIFY', 'DSCP', 'TOS', 'ULOG', 'NETMAP', 'SET', 'AUDIT', 'CHECKSUM', 'NFQUEUE', 'HMARK', 'TEE', 'IDLETIMER', 'LED', 'SECMARK', 'CONNSECMARK', 'SYNPROXY', 'TTL', 'HL', 'ECN', 'RATEEST', 'CLUSTERIP']);
