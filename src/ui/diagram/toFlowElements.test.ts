import { describe, expect, it } from 'vitest';
import type { ClusterObject, ClusterSnapshot, KubeObject } from '../../engine/cluster/objects.ts';
import { podPhase, toFlowElements, UNSCHEDULED_GROUP } from './toFlowElements.ts';

function obj(kind: string, name: string, extra: Partial<KubeObject> = {}, namespace: string | undefined = 'default'): ClusterObject {
  const metadata = { name, ...(namespace && kind !== 'Node' ? { namespace } : {}), ...(extra.metadata ?? {}) };
  const object = { apiVersion: 'v1', kind, ...extra, metadata } as KubeObject;
  return { key: metadata.namespace ? `${kind}/${metadata.namespace}/${name}` : `${kind}/${name}`, object };
}
const snap = (...objects: ClusterObject[]): ClusterSnapshot => ({ objects, diagnostics: [] });
const pod = (name: string, nodeName: string | undefined, labels: Record<string, string>, status: object = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }) =>
  obj('Pod', name, { metadata: { name, labels }, spec: nodeName ? { nodeName } : {}, status });
const svc = (name: string, selector?: Record<string, string>) => obj('Service', name, { spec: { selector, ports: [{ port: 80, nodePort: 30080 }], type: 'NodePort', clusterIP: '10.96.0.10' } });

describe('toFlowElements', () => {
  it('puts Pods inside their Node group, others in Unscheduled', () => {
    const { nodes } = toFlowElements(snap(obj('Node', 'n1'), pod('a', 'n1', {}), pod('b', undefined, {}), pod('c', 'ghost', {})));
    const parent = Object.fromEntries(nodes.filter((n) => n.type === 'pod').map((n) => [n.id, n.type === 'pod' ? n.parentId : '']));
    expect(parent).toEqual({ 'Pod/default/a': 'Node/n1', 'Pod/default/b': UNSCHEDULED_GROUP, 'Pod/default/c': UNSCHEDULED_GROUP });
    expect(nodes.find((n) => n.id === 'Node/n1')?.data).toMatchObject({ kind: 'Node', podCount: 1 });
    expect(nodes.find((n) => n.id === UNSCHEDULED_GROUP)?.data).toMatchObject({ podCount: 2 });
    // groups come before their children, as React Flow requires
    expect(nodes.findIndex((n) => n.id === UNSCHEDULED_GROUP)).toBeLessThan(nodes.findIndex((n) => n.id === 'Pod/default/b'));
  });

  it('links a Service to its EndpointSlice endpoints, with readiness', () => {
    const slice = obj('EndpointSlice', 'web-abc', {
      metadata: { name: 'web-abc', labels: { 'kubernetes.io/service-name': 'web' } },
      endpoints: [
        { addresses: ['10.0.0.1'], conditions: { ready: true }, targetRef: { kind: 'Pod', name: 'a', namespace: 'default' } },
        { addresses: ['10.0.0.2'], conditions: { ready: false }, targetRef: { kind: 'Pod', name: 'b', namespace: 'default' } },
        { addresses: ['10.0.0.9'], targetRef: { kind: 'Pod', name: 'missing' } },
      ],
    });
    // the selector would match c too; the slice is the source of truth once it exists
    const { edges, nodes } = toFlowElements(snap(pod('a', undefined, { app: 'web' }), pod('b', undefined, { app: 'web' }), pod('c', undefined, { app: 'web' }), svc('web', { app: 'web' }), slice));
    expect(edges.map((e) => [e.target, e.data.via, e.data.ready])).toEqual([
      ['Pod/default/a', 'EndpointSlice', true], ['Pod/default/b', 'EndpointSlice', false],
    ]);
    expect(nodes.find((n) => n.id === 'Service/default/web')?.data).toMatchObject({ type: 'NodePort', ports: '80:30080/TCP', clusterIP: '10.96.0.10', endpointCount: 2 });
  });

  it('falls back to selector matching in the same namespace when no slice exists', () => {
    const other = obj('Pod', 'x', { metadata: { name: 'x', labels: { app: 'web' } } }, 'other');
    const { edges } = toFlowElements(snap(pod('a', undefined, { app: 'web', tier: 'fe' }), pod('b', undefined, { app: 'db' }), other, svc('web', { app: 'web' }), svc('headless')));
    expect(edges.map((e) => `${e.source}->${e.target}:${e.data.via}`)).toEqual(['Service/default/web->Pod/default/a:selector']);
  });

  it('links an Ingress to the Services its rules name', () => {
    const ing = obj('Ingress', 'shop', { apiVersion: 'networking.k8s.io/v1', spec: {
      defaultBackend: { service: { name: 'web', port: { number: 80 } } },
      rules: [{ host: 'shop.example', http: { paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 8080 } } } }, { path: '/', backend: { service: { name: 'web' } } }] } },
        { http: { paths: [{ backend: { service: { name: 'nope' } } }] } }],
    } });
    const { edges, nodes } = toFlowElements(snap(svc('web'), svc('api'), ing));
    expect(edges.map((e) => [e.target, e.label])).toEqual([['Service/default/web', '* shop.example/'], ['Service/default/api', 'shop.example/api']]);
    expect(nodes.find((n) => n.type === 'ingress')?.data).toMatchObject({ hosts: ['shop.example'] });
  });

  it.each([
    [{ status: { phase: 'Running' } }, 'Running'],
    [{ status: { phase: 'Failed' } }, 'Failed'],
    [{ status: { phase: 'Succeeded' } }, 'Succeeded'],
    [{}, 'Pending'],
    [{ metadata: { name: 'p', deletionTimestamp: '2026-01-01T00:00:00Z' }, status: { phase: 'Running' } }, 'Terminating'],
  ])('phase of %j is %s', (extra, want) => {
    expect(podPhase(obj('Pod', 'p', extra as Partial<KubeObject>).object)).toBe(want);
  });

  it('tolerates objects with missing or odd fields', () => {
    const weird = [obj('Service', 's', { spec: { ports: 'x', selector: 3 } }), obj('Ingress', 'i', { spec: { rules: [null, { http: { paths: [null] } }] } }), obj('EndpointSlice', 'e', { endpoints: [null] as never }), obj('Pod', 'p', { status: { containerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff' } } }] } })];
    const { nodes } = toFlowElements(snap(...weird));
    expect(nodes.find((n) => n.id === 'Pod/default/p')?.data).toMatchObject({ reason: 'CrashLoopBackOff', phase: 'Pending' });
  });
});
