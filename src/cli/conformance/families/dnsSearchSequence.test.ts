// Every case of vectors/dns/search-sequence.json through the dns-search-sequence family (and so
// the glibc/musl resolvers against CoreDNS in engine/dns), compared as vectors/README.md says.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fill } from './dnsSearchSequence.ts';
import { stripKeys, traceClasses } from './dnsVectorCompare.ts';

const FILE = resolve(process.cwd(), '../shared/vectors/dns/search-sequence.json');
const vectors = JSON.parse(readFileSync(FILE, 'utf8'));
const DROP = new Set(['candidatesIfAllFail', 'traceAgainstCluster', 'outcome', 'note']);
const out = fill(stripKeys(vectors, DROP), FILE) as typeof vectors;

const cases: [string, number][] = vectors.cases.map((c: { id: string }, i: number) => [c.id, i]);

describe('dns/search-sequence.json', () => {
  it.each(cases)('%s', (_id, i) => {
    const want = vectors.cases[i];
    const got = out.cases[i];
    for (const [resolver, list] of Object.entries(want.candidatesIfAllFail ?? {})) {
      expect(got.actualCandidatesIfAllFail[resolver], `${resolver} candidates`).toEqual(list);
    }
    for (const [resolver, steps] of Object.entries(want.traceAgainstCluster ?? {})) {
      const w = traceClasses(steps as Record<string, unknown>[]);
      const g = traceClasses(got.actualTraceAgainstCluster[resolver]);
      const evidence = JSON.stringify({ want: steps, got: got.actualTraceAgainstCluster[resolver] }, null, 1);
      expect(g.steps.map((s) => s.qname), evidence).toEqual(w.steps.map((s) => s.qname));
      w.steps.forEach((ws, k) => {
        const gs = g.steps[k]!;
        expect(gs.status, evidence).toBe(ws.status);
        if (ws.ips) expect(gs.ips, evidence).toEqual(ws.ips);
      });
      if (w.final !== null) expect(g.final, evidence).toBe(w.final);
    }
  });
});
