// The five pod conformance families end to end: each vector file with its answers stripped (as the
// checker does) goes through `fill`, and every twin must equal the answer it replaces.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fill as evictionOrder } from './evictionOrder.ts';
import { fill as kubectlStatus } from './kubectlStatus.ts';
import { fill as podConditions } from './podConditions.ts';
import { fill as podPhase } from './podPhase.ts';
import { fill as podQos } from './podQos.ts';

type Doc = { cases: Record<string, unknown>[] };
const families: [string, string, (doc: unknown, file: string) => unknown, Record<string, string>][] = [
  ['pod-phase', 'phase.json', podPhase, { expectedPhase: 'actualPhase' }],
  ['pod-qos', 'qos.json', podQos, { expectedQOS: 'actualQOS' }],
  ['kubectl-status', 'kubectl-status.json', kubectlStatus, { expectedStatusColumn: 'actualStatusColumn', expectedReady: 'actualReady', expectedRestarts: 'actualRestarts', expectedWide: 'actualWide' }],
  ['eviction-order', 'eviction-order.json', evictionOrder, { expectedOrder: 'actualOrder' }],
  ['pod-conditions', 'conditions.json', podConditions, { expected: 'actual' }],
];

describe.each(families)('conformance family %s', (_family, file, fill, twins) => {
  const original = JSON.parse(readFileSync(new URL(`../../../../../shared/vectors/pod/${file}`, import.meta.url), 'utf8')) as Doc;
  const stripped = { ...original, cases: original.cases.map((c) => Object.fromEntries(Object.entries(c).filter(([k]) => !(k in twins) && k !== 'note'))) };
  const out = fill(stripped, file) as Doc;
  it.each(original.cases.map((c, i) => [i, c] as const))('case %i', (i, c) => {
    const got = out.cases[i] as Record<string, unknown>;
    for (const [answer, twin] of Object.entries(twins)) {
      if (!(answer in c)) continue;
      let want = c[answer];
      let have = got[twin];
      if (answer === 'expected') {
        // type/status/reason exact (absent = ""); message only where the vector has one, not for Initialized.
        const w = want as Record<string, string>;
        const h = have as Record<string, string>;
        want = { type: w['type'], status: w['status'], reason: w['reason'] ?? '', ...(w['message'] !== undefined && w['type'] !== 'Initialized' ? { message: w['message'] } : {}) };
        have = { type: h['type'], status: h['status'], reason: h['reason'] ?? '', ...(w['message'] !== undefined && w['type'] !== 'Initialized' ? { message: h['message'] } : {}) };
      }
      expect(have, `${answer} of ${JSON.stringify(c['name'] ?? c['test'])}`).toEqual(want);
    }
  });
});
