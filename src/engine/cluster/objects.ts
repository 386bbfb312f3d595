// The Kubernetes objects the lab models. Field names are the API's, verbatim; only the fields
// the lab reads are typed, the rest is kept as the user wrote it.
import type { Diagnostic, SourcePos } from '../shared/diagnostics.ts';
import type { KubeProxyConfiguration, KubeletConfiguration } from './labConfig.ts';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid?: string; controller?: boolean }[];
  [k: string]: unknown;
}

/** Any object as read from a manifest. `spec`/`status` are typed per kind by the modules that read them. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- per-kind shapes live with their readers
  status?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  [k: string]: unknown;
}

/** Where an object (or one of its fields) was written in the user's files. */
export interface SourceRef {
  readonly pos: SourcePos;
  /** Field path → position, e.g. `spec.ports[0].port`. */
  readonly fields?: ReadonlyMap<string, SourcePos>;
}

export interface ClusterObject {
  /** `Kind/namespace/name`, or `Kind/name` for cluster-scoped kinds. */
  readonly key: string;
  readonly object: KubeObject;
  /** Where the user wrote it; for generated objects, where their owner was written. */
  readonly source?: SourceRef;
  /** Key of the object whose controller made this one (Deployment → ReplicaSet → Pod, Service → EndpointSlice). */
  readonly generatedBy?: string;
}

/** An event as `kubectl get events` / `describe` shows it (core/v1 Event, the fields the lab uses). */
export interface ClusterEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  /** Key of the involved object, e.g. `Pod/default/web-7d9f8c7b5-x2x4k`. */
  readonly object: string;
  /** The component that reported it (`source.component`), e.g. `default-scheduler`. */
  readonly from: string;
  readonly firstTimestamp: string;
}

export interface ClusterSnapshot {
  /** Every object after defaulting, allocation and controllers, in a stable order. */
  readonly objects: readonly ClusterObject[];
  readonly diagnostics: readonly Diagnostic[];
  /** Events the controllers and scheduler emitted while building (absent on hand-made snapshots). */
  readonly events?: readonly ClusterEvent[];
  /** kube-proxy's configuration (user's KubeProxyConfiguration merged over defaults); see labConfig.ts. */
  readonly kubeProxyConfig?: KubeProxyConfiguration;
  /** The kubelet's configuration (user's KubeletConfiguration merged over kubeadm's defaults). */
  readonly kubeletConfig?: KubeletConfiguration;
  /** The Service CIDRs (networking.k8s.io/v1 ServiceCIDR objects, default `10.96.0.0/12`). */
  readonly serviceCIDRs?: readonly string[];
}

/**
 * `Kind/namespace/name` (cluster-scoped: `Kind/name`). Built with join, which makes one flat
 * string: a template literal makes a rope (V8 cons string) that every hash and comparison walks,
 * and these keys are map keys throughout the engine. (`String()`: a missing name reads
 * `undefined`, as the template did.)
 */
export function objectKey(o: Pick<KubeObject, 'kind' | 'metadata'>): string {
  const { namespace, name } = o.metadata;
  return (namespace ? [o.kind, namespace, String(name)] : [o.kind, String(name)]).join('/');
}

export function objectsOfKind(s: ClusterSnapshot, kind: string): ClusterObject[] {
  return s.objects.filter((o) => o.object.kind === kind);
}

/** The object with this key, if any. */
export function findObject(s: ClusterSnapshot, key: string): ClusterObject | undefined {
  return s.objects.find((o) => o.key === key);
}
