// Deployment controller, the steady state of a fresh rollout (pkg/controller/deployment/sync.go
// getNewReplicaSet): one ReplicaSet `<deployment>-<pod-template-hash>` whose selector, template
// labels and own labels carry pod-template-hash, owned by the Deployment, scaled to spec.replicas.
import type { ClusterState, Entry } from '../clusterState.ts';
import { controllerRef } from '../clusterState.ts';
import { computeHash } from '../hashing.ts';
import type { KubeObject } from '../objects.ts';
import { deepClone } from '../deepClone.ts';

export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** The ReplicaSet a Deployment creates; `null` if a ReplicaSet by that name already exists. */
export function runDeploymentController(state: ClusterState, d: Entry): Entry | null {
  const o = d.object;
  const spec = o.spec ?? {};
  const collisionCount: number | undefined = o.status?.collisionCount;
  const hash = computeHash(spec.template, collisionCount);
  const name = `${o.metadata.name}-${hash}`;
  const template = deepClone(spec.template ?? {});
  template.metadata ??= {};
  template.metadata.labels = { ...(template.metadata.labels ?? {}), [POD_TEMPLATE_HASH]: hash };
  const replicas: number = spec.replicas ?? 1;
  const maxSurge = spec.strategy?.rollingUpdate?.maxSurge;
  const rs: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: o.metadata.namespace ?? 'default',
      labels: { ...template.metadata.labels },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(replicas),
        'deployment.kubernetes.io/max-replicas': String(replicas + surgeOf(maxSurge, replicas)),
        'deployment.kubernetes.io/revision': '1',
      },
      ownerReferences: [controllerRef(o)],
    },
    spec: {
      replicas,
      selector: { ...(spec.selector ?? {}), matchLabels: { ...(spec.selector?.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash } },
      template,
    },
  };
  const created = state.create(rs, d.source, d.key);
  if (created) state.event('Normal', 'ScalingReplicaSet', d.key, 'deployment-controller', `Scaled up replica set ${name} from 0 to ${replicas}`);
  return created;
}

/** intstr.GetScaledValueFromIntOrPercent for maxSurge (rounds up). */
function surgeOf(v: unknown, replicas: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.endsWith('%')) return Math.ceil((Number(v.slice(0, -1)) * replicas) / 100);
  return 0;
}
