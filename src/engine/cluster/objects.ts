// The Kubernetes objects the lab models. Field names are the API's, verbatim; only the fields
// the lab reads are typed, the rest is kept as the user wrote it.
import type { Diagnostic, SourcePos } from '../shared/diagnostics.ts';

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

export interface ClusterSnapshot {
  /** Every object after defaulting, allocation and controllers, in a stable order. */
  readonly objects: readonly ClusterObject[];
  readonly diagnostics: readonly Diagnostic[];
}

export function objectKey(o: Pick<KubeObject, 'kind' | 'metadata'>): string {
  return o.metadata.namespace ? `${o.kind}/${o.metadata.namespace}/${o.metadata.name}` : `${o.kind}/${o.metadata.name}`;
}

export function objectsOfKind(s: ClusterSnapshot, kind: string): ClusterObject[] {
  return s.objects.filter((o) => o.object.kind === kind);
}
