// Splits one iptables-restore line into arguments the way iptables-restore does
// (iptables/xshared.c add_param_to_argv): whitespace separates, double quotes group and are
// removed, a backslash escapes a quote inside quotes.

export interface Token {
  readonly text: string;
  /** Whether any part of it was inside double quotes. */
  readonly quoted: boolean;
}

const WS = /[ \t\r\n]+/;

export type TokenizeResult = { readonly tokens: Token[] } | { readonly error: string };

export function tokenize(line: string): TokenizeResult {
  // Fast path: most lines have no quotes (iptables-save quotes only comments).
  if (!line.includes('"')) {
    const tokens: Token[] = [];
    for (const text of line.split(WS)) if (text !== '') tokens.push({ text, quoted: false });
    return { tokens };
  }
  const tokens: Token[] = [];
  let cur = '';
  let inToken = false;
  let quoted = false;
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (inQuote) {
      if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) {
        cur += line[i + 1];
        i++;
      } else if (c === '"') {
        inQuote = false;
      } else {
        cur += c;
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      if (inToken) tokens.push({ text: cur, quoted });
      cur = '';
      inToken = false;
      quoted = false;
      continue;
    }
    inToken = true;
    if (c === '"') {
      inQuote = true;
      quoted = true;
    } else {
      cur += c;
    }
  }
  if (inQuote) return { error: 'unterminated quote' };
  if (inToken) tokens.push({ text: cur, quoted });
  return { tokens };
}

/** Quotes an argument the way iptables-save prints comments (libxt_comment.c save → xtables_save_string). */
export function quoteArg(s: string): string {
  if (s !== '' && /^[^\s"\\'`$]+$/.test(s)) return s;
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}
