import { describe, expect, it } from 'vitest';
import { computeProbability } from './computeProbability.ts';
import { quantizedProbability } from './renderSave.ts';

describe('computeProbability (Go %0.10f of 1/n)', () => {
  it.each([
    [2, '0.5000000000'], [3, '0.3333333333'], [4, '0.2500000000'], [7, '0.1428571429'], [10, '0.1000000000'],
    [100001, '0.0000099999'], [1, '1.0000000000'],
    // 1/2048 = 0.00048828125 exactly: Go rounds the tie to even, toFixed would round up.
    [2048, '0.0004882812'],
  ])('1/%i → %s', (n, want) => expect(computeProbability(n)).toBe(want));
  it('strictly increases as n goes down (TestComputeProbability)', () => {
    let prev = -1;
    for (let n = 100000; n >= 2; n -= 997) {
      const v = Number(computeProbability(n));
      expect(v, `n=${n}`).toBeGreaterThan(prev);
      prev = v;
    }
  });
  it.each([
    ['0.3333333333', '0.33333333349'], ['0.5000000000', '0.50000000000'], ['0.2500000000', '0.25000000000'],
  ])('iptables-save prints %s as %s (libxt_statistic)', (p, want) => expect(quantizedProbability(p)).toBe(want));
});
