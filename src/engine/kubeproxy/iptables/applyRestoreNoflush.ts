// `iptables-restore --noflush` semantics, as kube-proxy relies on them (proxier.go: RestoreAll
// with NoFlushTables): tables not in the input are untouched; a declared chain (`:CHAIN - [0:0]`)
// is created or flushed; `-A` appends, `-I` inserts at the top, `-F` flushes, `-X` deletes;
// chains the input does not mention keep their rules.
import { lineChain, parseRestore } from './parseRestore.ts';

interface TableState {
  chains: { name: string; policy: string }[];
  rules: Map<string, string[]>;
}

const BUILTIN_POLICY = /^(ACCEPT|DROP|RETURN|QUEUE)$/;

function apply(state: Map<string, TableState>, text: string): void {
  for (const t of parseRestore(text)) {
    let ts = state.get(t.name);
    if (!ts) state.set(t.name, (ts = { chains: [], rules: new Map() }));
    const table = ts;
    const ensure = (name: string, policy = '-') => {
      if (!table.rules.has(name)) {
        table.chains.push({ name, policy });
        table.rules.set(name, []);
      }
    };
    for (const c of t.chains) {
      const existing = table.chains.find((x) => x.name === c.name);
      if (existing) {
        table.rules.set(c.name, []);
        if (BUILTIN_POLICY.test(c.policy)) existing.policy = c.policy;
      } else ensure(c.name, c.policy);
    }
    for (const line of t.lines) {
      const op = line.slice(0, 2);
      const chain = lineChain(line);
      if (op === '-X') {
        if (chain === '') { // -X alone deletes every empty user chain
          for (const c of [...table.chains]) if (c.policy === '-' && (table.rules.get(c.name) ?? []).length === 0) remove(table, c.name);
        } else remove(table, chain);
      } else if (op === '-F') {
        if (chain === '') for (const c of table.chains) table.rules.set(c.name, []);
        else table.rules.set(chain, []);
      } else if (op === '-N') ensure(chain);
      else if (op === '-A') {
        ensure(chain);
        table.rules.get(chain)!.push(line);
      } else if (op === '-I') {
        ensure(chain);
        const words = line.split(' ');
        const hasNum = /^[0-9]+$/.test(words[2] ?? '');
        const pos = hasNum ? Math.max(0, Number(words[2]) - 1) : 0;
        const rest = words.slice(hasNum ? 3 : 2).join(' ');
        const list = table.rules.get(chain)!;
        list.splice(Math.min(pos, list.length), 0, rest === '' ? `-A ${chain}` : `-A ${chain} ${rest}`);
      }
    }
  }
}

function remove(table: TableState, chain: string): void {
  table.chains = table.chains.filter((c) => c.name !== chain);
  table.rules.delete(chain);
}

function render(state: Map<string, TableState>): string {
  const out: string[] = [];
  for (const [name, t] of state) {
    out.push(`*${name}`);
    for (const c of t.chains) out.push(`:${c.name} ${c.policy} [0:0]`);
    for (const c of t.chains) out.push(...(t.rules.get(c.name) ?? []));
    out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}

/** The tables after restoring `newText` with --noflush on top of `previousText` (both restore format). */
export function applyRestoreNoflush(previousText: string, newText: string): string {
  const state = new Map<string, TableState>();
  apply(state, previousText);
  apply(state, newText);
  return render(state);
}
