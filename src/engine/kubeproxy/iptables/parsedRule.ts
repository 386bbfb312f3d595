// A kube-proxy rule's arguments read into iptables' own structure: address/interface/protocol
// matches, then the `-m` match modules in order, then the target. Used to print a rule the
// way the kernel gives it back (iptables-save, iptables -L). It understands the shapes
// kube-proxy and kubelet write, plus common generic options.

export interface Negatable {
  readonly neg: boolean;
  readonly value: string;
}

export interface MatchModule {
  readonly name: string;
  /** Option words in order, negations as a separate `!` word, comment text unquoted. */
  readonly opts: string[];
}

export interface ParsedRule {
  readonly chain: string;
  src?: Negatable;
  dst?: Negatable;
  inIface?: Negatable;
  outIface?: Negatable;
  proto?: Negatable;
  readonly matches: MatchModule[];
  target?: string;
  readonly targetOpts: string[];
}

/** Splits rule text into words; a double-quoted string is one word (quotes removed). */
export function tokenizeRule(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i >= text.length) break;
    if (text[i] === '"') {
      const end = text.indexOf('"', i + 1);
      const stop = end < 0 ? text.length : end;
      out.push(text.slice(i + 1, stop));
      i = stop + 1;
    } else {
      let j = i;
      while (j < text.length && text[j] !== ' ' && text[j] !== '\t') j++;
      out.push(text.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** Reads `-A CHAIN args…`. */
export function parseRuleText(line: string): ParsedRule {
  const words = tokenizeRule(line);
  return words[0] === '-A' || words[0] === '-I' ? parseRuleWords(words[1] ?? '', words, 2) : parseRuleWords('', words, 0);
}

/** Reads a ruleset rule's args as kube-proxy wrote them (multi-word comments still quoted). */
export function parseRuleArgs(chain: string, args: readonly string[]): ParsedRule {
  // Comment texts stay in their quotes here; saveRule passes a quoted text through as it is.
  return parseRuleWords(chain, args, 0);
}

function parseRuleWords(chain: string, words: readonly string[], start: number): ParsedRule {
  let idx = start;
  const rule: ParsedRule = { chain, matches: [], targetOpts: [] };
  let neg = false;
  let current: MatchModule | null = null;
  let inTarget = false;
  while (idx < words.length) {
    const w = words[idx++]!;
    if (w === '!') { neg = true; continue; }
    // (no closures in this loop: it runs for every word of every rule)
    const field = w === '-s' || w === '--source' ? 'src' : w === '-d' || w === '--destination' ? 'dst'
      : w === '-i' || w === '--in-interface' ? 'inIface' : w === '-o' || w === '--out-interface' ? 'outIface'
      : w === '-p' || w === '--protocol' ? 'proto' : null;
    if (field !== null) {
      rule[field] = { neg, value: words[idx++] ?? '' };
      neg = false;
      continue;
    }
    if (w === '-m' || w === '--match') {
      current = { name: words[idx++] ?? '', opts: [] };
      rule.matches.push(current);
      inTarget = false;
      continue;
    }
    if (w === '-j' || w === '--jump') {
      rule.target = words[idx++] ?? '';
      inTarget = true;
      current = null;
      continue;
    }
    if (inTarget) { rule.targetOpts.push(w); continue; }
    if (!current) {
      // An option without its module (`-p tcp --dport 80`): iptables loads the protocol module.
      current = { name: rule.proto?.value ?? '', opts: [] };
      rule.matches.push(current);
    }
    if (neg) { current.opts.push('!'); neg = false; }
    current.opts.push(w);
  }
  return rule;
}
