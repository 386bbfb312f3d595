// Callback order per hook follows the kernel priorities (netfilter_ipv4.h), IPVS included.
import { describe, expect, it } from 'vitest';
import { callbacksFor, NF_IP_PRI } from './hooks.ts';
import type { Hook } from './ruleset.ts';

const names = (hook: Hook, ipvs: boolean) => callbacksFor(hook, ipvs).map((c) => (c.kind === 'table' ? c.table : c.kind === 'nat' ? `nat-${c.manip}` : c.kind));

describe('callbacksFor', () => {
  it.each([
    ['PREROUTING', false, ['raw', 'conntrack', 'mangle', 'nat-DST']],
    ['INPUT', false, ['mangle', 'filter', 'security', 'nat-SRC', 'confirm']],
    ['FORWARD', false, ['mangle', 'filter', 'security']],
    ['OUTPUT', false, ['raw', 'conntrack', 'mangle', 'nat-DST', 'filter', 'security']],
    ['POSTROUTING', false, ['mangle', 'nat-SRC', 'confirm']],
    ['INPUT', true, ['mangle', 'filter', 'security', 'ipvs', 'nat-SRC', 'confirm']],
    ['OUTPUT', true, ['raw', 'conntrack', 'mangle', 'nat-DST', 'ipvs', 'filter', 'security']],
    ['PREROUTING', true, ['raw', 'conntrack', 'mangle', 'nat-DST']],
  ] as const)('%s (ipvs %s)', (hook, ipvs, want) => {
    expect(names(hook, ipvs)).toEqual(want);
    const prios = callbacksFor(hook, ipvs).map((c) => c.priority);
    expect(prios).toEqual([...prios].sort((a, b) => a - b));
  });

  it('uses the kernel numbers', () => {
    expect(NF_IP_PRI).toEqual({ RAW: -300, CONNTRACK: -200, MANGLE: -150, NAT_DST: -100, FILTER: 0, SECURITY: 50, NAT_SRC: 100, CONNTRACK_CONFIRM: 2147483647 });
    expect(callbacksFor('INPUT', true).find((c) => c.kind === 'ipvs')?.priority).toBe(99);
    expect(callbacksFor('OUTPUT', true).find((c) => c.kind === 'ipvs')?.priority).toBe(-98);
  });
});
