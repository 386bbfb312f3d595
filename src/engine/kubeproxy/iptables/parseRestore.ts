// A small reader of iptables-restore / iptables-save text into tables → chains → rule lines,
// shared by the canonical sort and the --noflush merge. It keeps rule lines verbatim.

export interface ParsedTable {
  readonly name: string;
  /** Declared chains in order, with the policy field (`-` for user chains, `ACCEPT` …). */
  readonly chains: { name: string; policy: string }[];
  /** Lines after the chain declarations, verbatim (`-A …`, `-I …`, `-X …`, `-F …`, `-N …`). */
  readonly lines: string[];
}

export class RestoreParseError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

export function parseRestore(text: string): ParsedTable[] {
  const tables: ParsedTable[] = [];
  let cur: ParsedTable | null = null;
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const n = i + 1;
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('*')) {
      if (cur) throw new RestoreParseError(n, `table ${line} starts before COMMIT of *${cur.name}`);
      cur = { name: line.slice(1).trim(), chains: [], lines: [] };
      tables.push(cur);
      return;
    }
    if (!cur) throw new RestoreParseError(n, `outside a table: ${line.slice(0, 80)}`);
    const t: ParsedTable = cur;
    if (line === 'COMMIT') { cur = null; return; }
    if (line.startsWith(':')) {
      const [name, policy] = line.slice(1).split(/\s+/);
      if (!name) throw new RestoreParseError(n, 'chain line without a name');
      t.chains.push({ name, policy: policy ?? '-' });
      return;
    }
    if (/^-[AIXFN] \S/.test(line) || /^-[XF]$/.test(line)) { t.lines.push(line); return; }
    throw new RestoreParseError(n, `not iptables-restore syntax: ${line.slice(0, 80)}`);
  });
  if (cur) throw new RestoreParseError(lines.length, `missing COMMIT for *${(cur as ParsedTable).name}`);
  return tables;
}

/** The chain a rule line (`-A CHAIN …`) belongs to. */
export function lineChain(line: string): string {
  return line.split(/\s+/)[1] ?? '';
}
