// The state the simulation keeps per Pod: its actor snapshots plus what the kubelet remembers.
import type { SnapshotFrom } from 'xstate';
import type { PodBehavior } from './behavior.ts';
import type { ContainerSnapshot } from './containerStatus.ts';
import type { podMachine } from './podMachine.ts';
import type { ProbeSettings, ProbeType } from './probes.ts';
import type { Pod, PodPhase } from './types.ts';

export type PodSnapshot = SnapshotFrom<typeof podMachine>;

export interface ProbeWorker {
  readonly type: ProbeType;
  readonly settings: ProbeSettings;
  readonly container: number;
  /** The container instance this worker probes; a new instance resets it. */
  instance: number;
  result: 'success' | 'failure' | 'unknown';
  successes: number;
  failures: number;
}

export interface ConditionMemory {
  status: string;
  sinceMs: number;
}

export interface PodRuntime {
  readonly key: string;
  /** The Pod as written (spec after defaulting of what the lab reads). */
  readonly pod: Pod;
  readonly uid: string;
  readonly createdAtMs: number;
  readonly behavior: PodBehavior;
  pod$: PodSnapshot;
  /** Init containers first, then regular containers, in spec order. */
  containers: ContainerSnapshot[];
  readonly initCount: number;
  probes: ProbeWorker[];
  /** lastTransitionTime bookkeeping: a condition's time changes only when its status does. */
  conditions: Map<string, ConditionMemory>;
  /** Terminal phases are sticky (generateAPIPodStatus). */
  lastPhase: PodPhase;
  /** Kill requests already sent, per container index. */
  killed: boolean[];
  hostIP: string | null;
}

export function lifecycleOf(rt: PodRuntime): string {
  const v = rt.pod$.value as { lifecycle: string | Record<string, string> };
  return typeof v.lifecycle === 'string' ? v.lifecycle : (Object.keys(v.lifecycle)[0] ?? '');
}

export function nodeStateOf(rt: PodRuntime): string {
  const v = rt.pod$.value as { node: string | Record<string, string> };
  return typeof v.node === 'string' ? v.node : (Object.keys(v.node)[0] ?? '');
}
