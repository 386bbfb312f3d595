import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALPHANUMS, computeHash, fnv32a, nameSuffix, safeEncodeString, uidFor } from './hashing.ts';

describe('hashing', () => {
  // FNV-1a 32-bit reference values (http://www.isthe.com/chongo/tech/comp/fnv/, Go's hash/fnv tests).
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('fnv32a(%j)', (text, want) => {
    expect(fnv32a(text)).toBe(want);
  });

  it('SafeEncodeString maps each character to alphanums[c % 27]', () => {
    // '0' is 48 → 48 % 27 = 21 → '4'; '9' is 57 → 3 → 'f'.
    expect(safeEncodeString('09')).toBe('4f');
    expect(safeEncodeString('3735928559')).toHaveLength(10);
  });

  it('pod-template-hash is SafeEncodeString of the decimal FNV-32a and ignores key order', () => {
    const a = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    const b = { spec: { containers: [{ image: 'nginx', name: 'c' }] }, metadata: { labels: { app: 'web' } } };
    expect(computeHash(a)).toBe(computeHash(b));
    expect(computeHash(a)).toMatch(new RegExp(`^[${ALPHANUMS}]{1,10}$`));
    expect(computeHash(a)).not.toBe(computeHash(a, 1));
    expect(computeHash({ ...a, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } })).not.toBe(computeHash(a));
  });

  it('name suffixes are 5 characters of the alphabet and depend on seed and parts', () => {
    fc.assert(fc.property(fc.integer(), fc.string(), (seed, part) => new RegExp(`^[${ALPHANUMS}]{5}$`).test(nameSuffix(seed, part))));
    expect(nameSuffix(1, 'rs', 0)).toBe(nameSuffix(1, 'rs', 0));
    expect(nameSuffix(1, 'rs', 0)).not.toBe(nameSuffix(2, 'rs', 0));
  });

  it('uids look like RFC 4122 v4 and are stable', () => {
    expect(uidFor('Pod/default/a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uidFor('Pod/default/a')).toBe(uidFor('Pod/default/a'));
  });
});
