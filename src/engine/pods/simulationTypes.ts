// The simulation's public shapes: options, the events a user can send, and what a snapshot holds.
import type { ContainerEvent, ContainerKind } from './containerMachine.ts';
import type { PodRow } from './printPod.ts';
import type { Pod } from './types.ts';

export interface SimNode {
  readonly name: string;
  readonly ip?: string;
}

export interface PodSimulationOptions {
  readonly pods: readonly Pod[];
  /** Nodes pods may be placed on when they have no spec.nodeName; undefined: one lab node "node-1". */
  readonly nodes?: readonly SimNode[];
  readonly seed?: number;
  /** Creation time of every pod, in simulated ms (default 0). */
  readonly startMs?: number;
  /** evictionHard memory.available (default 100Mi). */
  readonly evictionHardMemoryBytes?: number;
  /**
   * Keys (`ns/name`) of pods a scheduler bound, for the `Scheduled` event. Default: the pods the
   * simulation places itself; a pod written with spec.nodeName bypasses the scheduler.
   */
  readonly boundByScheduler?: ReadonlySet<string>;
  /** Place pods without spec.nodeName on `nodes` round-robin (default true); false leaves them unschedulable. */
  readonly bindUnassigned?: boolean;
}

/** What a user (or a scenario script) can do to a Pod. Node events apply to every pod on its node. */
export type LabEvent =
  | { type: 'pod.delete'; gracePeriodSeconds?: number }
  | { type: 'pod.scheduled'; nodeName: string; podIP?: string }
  | { type: 'pod.unschedulable'; message: string }
  | { type: 'kubelet.evict'; message: string }
  | { type: 'node.notReady' }
  | { type: 'node.unreachable' }
  | { type: 'node.ready' }
  /** The node's memory.available drops (node memory pressure). */
  | { type: 'node.memoryAvailable'; bytes: number }
  /** An emptyDir volume's usage (sizeLimit eviction). */
  | { type: 'volume.usage'; volume: string; bytes: number }
  | (DistributiveOmit<Exclude<ContainerEvent, { type: 'kubelet.start' | 'kubelet.kill' }>, 'now'> & { container: string });

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface ScriptStep {
  /** Simulated ms since the pods' creation. */
  readonly at: number;
  readonly pod: string;
  readonly event: LabEvent;
}

export interface PodView {
  readonly key: string;
  /** The object `kubectl get pod -o yaml` prints; null once the pod is gone. */
  readonly object: Pod | null;
  readonly row: PodRow | null;
  readonly lifecycle: string;
  readonly node: string;
  readonly containers: readonly { name: string; kind: ContainerKind; state: string }[];
}

export interface SimulationSnapshot {
  readonly now: number;
  readonly pods: readonly PodView[];
}
