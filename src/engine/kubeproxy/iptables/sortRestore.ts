// sortIPTablesRules (pkg/proxy/iptables/proxier_test.go): the canonical order the upstream
// tests (and the vectors) compare restore inputs in, since real kube-proxy visits Services in
// Go map order. Tables by name; chains KUBE-NODEPORTS, KUBE-SERVICES, other KUBE-* then the
// rest, alphabetically; rules grouped by chain; KUBE-NODEPORTS / KUBE-SERVICES rules stable-
// sorted by service name, nat KUBE-SERVICES' NodePort tail-call kept last; then -X lines.
import { lineChain, parseRestore } from './parseRestore.ts';

function chainRank(name: string): [number, string] {
  if (name === 'KUBE-NODEPORTS') return [0, ''];
  if (name === 'KUBE-SERVICES') return [1, ''];
  return name.startsWith('KUBE-') ? [2, name] : [3, name];
}

function compareChains(a: string, b: string): number {
  const [ra, na] = chainRank(a);
  const [rb, nb] = chainRank(b);
  return ra !== rb ? ra - rb : na < nb ? -1 : na > nb ? 1 : 0;
}

/** The service a rule belongs to: its comment up to the first space or `:`. */
export function commentServiceName(line: string): string {
  const m = /--comment (?:"([^"]*)"|(\S+))/.exec(line);
  const c = m ? (m[1] ?? m[2] ?? '') : '';
  return c.split(/[ :]/, 1)[0] ?? '';
}

const LAST_RULE = 'this must be the last rule in this chain';

function sortChainRules(table: string, chain: string, lines: string[]): string[] {
  if (chain !== 'KUBE-NODEPORTS' && chain !== 'KUBE-SERVICES') return lines;
  const isLast = (l: string) => table === 'nat' && chain === 'KUBE-SERVICES' && l.includes(LAST_RULE);
  const rest = lines.filter((l) => !isLast(l));
  const keyed = rest.map((l, i) => ({ l, i, k: commentServiceName(l) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
  return keyed.map((x) => x.l).concat(lines.filter(isLast));
}

/** Brings restore text into sortIPTablesRules order. */
export function sortRestore(text: string): string {
  const tables = parseRestore(text).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const t of tables) {
    out.push(`*${t.name}`);
    const chains = [...new Set(t.chains.map((c) => c.name))].sort(compareChains);
    for (const c of chains) out.push(`:${c} - [0:0]`);
    const byChain = new Map<string, string[]>();
    const deletes: string[] = [];
    for (const l of t.lines) {
      if (l.startsWith('-X')) { deletes.push(l); continue; }
      const c = lineChain(l);
      let list = byChain.get(c);
      if (!list) byChain.set(c, (list = []));
      list.push(l);
    }
    const ruleChains = [...new Set([...chains, ...[...byChain.keys()].sort(compareChains)])];
    for (const c of ruleChains) for (const r of sortChainRules(t.name, c, byChain.get(c) ?? [])) out.push(r);
    for (const d of deletes) out.push(d);
    out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}
