// Every packet flow of every iptables vector (top level and follow-ups) traced with the
// hook-faithful walker through the rules the node would hold: TestTracePacket's fixed
// iptablesRestoreInput, and for the others the state the iptables renderer syncs (the same
// text the conformance family hands to fillPacketFlows). Every expectedIptablesSave (a bare
// restore input) must also load cleanly and route a ClusterIP flow, with kube-proxy's jumps ensured.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncVector } from './families/iptables.ts';
import { flowDataplane, traceFlow } from './iptablesFlows.ts';
import type { JsonObject } from './input.ts';

const DIR = path.resolve(process.cwd(), '../shared/vectors/iptables');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

interface Case {
  readonly where: string;
  readonly flow: JsonObject;
  readonly state: string;
  readonly config: JsonObject;
}

/** Flows where the kernel walk and the Go test's tracer part ways; each says why (none so far). */
const KERNEL_DIFFERS: Record<string, string> = {};

function casesOf(file: string, vector: JsonObject): Case[] {
  const out: Case[] = [];
  const flows = [...((vector.packetFlows as JsonObject[]) ?? []), ...((vector.followUp as JsonObject[]) ?? []).flatMap((f) => (f.packetFlows as JsonObject[]) ?? [])];
  let k = 0;
  syncVector(structuredClone(vector), file, (fs, state, config) => {
    for (const f of fs) {
      const orig = flows[k++] as JsonObject;
      out.push({ where: `${file} #${k - 1} ${String(f.name)}`, flow: orig, state, config });
    }
  });
  return out;
}

describe.each(FILES)('%s', (file) => {
  const vector = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as JsonObject;
  const cases = casesOf(file, vector);
  const table = cases.map((c) => [c.where, c] as const);
  if (table.length === 0) {
    it('has no packet flows', () => expect(cases).toEqual([]));
    return;
  }
  it.each(table.filter(([w]) => !KERNEL_DIFFERS[w]))('%s', (_w, c) => {
    const { dp, localIPs } = flowDataplane(c.state, c.config);
    const got = traceFlow(c.flow, dp, localIPs);
    expect({ flow: c.flow.name, src: c.flow.sourceIP, dst: `${String(c.flow.destIP)}:${String(c.flow.destPort)}`, ...got }).toEqual({
      flow: c.flow.name, src: c.flow.sourceIP, dst: `${String(c.flow.destIP)}:${String(c.flow.destPort)}`, output: c.flow.output, masq: c.flow.masq,
    });
  });
  for (const [w, c] of table.filter(([x]) => KERNEL_DIFFERS[x])) {
    it.fails(`${w} (kernel differs: ${KERNEL_DIFFERS[w]})`, () => {
      const { dp, localIPs } = flowDataplane(c.state, c.config);
      expect(traceFlow(c.flow, dp, localIPs)).toEqual({ output: c.flow.output, masq: c.flow.masq });
    });
  }
});

describe('expectedIptablesSave texts are walkable', () => {
  const withSave = FILES.map((f) => [f, JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as JsonObject] as const).filter(([, v]) => typeof v.expectedIptablesSave === 'string');
  it.each(withSave)('%s: parses cleanly and a ClusterIP flow reaches a DNAT', (_f, v) => {
    const { dp } = flowDataplane(v.expectedIptablesSave as string, v.config as JsonObject);
    expect(dp.nodes[0]?.ruleset.diagnostics).toEqual([]);
    const rs = dp.nodes[0]!.ruleset;
    const svcRule = rs.tables.get('nat')?.chains.get('KUBE-SERVICES')?.rules.find((r) => / cluster IP/.test(r.text));
    expect(svcRule, 'a cluster IP rule in nat KUBE-SERVICES').toBeTruthy();
    const d = svcRule!.matches.find((m) => m.name === '-d')!.values[0]!;
    const port = Number(svcRule!.matches.find((m) => m.name === '--dport')!.values[0]);
    const proto = svcRule!.matches.find((m) => m.name === '-p')!.values[0]!.toUpperCase();
    const got = traceFlow({ name: 'probe', sourceIP: '10.0.0.2', destIP: d.split('/')[0]!, destPort: port, protocol: proto }, dp, new Set());
    expect(got.output, `flow to ${d}:${port}`).toMatch(/^(\[?[0-9a-f.:]+\]?:\d+(, )?)+$|^(REJECT|DROP)$/);
  });
});
