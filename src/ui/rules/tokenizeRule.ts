// Syntax colouring for rule dumps (iptables-save, iptables -L, ipvsadm, ipset, ip addr): a small
// line tokenizer. Pure; the Rules tab renders each token as a span with its class.
export type TokenKind = 'chain' | 'target' | 'match' | 'comment' | 'ip' | 'number' | 'text';
export interface Token { readonly kind: TokenKind; readonly text: string }

// Targets iptables and kube-proxy use (iptables-extensions(8)), and ipvsadm's forwarding methods.
const TARGETS = new Set(['ACCEPT', 'DROP', 'REJECT', 'RETURN', 'DNAT', 'SNAT', 'MASQUERADE', 'MARK', 'CONNMARK', 'LOG', 'NFLOG', 'Masq', 'Route', 'Tunnel', 'Local']);
const BUILTIN = new Set(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']);
const IP = /^!?\[?(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7})\]?(?:\/\d{1,3})?(?::\d+(?:-\d+)?)?(?:,[a-z]+:\d+)?$/;
const NUMBER = /^[\d.]+[KMG]?$/;

function classify(word: string, prev: string): TokenKind {
  if (prev === '-j' || prev === '-g' || prev === '--jump' || prev === '--goto') return 'target';
  if (prev === '-A' || prev === '-N' || prev === '-X' || prev === '-I' || prev === 'Chain' || /^:\S/.test(word)) return 'chain';
  if (/^KUBE-[A-Z0-9-]+$/.test(word) || BUILTIN.has(word)) return 'chain';
  if (TARGETS.has(word)) return 'target';
  if (/^--?[a-zA-Z]/.test(word) || word === '!') return 'match';
  if (IP.test(word) && /[.:]/.test(word)) return 'ip';
  if (NUMBER.test(word)) return 'number';
  return 'text';
}

/** Splits one line into tokens whose texts concatenate back to the line exactly. */
export function tokenizeRule(line: string): Token[] {
  if (/^\s*#/.test(line)) return [{ kind: 'comment', text: line }];
  const out: Token[] = [];
  const push = (kind: TokenKind, text: string) => {
    const last = out[out.length - 1];
    if (last && last.kind === kind && kind === 'text') out[out.length - 1] = { kind, text: last.text + text };
    else out.push({ kind, text });
  };
  let prev = '';
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      let j = i;
      while (j < line.length && (line[j] === ' ' || line[j] === '\t')) j++;
      push('text', line.slice(i, j));
      i = j;
      continue;
    }
    // "quoted comment" (save form, backslash escapes) and /* comment */ (iptables -L form).
    if (c === '"' || line.startsWith('/*', i)) {
      const close = c === '"' ? findQuote(line, i + 1) : line.indexOf('*/', i + 2);
      const end = close < 0 ? line.length : close + (c === '"' ? 1 : 2);
      push('comment', line.slice(i, end));
      i = end;
      prev = '';
      continue;
    }
    let j = i;
    while (j < line.length && line[j] !== ' ' && line[j] !== '\t') j++;
    const word = line.slice(i, j);
    push(prev === '--comment' ? 'comment' : classify(word, prev), word);
    prev = word;
    i = j;
  }
  return out;
}

function findQuote(line: string, from: number): number {
  for (let k = from; k < line.length; k++) {
    if (line[k] === '\\') k++;
    else if (line[k] === '"') return k;
  }
  return -1;
}
