import { describe, expect, it } from 'vitest';
import { lineDiff, sameLines } from './rulesLineDiff.ts';

describe('lineDiff', () => {
  const cases: [string, string[], string[], number[], number][] = [
    ['identical', ['a', 'b'], ['a', 'b'], [], 0],
    ['one added', ['a', 'b'], ['a', 'x', 'b'], [1], 0],
    ['one removed', ['a', 'b', 'c'], ['a', 'c'], [], 1],
    ['changed line = one added + one removed', ['p 0.333', 'q'], ['p 0.5', 'q'], [0], 1],
    ['moved is not added', ['a', 'b'], ['b', 'a'], [], 0],
    ['duplicates counted', ['a'], ['a', 'a'], [1], 0],
    ['from empty', [], ['a'], [0], 0],
  ];
  it.each(cases)('%s', (_n, before, after, added, removed) => {
    const d = lineDiff(before, after);
    expect([...d.added]).toEqual(added);
    expect(d.removed).toBe(removed);
  });
  it('sameLines compares content', () => {
    expect(sameLines(['a'], ['a'])).toBe(true);
    expect(sameLines(['a'], ['b'])).toBe(false);
    expect(sameLines(['a'], ['a', 'b'])).toBe(false);
  });
});
