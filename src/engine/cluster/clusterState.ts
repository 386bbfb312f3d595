// The mutable store the build pipeline works on (the lab's apiserver for one build): objects in
// creation order, indexed by key and kind, plus the events and diagnostics they produced.
// Everything the pipeline creates goes through `create`, which fills the metadata the apiserver
// would (uid, creationTimestamp, resourceVersion, generation).
import type { Diagnostic } from '../shared/diagnostics.ts';
import { toRFC3339 } from '../shared/clock.ts';
import { uidFor } from './hashing.ts';
import { objectKey, type ClusterEvent, type ClusterObject, type KubeObject, type SourceRef } from './objects.ts';

export interface Entry {
  key: string;
  object: KubeObject;
  source?: SourceRef;
  generatedBy?: string;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet']);

export class ClusterState {
  readonly entries: Entry[] = [];
  readonly events: ClusterEvent[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly byKey = new Map<string, Entry>();
  private readonly byKind = new Map<string, Entry[]>();
  private resourceVersion = 1;

  /** RFC 3339 of `now`: every object's creationTimestamp and every event's firstTimestamp. */
  readonly timestamp: string;

  constructor(readonly seed: number, readonly now: number) {
    this.timestamp = toRFC3339(now);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get(key: string): Entry | undefined {
    return this.byKey.get(key);
  }

  ofKind(kind: string): readonly Entry[] {
    return this.byKind.get(kind) ?? [];
  }

  /** Adds an object as the apiserver would store it; returns null if the key is taken. */
  create(object: KubeObject, source?: SourceRef, generatedBy?: string): Entry | null {
    const key = objectKey(object);
    if (this.byKey.has(key)) return null;
    const m = object.metadata;
    m.uid ??= uidFor(key);
    m.creationTimestamp ??= this.timestamp;
    m.resourceVersion ??= String(this.resourceVersion++);
    if (WORKLOAD_KINDS.has(object.kind)) m.generation ??= 1;
    const entry: Entry = { key, object, source, generatedBy };
    this.entries.push(entry);
    this.byKey.set(key, entry);
    const list = this.byKind.get(object.kind);
    if (list) list.push(entry);
    else this.byKind.set(object.kind, [entry]);
    return entry;
  }

  event(type: ClusterEvent['type'], reason: string, object: string, from: string, message: string): void {
    this.events.push({ type, reason, message, object, from, firstTimestamp: this.timestamp });
  }

  toObjects(): ClusterObject[] {
    return this.entries.map((e) => ({ key: e.key, object: e.object, ...(e.source ? { source: e.source } : {}), ...(e.generatedBy ? { generatedBy: e.generatedBy } : {}) }));
  }
}

/** An ownerReference with controller: true, as every controller sets on what it creates. */
export function controllerRef(owner: KubeObject): NonNullable<KubeObject['metadata']['ownerReferences']>[number] & { blockOwnerDeletion: boolean } {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}
