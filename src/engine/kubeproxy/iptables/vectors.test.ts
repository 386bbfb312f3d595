// Every vector in ../shared/vectors/iptables run through the engine (vectors/README.md,
// "iptables"): the canonically sorted restore input, expectedChains, expectedRuleChecks,
// probabilities, and every packet flow traced (with the Go tests' tracer) through the rules we
// generate, including follow-up resyncs merged with --noflush.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncVector } from '../../../cli/conformance/families/iptables.ts';
import type { JsonObject } from '../../../cli/conformance/input.ts';
import { goTracePacket } from './goTestTracer.test-oracle.ts';
import { parseRestore } from './parseRestore.ts';
import { commentServiceName } from './sortRestore.ts';
import { tokenizeRule } from './parsedRule.ts';

const DIR = path.resolve(process.cwd(), '../shared/vectors/iptables');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

const ANSWERS = ['expectedIptablesSave', 'expectedChains', 'expectedRuleChecks', 'expectedProbabilities', 'notes', 'overridesAppliedFromBase'];

function strip(doc: JsonObject): JsonObject {
  const out = structuredClone(doc);
  const probs = out.expectedProbabilities as Record<string, string> | undefined;
  for (const k of ANSWERS) delete out[k];
  if (probs) out.probabilityN = Object.keys(probs).map(Number).sort((a, b) => a - b);
  const flows = [...((out.packetFlows as JsonObject[]) ?? []), ...((out.followUp as JsonObject[]) ?? []).flatMap((f) => (f.packetFlows as JsonObject[]) ?? [])];
  for (const f of flows) { delete f.output; delete f.masq; }
  return out;
}

function chainLines(save: string, table: string, chain: string): string[] | null {
  const t = parseRestore(save).find((x) => x.name === table);
  if (!t || !t.chains.some((c) => c.name === chain)) return null;
  return t.lines.filter((l) => l.startsWith('-A ') && l.split(' ')[1] === chain);
}

function canonical(table: string, chain: string, lines: string[]): string[] {
  if (chain !== 'KUBE-NODEPORTS' && chain !== 'KUBE-SERVICES') return lines;
  const last = (l: string) => table === 'nat' && chain === 'KUBE-SERVICES' && l.includes('this must be the last rule');
  const rest = lines.filter((l) => !last(l)).map((l, i) => ({ l, i, k: commentServiceName(l) }));
  rest.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
  return [...rest.map((x) => x.l), ...lines.filter(last)];
}

/** Flows the Go tracer cannot reproduce from our rules; each must say why (none so far). */
const KNOWN_FLOW_GAPS: Record<string, string> = {};

describe.each(FILES)('%s', (file) => {
  const vector = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as JsonObject;
  const traced: { flow: JsonObject; got: { output: string; masq: boolean } }[] = [];
  const out = syncVector(strip(vector), file, (flows, state, config) => {
    const local = (config.tracerLocalIPs as string[] | undefined) ?? [];
    for (const f of flows) traced.push({ flow: f, got: goTracePacket(state, local, f as never) });
  });
  const save = out.actualIptablesSave as string | undefined;

  if (typeof vector.expectedIptablesSave === 'string') {
    it('iptablesSave: identical canonical restore input', () => {
      expect(save).toBe((vector.expectedIptablesSave as string).replace(/\r\n/g, '\n'));
    });
  }
  for (const [i, ch] of ((vector.expectedChains as JsonObject[]) ?? []).entries()) {
    it(`chain[${i}] ${ch.table}/${ch.chain}`, () => {
      const got = chainLines(save ?? '', ch.table as string, ch.chain as string);
      expect(got, `chain ${ch.chain} must be declared in ${ch.table}`).not.toBeNull();
      const want = canonical(ch.table as string, ch.chain as string, (ch.rules as string).split('\n').filter(Boolean));
      expect(got).toEqual(want);
    });
  }
  for (const [i, rc] of ((vector.expectedRuleChecks as JsonObject[]) ?? []).entries()) {
    it(`ruleCheck[${i}] ${rc.table}/${rc.chain} -d ${rc.destinationAddress} present=${rc.present}`, () => {
      const lines = chainLines(save ?? '', rc.table as string, rc.chain as string) ?? [];
      const found = lines.some((l) => {
        const w = tokenizeRule(l);
        return w.some((x, j) => (x === '-d' || x === '--destination') && w[j + 1] === rc.destinationAddress);
      });
      expect(found, lines.join('\n')).toBe(rc.present);
    });
  }
  const probs = vector.expectedProbabilities as Record<string, string> | undefined;
  if (probs) {
    it.each(Object.entries(probs))('probability 1/%s', (n, want) => {
      expect((out.actualProbabilities as Record<string, string>)[n]).toBe(want);
    });
  }
  const allFlows = [...((vector.packetFlows as JsonObject[]) ?? []), ...((vector.followUp as JsonObject[]) ?? []).flatMap((f) => (f.packetFlows as JsonObject[]) ?? [])];
  allFlows.forEach((want, i) => {
    const name = `flow[${i}] ${want.name}`;
    const gap = KNOWN_FLOW_GAPS[`${file}#${want.name}`];
    (gap ? it.fails : it)(name, () => {
      const t = traced[i];
      expect(t, 'flow traced').toBeDefined();
      expect({ output: t!.got.output, masq: t!.got.masq }, `flow ${JSON.stringify(want)}`).toEqual({ output: want.output, masq: want.masq });
    });
  });
});
