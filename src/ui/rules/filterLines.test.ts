import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterLines, visibleRange } from './filterLines.ts';

const lines = ['-A KUBE-SERVICES -j KUBE-SVC-A', '-A KUBE-SEP-B -j DNAT --to-destination 10.0.0.1:80', 'COMMIT'];
const links = [{ service: 'Service/default/web' }, { service: 'Service/default/web', endpointSlice: 'EndpointSlice/default/web-abc' }, null];

describe('filterLines', () => {
  const cases: [string, string, string | null, number[]][] = [
    ['no filter', '', null, [0, 1, 2]],
    ['text', 'dnat', null, [1]],
    ['by Service name', 'default/web', null, [0, 1]],
    ['selected Service', '', 'Service/default/web', [0, 1]],
    ['selected EndpointSlice', '', 'EndpointSlice/default/web-abc', [1]],
    ['selected + text', 'KUBE-SERVICES', 'Service/default/web', [0]],
    ['nothing', 'zzz', null, []],
  ];
  it.each(cases)('%s', (_n, query, object, want) => {
    expect(filterLines(lines, links, { query, object })).toEqual(want);
  });
  it('a text query matches as lower-casing both sides would, regex characters included (printable ASCII)', () => {
    const text = fc.string({ unit: fc.integer({ min: 32, max: 126 }).map((c) => String.fromCharCode(c)), maxLength: 12 });
    fc.assert(fc.property(fc.array(text, { maxLength: 12 }), fc.array(fc.option(text), { maxLength: 12 }), text, (ls, services, query) => {
      const ln = ls.map((l, i) => (services[i] ? { service: services[i]! } : null));
      const q = query.trim().toLowerCase();
      const want = ls.flatMap((l, i) => (!q || l.toLowerCase().includes(q) || (ln[i]?.service.toLowerCase().includes(q) ?? false) ? [i] : []));
      expect(filterLines(ls, ln, { query, object: null }), JSON.stringify({ ls, services, query })).toEqual(want);
    }), { numRuns: 1000 });
  });
  it('related keys widen the selection', () => {
    expect(filterLines(lines, links, { query: '', object: 'Deployment/default/web', related: new Set(['Service/default/web']) })).toEqual([0, 1]);
  });
});

describe('visibleRange', () => {
  it.each([
    [0, 180, 18, 1000, { start: 0, end: 20 }],
    [18000, 180, 18, 1000, { start: 990, end: 1000 }],
    [1800, 180, 18, 100000, { start: 90, end: 120 }],
    [0, 180, 18, 0, { start: 0, end: 0 }],
  ])('scrollTop %d', (top, vp, lh, n, want) => {
    expect(visibleRange(top, vp, lh, n)).toEqual(want);
  });
});
