// Test oracle only (imported by *.test.ts, not by the product): the Go unit tests' packet tracer
// (proxier_test.go iptablesTracer / tracePacket, as vectors/iptables/README.md describes it),
// so our vitest suite can check the generated rules against every vector's packet flows.
// The product's packet walker is netfilter's, not this.
import { inCIDR } from '../../shared/ip.ts';
import { parseRestore } from './parseRestore.ts';
import { tokenizeRule } from './parsedRule.ts';

interface Packet { src: string; dst: string; port: string; proto: string }

export function goTracePacket(stateText: string, localIPs: readonly string[], flow: { sourceIP: string; destIP: string; destPort: number; protocol: string }): { output: string; masq: boolean } {
  const tables = new Map<string, Map<string, string[][]>>();
  for (const t of parseRestore(stateText)) {
    const chains = new Map<string, string[][]>();
    for (const c of t.chains) chains.set(c.name, []);
    for (const l of t.lines) {
      if (!l.startsWith('-A ')) continue;
      const words = tokenizeRule(l);
      const list = chains.get(words[1]!) ?? [];
      chains.set(words[1]!, list);
      list.push(words.slice(2));
    }
    tables.set(t.name, chains);
  }
  const outputs: string[] = [];
  let masq = false;
  const pkt: Packet = { src: flow.sourceIP, dst: flow.destIP, port: String(flow.destPort), proto: flow.protocol.toLowerCase() };
  const addrMatch = (want: string, ip: string) => (want.includes('/') ? inCIDR(want, ip) : want === ip);
  const matches = (w: string[]): boolean => {
    for (let i = 0; i < w.length; i++) {
      const negated = w[i] === '!';
      const k = negated ? w[++i]! : w[i]!;
      const v = w[i + 1] ?? '';
      let ok: boolean;
      if (k === '--rcheck' || k === '--mark' || k === '--ctstate') return false;
      if (k === '-s') { ok = addrMatch(v, pkt.src); i++; }
      else if (k === '-d') { ok = addrMatch(v, pkt.dst); i++; }
      else if (k === '--src-type') { ok = localIPs.includes(pkt.src); i++; }
      else if (k === '--dst-type') { ok = localIPs.includes(pkt.dst); i++; }
      else if (k === '-p') { ok = v === pkt.proto; i++; }
      else if (k === '--dport') { ok = v === pkt.port; i++; }
      else continue;
      if (ok === negated) return false;
    }
    return true;
  };
  const run = (table: string, chain: string): boolean => {
    for (const w of tables.get(table)?.get(chain) ?? []) {
      const j = w.indexOf('-j');
      if (j < 0) continue;
      if (!matches(w.slice(0, j))) continue;
      const target = w[j + 1]!;
      if (target === 'KUBE-MARK-MASQ') { masq = true; continue; }
      if (target === 'ACCEPT' || target === 'REJECT' || target === 'DROP') { outputs.push(target); return true; }
      if (target === 'DNAT') { outputs.push(w[w.indexOf('--to-destination') + 1]!); return true; }
      const ended = run(table, target);
      if (ended && !w.includes('--probability')) return true;
    }
    return false;
  };
  run('nat', 'PREROUTING');
  if (outputs.length > 0) pkt.dst = outputs[0]!.split(':')[0]!;
  for (const c of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL']) run('filter', c);
  return { output: outputs.join(', '), masq };
}
