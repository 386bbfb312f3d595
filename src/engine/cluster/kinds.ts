// The kinds the lab models: their API group/versions, and whether they live in a namespace
// (as `kubectl api-resources` lists them). Config kinds are lab settings, not API objects.

export interface KindInfo {
  readonly apiVersions: readonly string[];
  readonly namespaced: boolean;
  /** Lab settings (component config), read into the snapshot's config instead of `objects`. */
  readonly config?: boolean;
}

export const KINDS: Readonly<Record<string, KindInfo>> = {
  Namespace: { apiVersions: ['v1'], namespaced: false },
  Node: { apiVersions: ['v1'], namespaced: false },
  Pod: { apiVersions: ['v1'], namespaced: true },
  Service: { apiVersions: ['v1'], namespaced: true },
  Endpoints: { apiVersions: ['v1'], namespaced: true },
  ConfigMap: { apiVersions: ['v1'], namespaced: true },
  Secret: { apiVersions: ['v1'], namespaced: true },
  Deployment: { apiVersions: ['apps/v1'], namespaced: true },
  ReplicaSet: { apiVersions: ['apps/v1'], namespaced: true },
  DaemonSet: { apiVersions: ['apps/v1'], namespaced: true },
  StatefulSet: { apiVersions: ['apps/v1'], namespaced: true },
  EndpointSlice: { apiVersions: ['discovery.k8s.io/v1'], namespaced: true },
  Ingress: { apiVersions: ['networking.k8s.io/v1'], namespaced: true },
  IngressClass: { apiVersions: ['networking.k8s.io/v1'], namespaced: false },
  ServiceCIDR: { apiVersions: ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1'], namespaced: false },
  KubeProxyConfiguration: { apiVersions: ['kubeproxy.config.k8s.io/v1alpha1'], namespaced: false, config: true },
  KubeletConfiguration: { apiVersions: ['kubelet.config.k8s.io/v1beta1'], namespaced: false, config: true },
};

/** The lowercase plural resource name kubectl prints in messages (`services "web" already exists`). */
export function resourceName(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith('s')) return lower + 'es';
  if (lower.endsWith('y')) return lower.slice(0, -1) + 'ies';
  return lower + 's';
}
