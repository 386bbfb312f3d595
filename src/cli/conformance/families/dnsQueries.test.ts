// Every case of vectors/dns/queries.json (suites, derived cases, the zone transfer) through the
// dns-queries family (and so engine/dns/coredns), compared as CoreDNS's test.SortAndCheck does.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fill } from './dnsQueries.ts';
import { cnameOrderProblem, rrSet, stripKeys } from './dnsVectorCompare.ts';

const FILE = resolve(process.cwd(), '../shared/vectors/dns/queries.json');
const vectors = JSON.parse(readFileSync(FILE, 'utf8'));
const DROP = new Set(['rcode', 'answer', 'authority', 'additional', 'truncated', 'why', 'note', 'records']);
const out = fill(stripKeys(vectors, DROP), FILE) as typeof vectors;

type Case = Record<string, unknown> & { qname: string; qtype: string };
const SECTIONS = ['answer', 'authority', 'additional'] as const;
const twin = (s: string) => 'actual' + s[0]!.toUpperCase() + s.slice(1);

function check(want: Case, got: Record<string, unknown>, soaTTL: boolean) {
  const evidence = JSON.stringify({ want, got: Object.fromEntries(Object.entries(got).filter(([k]) => k.startsWith('actual'))) }, null, 1);
  expect(got['actualRcode'], evidence).toBe(want['rcode']);
  for (const s of SECTIONS) {
    if (!(s in want)) continue;
    expect(rrSet(got[twin(s)] as string[], soaTTL), `${s}\n${evidence}`).toEqual(rrSet(want[s] as string[], soaTTL));
  }
  expect(cnameOrderProblem(got['actualAnswer'] as string[]), evidence).toBeNull();
  if ('truncated' in want) expect(got['actualTruncated'], evidence).toBe(want['truncated']);
}

const suiteCases: [string, number, number][] = vectors.suites.flatMap((s: { name: string; cases: Case[] }, i: number) =>
  s.cases.map((c, j) => [`${s.name} ${c.qname} ${c.qtype}`, i, j] as [string, number, number]),
);

describe('dns/queries.json', () => {
  it.each(suiteCases)('%s', (_n, i, j) => {
    const suite = vectors.suites[i];
    check(suite.cases[j], out.suites[i].cases[j], suite.upstreamAssertsResult !== false);
  });
  const derived: [string, number][] = vectors.derivedCases.cases.map((c: Case, j: number) => [`derived ${c.qname} ${c.qtype}`, j]);
  it.each(derived)('%s', (_n, j) => {
    check(vectors.derivedCases.cases[j], out.derivedCases.cases[j], true);
  });
  it('zoneTransfer: every record, SOA first and last', () => {
    const got: string[] = out.zoneTransfer.actualRecords;
    expect(rrSet(got)).toEqual(rrSet(vectors.zoneTransfer.records));
    expect(got[0]).toMatch(/ IN SOA /);
    expect(got[got.length - 1]).toMatch(/ IN SOA /);
  });
});
