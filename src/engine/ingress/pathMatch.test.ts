// Path and host matching beyond the docs' tables: ImplementationSpecific as ingress-nginx treats
// it, query strings, ports and case in Host, precedence; plus a fast-check fuzz of the matchers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostMatches } from './hostMatch.ts';
import { pathMatches, selectPath, type PathRule, type PathType } from './pathMatch.ts';

const r = (path: string, pathType: PathType): PathRule => ({ path, pathType });

describe('pathMatches', () => {
  const cases: [PathRule, string, boolean][] = [
    [r('/foo', 'Exact'), '/foo?x=1', true], // the query string is not part of the path
    [r('/foo', 'Exact'), '/FOO', false],
    [r('/foo', 'Prefix'), '/foo#frag', true],
    [r('/foo', 'Prefix'), '/foobar', false],
    [r('/foo/bar', 'Prefix'), '/foo//bar', true], // empty elements are ignored
    [r('/', 'Prefix'), '', true],
    [r('/foo', 'ImplementationSpecific'), '/foobar', true], // nginx string prefix
    [r('/foo', 'ImplementationSpecific'), '/fo', false],
    [r('', 'ImplementationSpecific'), '/anything', true],
  ];
  it.each(cases)('%j ← %s = %s', (rule, path, want) => expect(pathMatches(rule, path)).toBe(want));
});

describe('selectPath precedence', () => {
  const cases: [PathRule[], string, PathRule | null][] = [
    [[r('/aaa', 'Prefix'), r('/aaa/bbb', 'Prefix')], '/aaa/bbb/ccc', r('/aaa/bbb', 'Prefix')],
    [[r('/aaa/bbb', 'Prefix'), r('/aaa', 'Prefix')], '/aaa/ccc', r('/aaa', 'Prefix')],
    [[r('/foo/', 'Prefix'), r('/foo', 'Exact')], '/foo', r('/foo', 'Exact')], // trailing '/' adds no length
    [[r('/foo', 'ImplementationSpecific'), r('/foo', 'Prefix')], '/foo', r('/foo', 'Prefix')],
    [[r('/foo', 'Exact')], '/foo/', null],
    [[], '/', null],
  ];
  it.each(cases)('%j ← %s', (rules, path, want) => expect(selectPath(rules, path)).toEqual(want));
});

describe('hostMatches', () => {
  const cases: [string | undefined, string, boolean][] = [
    ['foo.bar.com', 'FOO.bar.com', true],
    ['foo.bar.com', 'foo.bar.com:8080', true],
    ['foo.bar.com', 'foo.bar.com.', true],
    ['*.foo.com', 'bar.foo.com:443', true],
    ['*.foo.com', '.foo.com', false],
    ['*.foo.com', 'barfoo.com', false],
    [undefined, 'anything', true],
    [undefined, '', true],
    ['foo.bar.com', '', false],
  ];
  it.each(cases)('%s ← %s = %s', (rule, host, want) => expect(hostMatches(rule, host)).toBe(want));
});

describe('fuzz', () => {
  const seg = fc.string({ unit: fc.constantFrom('/', 'a', 'b', '.', '%', '?', '#', 'é'), maxLength: 30 });
  const pathType = fc.constantFrom<PathType>('Exact', 'Prefix', 'ImplementationSpecific');
  it('selectPath never throws and returns one of the rules that matches', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ path: seg, pathType }), { maxLength: 8 }), seg, (rules, req) => {
        const win = selectPath(rules, req);
        if (win === null) expect(rules.some((x) => pathMatches(x, req))).toBe(false);
        else {
          expect(rules).toContain(win);
          expect(pathMatches(win, req)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
  it('Prefix "/" matches every path; a rule matches its own path', () => {
    fc.assert(
      fc.property(seg, (p) => {
        expect(pathMatches(r('/', 'Prefix'), p)).toBe(true);
        const clean = '/' + p.replace(/[?#]/g, '');
        expect(pathMatches(r(clean, 'Exact'), clean)).toBe(true);
        expect(pathMatches(r(clean, 'Prefix'), clean)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
  it('hostMatches never throws on any strings', () => {
    fc.assert(fc.property(fc.option(fc.string(), { nil: undefined }), fc.string(), (a, b) => typeof hostMatches(a, b) === 'boolean'), { numRuns: 2000 });
  });
});
