// Turns the arguments of one `-A CHAIN …` line into matches and a target, the way iptables'
// option parser assigns them (iptables/xshared.c do_parse, command_match, command_jump).
import { CORE_OPTIONS, MATCH_MODULES, PROTOCOL_MODULES, TARGETS } from './moduleOptions.ts';
import type { Counters, MatchOption, Target } from './ruleset.ts';
import type { Token } from './tokenize.ts';

export interface ParsedRuleArgs {
  readonly modules: string[];
  readonly matches: MatchOption[];
  readonly target: Target | null;
  readonly counters?: Counters;
}

export type RuleArgsResult = { readonly ok: ParsedRuleArgs } | { readonly error: string };

const isOption = (t: Token | undefined): boolean => !!t && !t.quoted && t.text.startsWith('-') && t.text.length > 1;

export function parseRuleArgs(tokens: readonly Token[]): RuleArgsResult {
  const modules: string[] = [];
  /** Modules whose options are accepted: `-m` ones plus those `-p` loads implicitly. */
  const loaded: string[] = [];
  const matches: MatchOption[] = [];
  let target: { name: string; goto: boolean; options: Map<string, string[]> } | null = null;
  let inTarget = false;
  let negate = false;
  let counters: Counters | undefined;
  let i = 0;
  const n = tokens.length;
  const text = (k: number): string | undefined => tokens[k]?.text;

  /** Takes `count` arguments starting at i+1, honouring the old `--opt ! value` negation. */
  const takeArgs = (count: number): string[] | null => {
    const out: string[] = [];
    let k = i + 1;
    if (count > 0 && text(k) === '!' && !tokens[k]?.quoted) {
      negate = !negate;
      k++;
    }
    for (let c = 0; c < count; c++, k++) {
      const v = text(k);
      if (v === undefined) return null;
      out.push(v);
    }
    i = k;
    return out;
  };

  while (i < n) {
    const tok = tokens[i] as Token;
    const t = tok.text;
    if (t === '!' && !tok.quoted) {
      if (negate) return { error: 'double negation "! !"' };
      negate = true;
      i++;
      continue;
    }
    if (tok.quoted || !t.startsWith('-')) return { error: `unexpected argument "${t}"` };
    if (t === '-m' || t === '--match') {
      const mod = text(i + 1);
      if (!mod) return { error: `${t} needs a module name` };
      modules.push(mod);
      loaded.push(mod);
      inTarget = false;
      i += 2;
      continue;
    }
    if (t === '-j' || t === '--jump' || t === '-g' || t === '--goto') {
      const name = text(i + 1);
      if (!name) return { error: `${t} needs a target` };
      if (target) return { error: `more than one target ("${target.name}" and "${name}")` };
      target = { name, goto: t === '-g' || t === '--goto', options: new Map() };
      inTarget = true;
      i += 2;
      continue;
    }
    if (t === '-c' || t === '--set-counters') {
      const p = Number(text(i + 1));
      const b = Number(text(i + 2));
      if (!Number.isInteger(p) || !Number.isInteger(b)) return { error: `${t} needs two integers` };
      counters = { packets: p, bytes: b };
      i += 3;
      continue;
    }
    if (t === '-4' || t === '-6' || t === '--ipv4' || t === '--ipv6') {
      i++;
      continue;
    }
    const core = CORE_OPTIONS[t];
    if (core) {
      const vals = takeArgs(core === '-f' ? 0 : 1);
      if (!vals) return { error: `${t} needs a value` };
      matches.push({ module: 'ip', name: core, negated: negate, values: vals });
      negate = false;
      if (core === '-p') {
        const implicit = PROTOCOL_MODULES[(vals[0] ?? '').toLowerCase()];
        if (implicit) loaded.push(implicit);
      }
      continue;
    }
    if (inTarget && target) {
      const spec = TARGETS[target.name];
      const count = spec?.[t];
      let vals: string[] | null;
      if (count !== undefined) vals = takeArgs(count);
      else if (spec) return { error: `unknown option "${t}" for target ${target.name}` };
      else vals = takeLoose();
      if (!vals) return { error: `${t} needs a value` };
      target.options.set(t, vals);
      negate = false;
      continue;
    }
    // A match option: it belongs to the most recently loaded module that knows it.
    let owner: string | undefined;
    for (let k = loaded.length - 1; k >= 0 && !owner; k--) {
      const mod = loaded[k] as string;
      if (MATCH_MODULES[mod]?.[t] !== undefined) owner = mod;
    }
    if (owner) {
      const spec = MATCH_MODULES[owner] as Record<string, number>;
      const vals = takeArgs(spec[t] as number);
      if (!vals) return { error: `${t} needs ${spec[t]} value(s)` };
      if (owner === 'comment' && !tokens[i - 1]?.quoted) {
        // The Go fake iptables records comments unquoted ("--comment kubernetes service portals");
        // iptables-restore would reject the stray words, we fold them into the comment instead.
        while (i < n && !isOption(tokens[i]) && text(i) !== '!') vals[0] += ' ' + text(i++);
      }
      matches.push({ module: owner, name: t, negated: negate, values: vals });
      negate = false;
      continue;
    }
    const last = loaded[loaded.length - 1];
    if (last !== undefined && MATCH_MODULES[last] === undefined) {
      // An extension this lab does not model: keep its options so the trace can show them.
      const vals = takeLoose();
      matches.push({ module: last, name: t, negated: negate, values: vals });
      negate = false;
      continue;
    }
    return { error: `unknown option "${t}"` };
  }
  if (negate) return { error: 'trailing "!"' };
  return { ok: { modules, matches, target, ...(counters ? { counters } : {}) } };

  /** Arguments of an option we have no table for: every following non-option token. */
  function takeLoose(): string[] {
    const out: string[] = [];
    i++;
    while (i < n && !isOption(tokens[i]) && text(i) !== '!') out.push(text(i++) as string);
    return out;
  }
}
