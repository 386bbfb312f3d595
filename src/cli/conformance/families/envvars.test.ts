// Every case of vectors/envvars/envvars.json through the envvars family (and so engine/env),
// compared as vectors/README.md says: fromServices in order, makeEnvironmentVariables as a set.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fill } from './envvars.ts';

/** The input the checker sends: answers removed (vectors/README.md), so the family cannot peek. */
function stripAnswers(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripAnswers);
  if (!v || typeof v !== 'object') return v;
  const drop = new Set(['expected', 'note']);
  return Object.fromEntries(Object.entries(v).filter(([k]) => !drop.has(k)).map(([k, x]) => [k, stripAnswers(x)]));
}

type Pair = { name: string; value?: string };
const FILE = resolve(process.cwd(), '../shared/vectors/envvars/envvars.json');
const vectors = JSON.parse(readFileSync(FILE, 'utf8'));
const out = fill(stripAnswers(vectors), FILE) as typeof vectors;
const asSet = (l: Pair[]) => l.map((p) => `${p.name}=${p.value ?? ''}`).sort();

describe('envvars vectors', () => {
  it('fromServices: every variable, in FromServices order', () => {
    expect(out.fromServices.actual).toEqual(vectors.fromServices.expected);
  });
  const makeEnvCases: [string, number][] = vectors.makeEnvironmentVariables.cases.map((c: { name: string }, i: number) => [c.name, i]);
  it.each(makeEnvCases)('makeEnvironmentVariables: %s', (_name, i) => {
    const want = vectors.makeEnvironmentVariables.cases[i];
    const got = out.makeEnvironmentVariables.cases[i];
    expect(asSet(got.actual), want.note).toEqual(asSet(want.expected));
  });
});
