// sortByCodeUnits must give exactly the order of `<` on the names (stable for equal names).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortByCodeUnits } from './sortByCodeUnits.ts';

const byLt = (names: string[]) => names.map((n, i) => ({ n, i })).sort((a, b) => (a.n < b.n ? -1 : a.n > b.n ? 1 : a.i - b.i));

describe('sortByCodeUnits', () => {
  it('orders like `<` on any strings, with shared prefixes, short names and non-ASCII', () => {
    const name = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.stringMatching(/^KUBE-(SEP|SVC|SVL|EXT|FW)-[A-Z2-7]{0,16}$/),
      fc.constantFrom('KUBE-', 'KUBE-SERVICES', 'KUBE-SEP-', '', 'KUBE-SEP-AAAAAAAAAAAAAAA~', 'KUBE-SEP-AAAAAAAAAAAAAAA\u0100'),
    );
    fc.assert(fc.property(fc.array(name, { maxLength: 60 }), (names) => {
      const items = names.map((n, i) => ({ n, i }));
      expect(sortByCodeUnits(items, (x) => x.n)).toEqual(byLt(names));
    }), { numRuns: 500 });
  });
  it('orders like `<` on thousands of names (the radix passes, the runs of equal keys)', () => {
    const name = fc.oneof(
      fc.stringMatching(/^KUBE-(SEP|SVC|EXT)-[A-Z2-7]{10,18}$/),
      fc.stringMatching(/^KUBE-SEP-AAAAAAAAAA[A-C]{0,6}$/), // equal over the 14 keyed units
      fc.string({ maxLength: 12 }),
    );
    fc.assert(fc.property(fc.array(name, { minLength: 500, maxLength: 3000 }), (names) => {
      const items = names.map((n, i) => ({ n, i }));
      const got = sortByCodeUnits(items, (x) => x.n);
      const want = byLt(names);
      const bad = got.findIndex((g, k) => g.i !== want[k]!.i);
      expect(bad, bad < 0 ? '' : `first difference at ${bad}: ${JSON.stringify(got[bad])} vs ${JSON.stringify(want[bad])}`).toBe(-1);
    }), { numRuns: 20 });
  });
  it('sorts kube-proxy chain names as iptables-save lists them', () => {
    const names = ['KUBE-SVC-XPGD46QRK7WJZT7O', 'KUBE-SEP-SXIVWICOYRO3J4NJ', 'KUBE-SEP-2SXIVWICOYRO3J4N', 'KUBE-EXT-XPGD46QRK7WJZT7O', 'KUBE-SERVICES', 'KUBE-SEP-SXIVWICOYRO3J4NA'];
    expect(sortByCodeUnits(names, (n) => n)).toEqual(['KUBE-EXT-XPGD46QRK7WJZT7O', 'KUBE-SEP-2SXIVWICOYRO3J4N', 'KUBE-SEP-SXIVWICOYRO3J4NA', 'KUBE-SEP-SXIVWICOYRO3J4NJ', 'KUBE-SERVICES', 'KUBE-SVC-XPGD46QRK7WJZT7O']);
  });
});
