// `iptables-restore --noflush` semantics, as kube-proxy relies on them (proxier.go: RestoreAll
// with NoFlushTables): tables not in the input are untouched; a declared chain (`:CHAIN - [0:0]`)
// is created or flushed; `-A` appends, `-I` inserts at the top, `-F` flushes, `-X` deletes;
// chains the input does not mention keep their rules.
import { lineChain, parseRestore } from './parseRestore.ts';

interface ChainState {
  policy: string;
  rules: string[];
}
/** Chains in creation order (a Map keeps insertion order), each with its policy and rules. */
type TableState = Map<string, ChainState>;

const BUILTIN_POLICY = /^(ACCEPT|DROP|RETURN|QUEUE)$/;

function apply(state: Map<string, TableState>, text: string): void {
  for (const t of parseRestore(text)) {
    let ts = state.get(t.name);
    if (!ts) state.set(t.name, (ts = new Map()));
    const table = ts;
    const ensure = (name: string, policy = '-'): ChainState => {
      let c = table.get(name);
      if (!c) table.set(name, (c = { policy, rules: [] }));
      return c;
    };
    for (const c of t.chains) {
      const existing = table.get(c.name);
      if (existing) {
        existing.rules = [];
        if (BUILTIN_POLICY.test(c.policy)) existing.policy = c.policy;
      } else ensure(c.name, c.policy);
    }
    for (const line of t.lines) {
      const op = line.slice(0, 2);
      const chain = lineChain(line);
      if (op === '-X') {
        if (chain === '') { // -X alone deletes every empty user chain
          for (const [name, c] of [...table]) if (c.policy === '-' && c.rules.length === 0) table.delete(name);
        } else table.delete(chain);
      } else if (op === '-F') {
        if (chain === '') for (const c of table.values()) c.rules = [];
        else if (table.has(chain)) table.get(chain)!.rules = [];
      } else if (op === '-N') ensure(chain);
      else if (op === '-A') ensure(chain).rules.push(line);
      else if (op === '-I') {
        const words = line.split(' ');
        const hasNum = /^[0-9]+$/.test(words[2] ?? '');
        const pos = hasNum ? Math.max(0, Number(words[2]) - 1) : 0;
        const rest = words.slice(hasNum ? 3 : 2).join(' ');
        const list = ensure(chain).rules;
        list.splice(Math.min(pos, list.length), 0, rest === '' ? `-A ${chain}` : `-A ${chain} ${rest}`);
      }
    }
  }
}

function render(state: Map<string, TableState>): string {
  const out: string[] = [];
  for (const [name, t] of state) {
    out.push(`*${name}`);
    for (const [c, st] of t) out.push(`:${c} ${st.policy} [0:0]`);
    for (const st of t.values()) for (const r of st.rules) out.push(r);
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
