// ReplicaSet controller (pkg/controller/replicaset/replica_set.go manageReplicas): creates
// spec.replicas Pods named `<rs>-<5 chars>` (generateName) from the template, each owned by the
// ReplicaSet, and reports SuccessfulCreate. Adopting pre-existing orphan Pods is not modelled.
import type { ClusterState, Entry } from '../clusterState.ts';
import { nameSuffix } from '../hashing.ts';
import { freshName, podFromTemplate } from './podFromTemplate.ts';

export function runReplicaSetController(state: ClusterState, rs: Entry): void {
  const o = rs.object;
  const ns = o.metadata.namespace ?? 'default';
  const replicas: number = o.spec?.replicas ?? 1;
  for (let i = 0; i < replicas; i++) {
    const prefix = `${o.metadata.name}-`;
    const name = freshName((n) => state.has(`Pod/${ns}/${n}`), prefix, (attempt) => nameSuffix(state.seed, rs.key, i, attempt));
    const pod = podFromTemplate(o, o.spec?.template, name, {}, prefix);
    if (state.create(pod, rs.source, rs.key)) state.event('Normal', 'SuccessfulCreate', rs.key, 'replicaset-controller', `Created pod: ${name}`);
  }
}
