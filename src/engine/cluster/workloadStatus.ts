// Pipeline step 9: the status each workload controller writes once its Pods settled
// (replicaset/replica_set_utils.go calculateStatus, deployment/sync.go calculateStatus +
// util.NewDeploymentCondition, daemon/daemon_controller.go updateDaemonSetStatus,
// statefulset/stateful_set_control.go). Counts come from the Pods each one owns.
import type { ClusterState } from './clusterState.ts';
import type { KubeObject } from './objects.ts';
import { isPodReady } from './endpointSliceController.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are untyped JSON here

interface Counts {
  replicas: number;
  ready: number;
  running: number;
}

function ownedCounts(state: ClusterState): Map<string, Counts> {
  const out = new Map<string, Counts>();
  for (const p of state.ofKind('Pod')) {
    const owner = p.object.metadata.ownerReferences?.find((r) => r.controller);
    if (!owner) continue;
    const key = `${owner.kind}/${p.object.metadata.namespace}/${owner.name}`;
    const c = out.get(key) ?? { replicas: 0, ready: 0, running: 0 };
    const phase = p.object.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    c.replicas++;
    if (p.object.spec?.nodeName) c.running++;
    if (isPodReady(p.object)) c.ready++;
    out.set(key, c);
  }
  return out;
}

function condition(type: string, status: string, reason: string, message: string, at: string): Obj {
  return { lastTransitionTime: at, lastUpdateTime: at, message, reason, status, type };
}

export function writeWorkloadStatuses(state: ClusterState): void {
  const counts = ownedCounts(state);
  const at = state.timestamp;
  const zero: Counts = { replicas: 0, ready: 0, running: 0 };
  const rsCounts = new Map<string, Counts>();
  for (const e of state.ofKind('ReplicaSet')) {
    const c = counts.get(e.key) ?? zero;
    rsCounts.set(e.key, c);
    e.object.status = { availableReplicas: c.ready, fullyLabeledReplicas: c.replicas, observedGeneration: 1, readyReplicas: c.ready, replicas: c.replicas };
    if (c.ready === 0) { delete e.object.status.availableReplicas; delete e.object.status.readyReplicas; }
  }
  const rsOf = new Map(state.ofKind('ReplicaSet').filter((r) => r.generatedBy).map((r) => [r.generatedBy!, r]));
  for (const e of state.ofKind('Deployment')) {
    const rs = rsOf.get(e.key);
    const c = (rs && rsCounts.get(rs.key)) ?? zero;
    const want: number = e.object.spec?.replicas ?? 1;
    const available = c.ready >= want;
    e.object.status = {
      ...(c.ready ? { availableReplicas: c.ready, readyReplicas: c.ready } : { unavailableReplicas: Math.max(0, want - c.ready) }),
      conditions: [
        available
          ? condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', at)
          : condition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', at),
        rs && available
          ? condition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rs.object.metadata.name}" has successfully progressed.`, at)
          : condition('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rs?.object.metadata.name ?? ''}" is progressing.`, at),
      ],
      observedGeneration: 1,
      replicas: c.replicas,
      updatedReplicas: c.replicas,
    };
  }
  for (const e of state.ofKind('DaemonSet')) {
    const c = counts.get(e.key) ?? zero;
    const desired: number = e.object.status?.desiredNumberScheduled ?? c.replicas;
    e.object.status = {
      currentNumberScheduled: c.running, desiredNumberScheduled: desired, numberAvailable: c.ready, numberMisscheduled: 0,
      numberReady: c.ready, observedGeneration: 1, updatedNumberScheduled: c.running,
      ...(desired - c.ready > 0 ? { numberUnavailable: desired - c.ready } : {}),
    };
  }
  const firstPodOf = new Map<string, (typeof state.entries)[number]>();
  for (const p of state.ofKind('Pod')) if (p.generatedBy && !firstPodOf.has(p.generatedBy)) firstPodOf.set(p.generatedBy, p);
  for (const e of state.ofKind('StatefulSet')) {
    const c = counts.get(e.key) ?? zero;
    const rev = firstPodOf.get(e.key)?.object.metadata.labels?.['controller-revision-hash'];
    e.object.status = {
      availableReplicas: c.ready, collisionCount: 0, currentReplicas: c.replicas, currentRevision: rev, observedGeneration: 1,
      readyReplicas: c.ready, replicas: c.replicas, updateRevision: rev, updatedReplicas: c.replicas,
    };
  }
  for (const e of state.ofKind('Service')) (e.object as KubeObject).status ??= { loadBalancer: {} };
}
