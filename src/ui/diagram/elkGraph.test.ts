import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import type { ClusterObject, KubeObject } from '../../engine/cluster/objects.ts';
import { columnLayout, layoutKey, placementsOf, toElkGraph } from './elkGraph.ts';
import { toFlowElements } from './toFlowElements.ts';

const o = (kind: string, name: string, extra: Partial<KubeObject> = {}): ClusterObject => ({
  key: kind === 'Node' ? `Node/${name}` : `${kind}/default/${name}`,
  object: { apiVersion: 'v1', kind, metadata: { name, ...(kind === 'Node' ? {} : { namespace: 'default' }), ...(extra.metadata ?? {}) }, ...extra } as KubeObject,
});
const snapshot = {
  diagnostics: [],
  objects: [
    o('Node', 'n1'), o('Node', 'n2'),
    o('Pod', 'a', { metadata: { name: 'a', labels: { app: 'web' } }, spec: { nodeName: 'n1' } }),
    o('Pod', 'b', { metadata: { name: 'b', labels: { app: 'web' } }, spec: { nodeName: 'n2' } }),
    o('Service', 'web', { spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }),
  ],
};

describe('ELK layout of the flow elements', () => {
  it('places groups, pods inside their groups, and services left of the pods', async () => {
    const { nodes, edges } = toFlowElements(snapshot);
    const p = placementsOf(await new ELK().layout(toElkGraph(nodes, edges)), nodes, edges);
    const n1 = p.get('Node/n1')!;
    const a = p.get('Pod/default/a')!;
    const svc = p.get('Service/default/web')!;
    expect(n1.width).toBeGreaterThanOrEqual(260);
    // the pod sits inside its group (relative coordinates)
    expect(a.x).toBeGreaterThanOrEqual(0);
    expect(a.x + 232).toBeLessThanOrEqual(n1.width!);
    expect(a.y).toBeGreaterThanOrEqual(40);
    expect(svc.x + 232).toBeLessThan(n1.x);
    // the two groups do not overlap
    const n2 = p.get('Node/n2')!;
    expect(n1.y + n1.height! <= n2.y || n2.y + n2.height! <= n1.y || n1.x + n1.width! <= n2.x || n2.x + n2.width! <= n1.x).toBe(true);
  });

  it('stacks many Pods in columns and orders them by the Services that reach them', async () => {
    const objs: ClusterObject[] = [o('Node', 'n1')];
    for (let i = 0; i < 14; i++) objs.push(o('Pod', `p${String(i).padStart(2, '0')}`, { metadata: { name: `p${String(i).padStart(2, '0')}`, labels: { app: i === 13 ? 'first' : 'rest' } }, spec: { nodeName: 'n1' } }));
    objs.push(o('Service', 'a', { spec: { selector: { app: 'first' } } }), o('Service', 'b', { spec: { selector: { app: 'rest' } } }));
    const { nodes, edges } = toFlowElements({ objects: objs, diagnostics: [] });
    const graph = toElkGraph(nodes, edges);
    expect(graph.edges?.map((e) => e.id)).toEqual(['Service/default/a->Node/n1', 'Service/default/b->Node/n1']);
    const p = placementsOf(await new ELK().layout(graph), nodes, edges);
    expect(p.get('Node/n1')).toMatchObject({ width: 14 * 2 + 2 * 232 + 10 });
    const svcA = p.get('Service/default/a')!.y;
    const svcB = p.get('Service/default/b')!.y;
    const first = p.get('Pod/default/p13')!;
    // p13 is reached by Service a alone: it goes first if a sits above b, last otherwise
    if (svcA < svcB) expect(first).toEqual({ x: 14, y: 44 });
    else expect(first).toEqual({ x: 14 + 242, y: 44 + 68 });
    expect(p.get('Pod/default/p12')?.x).toBe(256);
  });

  it('lays big graphs out in columns without ELK: Ingress, Service, Node groups', () => {
    const { nodes, edges } = toFlowElements(snapshot);
    const p = columnLayout(nodes, edges);
    const svc = p.get('Service/default/web')!;
    const n1 = p.get('Node/n1')!;
    const n2 = p.get('Node/n2')!;
    expect(svc.x + 232).toBeLessThan(n1.x);
    expect(n1.x).toBe(n2.x);
    expect(n1.y + n1.height!).toBeLessThan(n2.y);
    expect(p.get('Pod/default/a')).toEqual({ x: 14, y: 44 });
  });

  it('the layout key ignores fields that cannot move anything', () => {
    const a = toFlowElements(snapshot);
    const b = toFlowElements({ ...snapshot, objects: snapshot.objects.map((x) => (x.object.kind === 'Pod' ? { ...x, object: { ...x.object, status: { phase: 'Running' } } } : x)) });
    expect(layoutKey(a.nodes, a.edges)).toBe(layoutKey(b.nodes, b.edges));
    const c = toFlowElements({ ...snapshot, objects: snapshot.objects.slice(0, 4) });
    expect(layoutKey(c.nodes, c.edges)).not.toBe(layoutKey(a.nodes, a.edges));
  });
});
