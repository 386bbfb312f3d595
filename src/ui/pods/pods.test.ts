import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../../engine/cluster/objects.ts';
import type { ChartNode } from '../../worker/handlers/podsChart.ts';
import { eventLabel, formatSimTime } from './eventLabel.ts';
import { GAP, LEAF_W, layoutChart } from './layoutChart.ts';
import { podEndpoints } from './podEndpoints.ts';

const leaf = (path: string): ChartNode => ({ path, key: path.split('.').pop() ?? path, type: 'atomic', children: [] });

describe('layoutChart', () => {
  it('places leaves in rows inside their parent and never overlaps siblings', () => {
    const tree: ChartNode[] = [{ path: 'a', key: 'a', type: 'compound', children: ['a.x', 'a.y', 'a.z', 'a.w', 'a.v'].map(leaf) }, leaf('b')];
    const { rects, width, height } = layoutChart(tree, 2);
    const byPath = new Map(rects.map((r) => [r.path, r]));
    const a = byPath.get('a')!;
    for (const p of ['a.x', 'a.y', 'a.z', 'a.w', 'a.v']) {
      const r = byPath.get(p)!;
      expect(r.x >= a.x && r.x + r.w <= a.x + a.w && r.y >= a.y && r.y + r.h <= a.y + a.h, `${p} ${JSON.stringify(r)} in ${JSON.stringify(a)}`).toBe(true);
    }
    expect(byPath.get('a.y')!.x).toBe(byPath.get('a.x')!.x + LEAF_W + GAP);
    expect(byPath.get('a.z')!.y).toBeGreaterThan(byPath.get('a.x')!.y);
    expect(byPath.get('b')!.y).toBeGreaterThanOrEqual(a.y + a.h);
    expect(width).toBe(a.w);
    expect(height).toBe(byPath.get('b')!.y + byPath.get('b')!.h);
  });

  it('stacks grandchildren in a column so a region stays about `cols` leaves wide', () => {
    const deep = (p: string): ChartNode => ({ path: p, key: p, type: 'compound', children: [leaf(`${p}.1`), leaf(`${p}.2`), leaf(`${p}.3`)] });
    const tree: ChartNode[] = [{ path: 'r', key: 'r', type: 'parallel', children: [leaf('r.a'), deep('r.b'), deep('r.c')] }];
    const { rects, width } = layoutChart(tree, 4);
    const b = rects.filter((r) => r.path.startsWith('r.b.'));
    expect(new Set(b.map((r) => r.x)).size).toBe(1);
    expect(width).toBeLessThan(4 * (LEAF_W + 3 * GAP));
  });
});

describe('podEndpoints', () => {
  const snap = (endpoints: unknown[]): ClusterSnapshot => ({
    diagnostics: [],
    objects: [{ key: 'EndpointSlice/default/web-abc', object: { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-abc', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } }, endpoints } }],
  });
  it.each([
    [[{ addresses: ['10.244.0.5'], targetRef: { kind: 'Pod', name: 'web' }, conditions: { ready: false, serving: true, terminating: true } }], [{ slice: 'web-abc', service: 'web', addresses: '10.244.0.5', ready: false, serving: true, terminating: true }]],
    [[{ addresses: ['10.244.0.6'], targetRef: { kind: 'Pod', name: 'other' }, conditions: { ready: true } }], []],
    [[], []],
  ])('%j', (endpoints, expected) => expect(podEndpoints(snap(endpoints), 'default/web')).toEqual(expected));
  it('no snapshot, no endpoints', () => expect(podEndpoints(null, 'default/web')).toEqual([]));
});

describe('labels', () => {
  it.each([
    [{ type: 'pod.delete' }, 'pod.delete'],
    [{ type: 'container.exited', exitCode: 1, container: 'app' }, 'container.exited (exit 1) · app'],
  ] as const)('eventLabel(%j)', (e, s) => expect(eventLabel(e as never)).toBe(s));
  it.each([[0, '0s'], [45_000, '45s'], [125_000, '2m5s'], [300_000, '5m'], [3_780_000, '1h3m']])('formatSimTime(%i)', (ms, s) => expect(formatSimTime(ms)).toBe(s));
});
