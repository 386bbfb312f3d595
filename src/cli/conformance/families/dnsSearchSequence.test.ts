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

describe('dns-search-sequence example cluster shapes', () => {
  it('a headless Service with inline endpoints answers with its addresses', () => {
    const doc = {
      exampleCluster: { clusterDomain: 'cluster.local', namespaces: ['default'], services: [{ namespace: 'default', name: 'db', clusterIP: 'None', endpoints: ['10.244.1.5', { ip: '10.244.2.6', hostname: 'db-1' }] }] },
      cases: [{ id: 'x', client: { namespace: 'default', search: ['default.svc.cluster.local'], options: ['ndots:5'], family: 'AF_INET' }, name: 'db-1.db' }],
    };
    const got = (fill(doc, 'inline.json') as typeof doc & { cases: { actualTraceAgainstCluster: Record<string, Record<string, string>[]> }[] }).cases[0]!;
    expect(got.actualTraceAgainstCluster['glibc']).toEqual([{ qname: 'db-1.db.default.svc.cluster.local.', rcode: 'NOERROR', A: 'NOERROR 10.244.2.6', result: 'success - 10.244.2.6' }]);
  });
  it('a bad family is a one-line error naming the file and field', () => {
    expect(() => fill({ cases: [{ client: { family: 'AF_UNIX' }, name: 'x' }] }, 'bad.json')).toThrow(/bad\.json: cases\[0\]\.client\.family/);
  });
});
