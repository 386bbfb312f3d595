import { describe, expect, it } from 'vitest';
import { containerMachine, podMachine } from '../../engine/pods/index.ts';
import { activePaths, chartOf, type ChartNode } from './podsChart.ts';

const flatten = (nodes: readonly ChartNode[]): string[] => nodes.flatMap((n) => [n.path, ...flatten(n.children)]);

describe('podsChart', () => {
  it.each([
    [{ lifecycle: 'active', node: { NotReady: 'grace' } }, ['lifecycle', 'lifecycle.active', 'node', 'node.NotReady', 'node.NotReady.grace']],
    ['Waiting', ['Waiting']],
    [{ Running: 'Ready' }, ['Running', 'Running.Ready']],
    [null, []],
  ])('activePaths(%j)', (value, expected) => expect(activePaths(value)).toEqual(expected));

  it('the pod machine is drawn as its parallel regions, and every active path of a live value is a drawn node', () => {
    const chart = chartOf(podMachine.root as never);
    expect(chart.map((n) => n.key)).toEqual(['lifecycle', 'node']);
    const drawn = new Set(flatten(chart));
    for (const p of activePaths({ lifecycle: 'active', node: 'Ready' })) expect(drawn, p).toContain(p);
  });

  it('the container machine has top-level states with children', () => {
    const chart = chartOf(containerMachine.root as never);
    expect(chart.length, JSON.stringify(chart.map((n) => n.key))).toBeGreaterThan(2);
  });
});
