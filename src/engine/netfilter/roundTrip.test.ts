// Round trip: the rules of every iptables vector, rendered in `iptables-save` format (iptables'
// option order, /32 suffixes, quantised probabilities, --set-xmark …) and parsed back, trace
// every flow to the same verdicts, DNAT targets and masquerade flags as kube-proxy's restore
// format. Probabilities may differ only by the save format's 2^-31 quantisation.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncVector } from '../../cli/conformance/families/iptables.ts';
import { flowDataplane } from '../../cli/conformance/iptablesFlows.ts';
import type { JsonObject } from '../../cli/conformance/input.ts';
import { renderSave } from '../kubeproxy/iptables/index.ts';
import { makePacket, type L4Proto, type Packet } from './packet.ts';
import { walkPacket } from './walkPacket.ts';

const DIR = path.resolve(process.cwd(), '../shared/vectors/iptables');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

interface Group {
  readonly state: string;
  readonly config: JsonObject;
  readonly flows: JsonObject[];
}

function outcomes(text: string, config: JsonObject, flows: JsonObject[]) {
  const { dp, localIPs } = flowDataplane(text, config);
  expect(dp.nodes[0]?.ruleset.diagnostics).toEqual([]);
  return flows.map((f) => {
    const p = makePacket({ proto: String(f.protocol).toLowerCase() as L4Proto, src: String(f.sourceIP), dst: String(f.destIP), dport: Number(f.destPort) }) as Packet;
    const start = localIPs.has(p.src) ? ({ kind: 'host', node: dp.nodes[0]!.name } as const) : ({ kind: 'wire', node: dp.nodes[0]!.name, iface: 'eth0' } as const);
    const t = walkPacket(dp, start, p, { mode: { kind: 'all' } });
    return { flow: f.name, paths: t.paths.map((x) => ({ verdict: x.verdict, dnat: x.dnat, masquerade: x.masquerade, probability: Math.round(x.probability * 1e6) / 1e6 })) };
  });
}

describe.each(FILES)('%s', (file) => {
  const vector = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as JsonObject;
  const groups: Group[] = [];
  syncVector(structuredClone(vector), file, (flows, state, config) => groups.push({ state, config, flows }));
  const withFlows = groups.filter((g) => g.flows.length > 0);
  if (withFlows.length === 0 || typeof vector.iptablesRestoreInput === 'string') {
    it('has no generated rules with flows to round-trip', () => expect(withFlows.length === 0 || typeof vector.iptablesRestoreInput === 'string').toBe(true));
    return;
  }
  it.each(withFlows.map((g, i) => [i, g] as const))('sync %i: save format traces like restore format', (_i, g) => {
    const family = (g.config.ipFamily as 'IPv4' | 'IPv6') ?? 'IPv4';
    const save = renderSave(g.state, { family });
    expect(save).not.toBe(g.state);
    expect(outcomes(save, g.config, g.flows)).toEqual(outcomes(g.state, g.config, g.flows));
  });
});
