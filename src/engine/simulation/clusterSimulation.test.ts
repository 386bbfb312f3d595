// The coupled timeline end to end: a Pod's readiness and deletion in the kubelet simulation move
// the Service's EndpointSlice and, through it, kube-proxy's iptables rules.
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../cluster/index.ts';
import type { ClusterSnapshot } from '../cluster/objects.ts';
import { buildProxyModel } from '../kubeproxy/proxyModel.ts';
import { proxierConfigForNode } from '../kubeproxy/proxierConfig.ts';
import { renderRestore, syncProxyRules } from '../kubeproxy/iptables/index.ts';
import { clusterAt, simulateCluster } from './index.ts';

const MANIFEST = `
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: default, labels: { app: web } }
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports: [{ containerPort: 80 }]
    readinessProbe: { httpGet: { path: /, port: 80 }, periodSeconds: 10 }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: default }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 80 }]
`;

type Endpoint = { addresses: string[]; conditions: { ready?: boolean; serving?: boolean; terminating?: boolean } };
function webEndpoints(c: ClusterSnapshot): Endpoint[] {
  return c.objects
    .filter((o) => o.object.kind === 'EndpointSlice' && o.object.metadata.labels?.['kubernetes.io/service-name'] === 'web')
    .flatMap((o) => (o.object['endpoints'] as Endpoint[] | null) ?? []);
}
function iptables(c: ClusterSnapshot): string {
  return renderRestore(syncProxyRules(buildProxyModel(c, proxierConfigForNode(c))));
}
/** The Service chain's jumps to an endpoint chain for default/web (kube-proxy comments each with the port name). */
const sepJumps = (text: string) => text.split('\n').filter((l) => l.startsWith('-A KUBE-SVC-') && l.includes('"default/web') && l.includes('-j KUBE-SEP-'));

describe('clusterAt: the coupled timeline', () => {
  const base = buildCluster([{ name: 'web.yaml', text: MANIFEST }]);
  const podIP = base.objects.find((o) => o.key === 'Pod/default/web')?.object.status?.podIP as string;

  it('starts settled: the Pod Running and Ready, its endpoint ready, one KUBE-SEP jump', () => {
    const sim = simulateCluster(base);
    const now = clusterAt(base, sim.snapshot());
    const pod = now.objects.find((o) => o.key === 'Pod/default/web')?.object;
    expect(pod?.status?.phase, JSON.stringify(pod?.status)).toBe('Running');
    expect(webEndpoints(now)).toEqual([expect.objectContaining({ addresses: [podIP], conditions: { ready: true, serving: true, terminating: false } })]);
    expect(sepJumps(iptables(now)), iptables(now)).toHaveLength(1);
  });

  it('replayed from creation the Pod is Pending and not an endpoint yet', () => {
    const now = clusterAt(base, simulateCluster(base, [], 0).snapshot());
    expect(now.objects.find((o) => o.key === 'Pod/default/web')?.object.status?.phase).toBe('Pending');
    expect(webEndpoints(now).filter((e) => e.conditions.ready)).toEqual([]);
  });

  it('failing readiness: ready=false in the slice and the KUBE-SEP jump disappears', () => {
    const sim = simulateCluster(base);
    sim.send('default/web', { type: 'probe.readiness.failed', container: 'nginx' });
    const now = clusterAt(base, sim.snapshot());
    expect(webEndpoints(now).map((e) => e.conditions.ready)).toEqual([false]);
    expect(sepJumps(iptables(now)), iptables(now)).toHaveLength(0);
  });

  it('delete: a terminating endpoint, then gone with the Pod', () => {
    const sim = simulateCluster(base);
    sim.send('default/web', { type: 'pod.delete' });
    const terminating = clusterAt(base, sim.snapshot());
    expect(terminating.objects.find((o) => o.key === 'Pod/default/web')?.object.metadata.deletionTimestamp).toBeTruthy();
    expect(webEndpoints(terminating).map((e) => e.conditions), JSON.stringify(webEndpoints(terminating))).toEqual([{ ready: false, serving: expect.any(Boolean), terminating: true }]);
    sim.advance(60_000);
    const gone = clusterAt(base, sim.snapshot());
    expect(gone.objects.find((o) => o.key === 'Pod/default/web')).toBeUndefined();
    expect(webEndpoints(gone)).toEqual([]);
    expect(sepJumps(iptables(gone))).toHaveLength(0);
  });

  it('leaves the other objects and the input snapshot untouched', () => {
    const before = JSON.stringify(base);
    const now = clusterAt(base, simulateCluster(base).snapshot());
    expect(JSON.stringify(base)).toBe(before);
    expect(now.objects.filter((o) => o.object.kind !== 'Pod' && o.object.kind !== 'EndpointSlice').map((o) => o.key)).toEqual(
      base.objects.filter((o) => o.object.kind !== 'Pod' && o.object.kind !== 'EndpointSlice').map((o) => o.key),
    );
  });

  it('a Pod the filter leaves out is not simulated and keeps the status it was written with', () => {
    const base = buildCluster([{ name: 'web.yaml', text: MANIFEST }]);
    const pod = base.objects.find((o) => o.key === 'Pod/default/web');
    if (!pod) throw new Error('no Pod/default/web in the built cluster');
    const written = { ...base, objects: base.objects.map((o) => (o === pod ? { ...o, object: { ...o.object, status: { phase: 'Failed', reason: 'Evicted' } } } : o)) };
    const all = simulateCluster(written, [], 60_000);
    expect(all.snapshot().pods.map((p) => p.key)).toContain('default/web');
    const others = simulateCluster(written, [], 60_000, 1, (o) => o.metadata.name !== 'web');
    const keys = others.snapshot().pods.map((p) => p.key);
    expect(keys).not.toContain('default/web');
    expect(keys.length).toBe(all.snapshot().pods.length - 1);
    const now = clusterAt(written, others.snapshot());
    expect(now.objects.find((o) => o.key === 'Pod/default/web')?.object.status).toEqual({ phase: 'Failed', reason: 'Evicted' });
  });
});
