import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { duplicateKeyErrors, mergeErrors } from './duplicateKeys.ts';

/** Error codes and offsets as the yaml package reports them with its own (quadratic) check. */
function withYamlCheck(text: string): string[] {
  return parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true }).flatMap((d) => ('errors' in d ? d.errors : [])).map((e) => `${e.code}@${e.pos[0]}`);
}

function withLinearCheck(text: string): string[] {
  return parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false })
    .flatMap((d) => ('errors' in d ? mergeErrors(d.errors, duplicateKeyErrors(d.contents)) : []))
    .map((e) => `${e.code}@${e.pos[0]}`);
}

describe('duplicateKeyErrors matches yaml uniqueKeys', () => {
  it.each([
    ['plain', 'a: 1\na: 2\n'],
    ['flow map', 'a: 1\nb: {x: 1, x: 2}\n'],
    ['complex keys are compared by identity', '? [1]\n: 1\n? [1]\n: 2\n'],
    ['same number value', '1: a\n1.0: b\n'],
    ['null spellings', '~: a\nnull: b\n'],
    ['NaN never equals', '.nan: a\n.nan: b\n'],
    ['nested in a sequence', 'a:\n  - b: 1\n    b: 2\n  - c\n'],
    ['tagged key', '!!str a: 1\na: 2\n'],
    ['flow sequence pairs', 'x: [a: 1, a: 2]\n'],
    ['with other errors', 'a: 1\nb: [\na: 1\n'],
    ['several documents', 'a: 1\n---\nb: 1\nb: 2\nc: {d: 1, d: 1}\n'],
  ])('%s', (_name, text) => {
    expect(withLinearCheck(text)).toEqual(withYamlCheck(text));
  });
});
