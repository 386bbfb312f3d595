// How every workload controller stamps a Pod out of its template (pkg/controller/controller_utils.go
// GetPodFromTemplate): the template's labels and annotations, an ownerReference to the controller,
// the template's spec, then the apiserver's Pod defaulting and admission.
import { controllerRef } from '../clusterState.ts';
import { defaultPodSpec } from '../defaults/podDefaults.ts';
import type { KubeObject } from '../objects.ts';
import { deepClone } from '../deepClone.ts';

export function podFromTemplate(owner: KubeObject, template: KubeObject['spec'], name: string, extraLabels: Record<string, string> = {}, generateName?: string): KubeObject {
  const tmeta = template?.metadata ?? {};
  const spec = deepClone(template?.spec ?? {});
  defaultPodSpec(spec);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      ...(generateName ? { generateName } : {}),
      namespace: owner.metadata.namespace ?? 'default',
      labels: { ...(tmeta.labels ?? {}), ...extraLabels },
      ...(tmeta.annotations ? { annotations: { ...tmeta.annotations } } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec,
  };
}

/** A name not yet taken: `<prefix><suffix>`, re-drawing the suffix on a collision as generateName retries would. */
export function freshName(has: (name: string) => boolean, prefix: string, suffix: (attempt: number) => string): string {
  for (let attempt = 0; ; attempt++) {
    const name = prefix + suffix(attempt);
    if (!has(name)) return name;
  }
}
