// Every case of vectors/ingress/{conformance,path-matching}.json through the two ingress
// families (and so engine/ingress), compared as vectors/README.md and tools/conformance.py do.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fill as fillConformance } from './ingressConformance.ts';
import { fill as fillPaths } from './ingressPathMatching.ts';

/** The input the checker sends: answers removed (vectors/README.md), so the family cannot peek. */
function stripAnswers(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripAnswers);
  if (!v || typeof v !== 'object') return v;
  const drop = new Set(['expectedStatus', 'expectedService', 'expectedPort', 'expectedDistinctPods', 'why', 'alsoAsserted', 'expect', 'matches', 'winningRule', 'docsText', 'result']);
  return Object.fromEntries(Object.entries(v).filter(([k]) => !drop.has(k)).map(([k, x]) => [k, stripAnswers(x)]));
}

const load = (f: string) => {
  const file = resolve(process.cwd(), '../shared/vectors/ingress', f);
  return [file, JSON.parse(readFileSync(file, 'utf8'))] as const;
};

/** _cmp_ingress_request: status where given; service/port exact where given, else null. */
function checkRequest(exp: Record<string, unknown>, act: Record<string, unknown>) {
  const why = JSON.stringify({ host: exp.host, path: exp.path, why: exp.why, got: { status: act.actualStatus, service: act.actualService, port: act.actualPort } });
  if ('expectedStatus' in exp) expect(act.actualStatus, why).toBe(exp.expectedStatus);
  expect(act.actualService ?? null, why).toEqual(exp.expectedService ?? null);
  expect(act.actualPort ?? null, why).toEqual(exp.expectedPort ?? null);
  if ('expectedDistinctPods' in exp) expect(act.actualDistinctPods, why).toBe(exp.expectedDistinctPods);
}

describe('ingress-conformance vectors', () => {
  const [file, doc] = load('conformance.json');
  const out = fillConformance(stripAnswers(doc), file) as typeof doc;
  for (const [i, f] of doc.features.entries()) {
    if (f.expect) it(`${f.feature}: expect`, () => expect(out.features[i].actual).toEqual(f.expect));
    for (const [j, r] of (f.requests ?? []).entries()) {
      it(`${f.feature}: ${r.method} ${r.scheme ?? 'http'}://${r.host}${r.path}`, () => checkRequest(r, out.features[i].requests[j]));
    }
  }
});

describe('ingress-path-matching vectors', () => {
  const [file, doc] = load('path-matching.json');
  const out = fillPaths(stripAnswers(doc), file) as typeof doc;
  for (const [i, c] of doc.pathCases.entries()) {
    it(`path ${JSON.stringify(c.rules)} ← ${c.requestPath}`, () => {
      const a = out.pathCases[i];
      expect(a.actualMatches, c.docsText).toBe(c.matches);
      expect(a.actualWinningRule, c.docsText).toEqual(c.winningRule ?? null);
    });
  }
  for (const [i, c] of doc.hostCases.entries()) {
    it(`host ${c.ruleHost} ← ${c.hostHeader}`, () => expect(out.hostCases[i].actualMatches, c.docsText).toBe(c.matches));
  }
  for (const [i, e] of doc.docExamples.entries()) {
    for (const [j, r] of e.requests.entries()) {
      it(`doc example ${i}: ${r.host}${r.path}`, () => checkRequest(r, out.docExamples[i].requests[j]));
    }
  }
});
