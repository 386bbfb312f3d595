import { describe, expect, it } from 'vitest';
import { buildCluster } from '../buildCluster.ts';
import type { ClusterSnapshot } from '../objects.ts';
import { fitErrorMessage } from './scheduler.ts';
import { toleratesTaint } from './taints.ts';

const node = (name: string, cpu = '2', pods = '110') => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
status:
  capacity: {cpu: "${cpu}", memory: 4Gi, pods: "${pods}"}
  allocatable: {cpu: "${cpu}", memory: 4Gi, pods: "${pods}"}
---
`;
const pod = (name: string, spec = '', cpu = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${spec}
  containers:
  - name: c
    image: nginx:1.27
${cpu ? `    resources: {requests: {cpu: "${cpu}"}}\n` : ''}---
`;

function build(yaml: string): ClusterSnapshot {
  const s = buildCluster([{ name: 's.yaml', text: yaml }], { systemObjects: false });
  expect(s.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return s;
}

function placement(s: ClusterSnapshot): Record<string, string> {
  return Object.fromEntries(s.objects.filter((o) => o.object.kind === 'Pod').map((o) => [o.object.metadata.name, o.object.spec.nodeName ?? `Pending: ${o.object.status?.conditions?.[0]?.message}`]));
}

/** The two-node kubeadm shape: a tainted control plane and a worker. */
function kubeadmNodes(workerCPU = '2'): string {
  return `apiVersion: v1
kind: Node
metadata:
  name: cp
  labels: {node-role.kubernetes.io/control-plane: ""}
spec:
  taints:
  - {key: node-role.kubernetes.io/control-plane, effect: NoSchedule}
status:
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
---
${node('worker', workerCPU)}`;
}

describe('scheduler', () => {
  it('a Pod that fits nowhere stays Pending with the real FailedScheduling message', () => {
    const s = build(kubeadmNodes('1') + pod('big', '', '1500m'));
    const p = s.objects.find((o) => o.key === 'Pod/default/big')!.object;
    const msg = '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.';
    expect(p.status).toMatchObject({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg }] });
    expect(s.events).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'FailedScheduling', object: 'Pod/default/big', from: 'default-scheduler', message: msg }));
    expect(p.status.podIP).toBeUndefined();
  });

  it.each([
    ['control-plane taint keeps Pods on the worker', pod('a') + pod('b'), { a: 'worker', b: 'worker' }],
    ['a toleration opens the control plane', pod('t', '  tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]\n  nodeSelector: {node-role.kubernetes.io/control-plane: ""}'), { t: 'cp' }],
    ['nodeSelector that matches nothing', pod('s', '  nodeSelector: {disk: ssd}'), { s: "Pending: 0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling." }],
    ['required node affinity NotIn', pod('n', '  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions: [{key: kubernetes.io/hostname, operator: NotIn, values: [worker]}]'), { n: "Pending: 0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling." }],
    ['resources fill the worker', pod('r1', '', '1') + pod('r2', '', '1') + pod('r3', '', '1'), { r1: 'worker', r2: 'worker', r3: 'Pending: 0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.' }],
    ['nodeName bypasses the scheduler (and taints)', pod('pinned', '  nodeName: cp'), { pinned: 'cp' }],
  ])('%s', (_name, pods, want) => {
    expect(placement(build(kubeadmNodes() + pods))).toEqual(want);
  });

  it('spreads replicas of one ReplicaSet over the nodes (default PodTopologySpread)', () => {
    const dep = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 4
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: nginx}]
`;
    const s = build(node('a') + node('b') + dep);
    const counts: Record<string, number> = {};
    for (const n of Object.values(placement(s))) counts[n] = (counts[n] ?? 0) + 1;
    expect(counts).toEqual({ a: 2, b: 2 });
  });

  it('too many pods', () => {
    const s = build(node('tiny', '2', '1') + pod('p1') + pod('p2'));
    expect(placement(s).p2).toBe('Pending: 0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
  });

  it('kubelet admission rejects a pre-bound Pod that does not fit', () => {
    const s = build(node('w', '1') + pod('huge', '  nodeName: w', '2'));
    const p = s.objects.find((o) => o.key === 'Pod/default/huge')!.object;
    expect(p.status).toMatchObject({ phase: 'Failed', reason: 'OutOfcpu' });
    expect(p.status.message).toContain("Node didn't have enough resource: cpu, requested: 2000, used: 0, capacity: 1000");
  });

  it('DaemonSet: one Pod per eligible node, pinned by matchFields, tainted nodes skipped', () => {
    const ds = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: c, image: busybox:1.36}]
`;
    const s = build(kubeadmNodes() + node('w2') + ds);
    expect(Object.values(placement(s)).sort()).toEqual(['w2', 'worker']);
    const d = s.objects.find((o) => o.key === 'DaemonSet/default/agent')!.object;
    expect(d.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2 });
  });

  it('fitErrorMessage with preemptionPolicy Never', () => {
    expect(fitErrorMessage(1, [{ reasons: ['Insufficient memory'], resolvable: true }], true)).toBe('0/1 nodes are available: 1 Insufficient memory. preemption: not eligible due to preemptionPolicy=Never.');
  });

  it.each([
    [{ key: 'k', operator: 'Exists' as const }, { key: 'k', effect: 'NoSchedule' as const }, true],
    [{ key: 'k', value: 'v' }, { key: 'k', value: 'v', effect: 'NoSchedule' as const }, true],
    [{ key: 'k', value: 'w' }, { key: 'k', value: 'v', effect: 'NoSchedule' as const }, false],
    [{ operator: 'Exists' as const }, { key: 'any', effect: 'NoExecute' as const }, true],
    [{ key: 'k', operator: 'Exists' as const, effect: 'NoExecute' }, { key: 'k', effect: 'NoSchedule' as const }, false],
  ])('toleratesTaint(%j, %j) = %s', (t, taint, want) => {
    expect(toleratesTaint(t, taint)).toBe(want);
  });

  it('schedulingGates keep a Pod in the queue (SchedulingGated)', () => {
    const s = build(kubeadmNodes() + pod('gated', '  schedulingGates: [{name: example.com/wait}]'));
    expect(s.objects.find((o) => o.key === 'Pod/default/gated')!.object.status).toMatchObject({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] });
  });
});
