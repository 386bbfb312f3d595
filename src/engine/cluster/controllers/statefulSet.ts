// StatefulSet controller, the steady state (pkg/controller/statefulset/stateful_set_utils.go
// newStatefulSetPod, initIdentity, updateIdentity): Pods `<set>-<ordinal>` with hostname = the Pod
// name and subdomain = spec.serviceName (so the governing headless Service gives each a DNS name),
// labels statefulset.kubernetes.io/pod-name, apps.kubernetes.io/pod-index, controller-revision-hash.
import type { ClusterState, Entry } from '../clusterState.ts';
import { computeHash } from '../hashing.ts';
import { podFromTemplate } from './podFromTemplate.ts';

export function runStatefulSetController(state: ClusterState, sts: Entry): void {
  const o = sts.object;
  const replicas: number = o.spec?.replicas ?? 1;
  const start: number = o.spec?.ordinals?.start ?? 0;
  const revision = `${o.metadata.name}-${computeHash(o.spec?.template)}`;
  for (let i = start; i < start + replicas; i++) {
    const name = `${o.metadata.name}-${i}`;
    const pod = podFromTemplate(o, o.spec?.template, name, {
      'apps.kubernetes.io/pod-index': String(i),
      'controller-revision-hash': revision,
      'statefulset.kubernetes.io/pod-name': name,
    });
    pod.spec.hostname = name;
    if (o.spec?.serviceName) pod.spec.subdomain = o.spec.serviceName;
    if (state.create(pod, sts.source, sts.key)) state.event('Normal', 'SuccessfulCreate', sts.key, 'statefulset-controller', `create Pod ${name} in StatefulSet ${o.metadata.name} successful`);
  }
}
