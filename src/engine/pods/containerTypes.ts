// What one container is to the kubelet, as data: its kind, its context (spec facts, restarts,
// current and last state, back-off), the events the kubelet and the lab send it, the events it
// records, and the kubelet's timing constants. The machine that moves it is containerMachine.ts.
import { INITIAL_BACKOFF_MS, type BackoffEntry } from './backoff.ts';
import type { ContainerBehavior } from './behavior.ts';
import type { RestartPolicy } from './types.ts';

export type ContainerKind = 'init' | 'sidecar' | 'regular';
export type KillReason = 'delete' | 'evict' | 'liveness' | 'startup' | 'postStart';

export interface TerminatedInfo {
  readonly exitCode: number;
  readonly reason: string;
  readonly message?: string;
  readonly startedAtMs: number;
  readonly finishedAtMs: number;
  readonly containerID: string;
}

export interface ContainerInput {
  readonly name: string;
  readonly kind: ContainerKind;
  readonly image: string;
  readonly imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  readonly podRestartPolicy: RestartPolicy;
  /** The pod's name for messages: `web_default(uid)`. */
  readonly podRef: string;
  readonly behavior: ContainerBehavior;
  readonly hasStartupProbe: boolean;
  readonly hasReadinessProbe: boolean;
  readonly hasPostStart: boolean;
  readonly hasPreStop: boolean;
  readonly memoryLimitBytes?: number;
  readonly podHasInitContainers: boolean;
  /** spec.terminationGracePeriodSeconds (default 30 s), used when a probe or hook failure kills the container. */
  readonly killGracePeriodMs: number;
  /** livenessProbe/startupProbe terminationGracePeriodSeconds, which override the pod's for probe kills. */
  readonly livenessGracePeriodMs?: number;
  readonly startupGracePeriodMs?: number;
}

export interface ContainerContext extends ContainerInput {
  imagePresent: boolean;
  restartCount: number;
  instance: number;
  startedAtMs: number | null;
  /** postStart done and startup probe passed. */
  started: boolean;
  /** The readiness probe's current result (initially Failure). */
  readinessOk: boolean;
  /** The exited instance (state.terminated, or lastState while waiting to restart). */
  current: TerminatedInfo | null;
  /** The instance before the running one (lastState.terminated). */
  last: TerminatedInfo | null;
  backoff: BackoffEntry | null;
  pullBackoff: BackoffEntry | null;
  waitingMessage?: string;
  /** The pod is being deleted or evicted: nothing restarts any more. */
  podTerminating: boolean;
  killReason: KillReason | null;
  graceEndMs: number;
  sigkillAtMs: number;
}

type T = { now: number };
export type ContainerEvent =
  | ({ type: 'kubelet.start' } & T)
  | ({ type: 'image.pulled' } & T)
  | ({ type: 'image.pullFailed'; message?: string } & T)
  | ({ type: 'container.exited'; exitCode: number; reason?: string } & T)
  | ({ type: 'container.oomKilled' } & T)
  | ({ type: 'hook.postStart.succeeded' } & T)
  | ({ type: 'hook.postStart.failed' } & T)
  | ({ type: 'probe.startup.succeeded' } & T)
  | ({ type: 'probe.startup.failed' } & T)
  | ({ type: 'probe.liveness.failed' } & T)
  | ({ type: 'probe.readiness.succeeded' } & T)
  | ({ type: 'probe.readiness.failed' } & T)
  | ({ type: 'kubelet.kill'; gracePeriodMs: number; reason: KillReason } & T);

/** An event the kubelet records (pkg/kubelet/events/event.go reasons). */
export interface RecordedEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
}

/** MinimumGracePeriodInSeconds: StopContainer always gets at least 2 s (kuberuntime_container.go). */
export const MINIMUM_GRACE_PERIOD_MS = 2000;
/** PLEG relist period: how soon the kubelet notices an exit and acts on it. */
export const PLEG_RELIST_MS = 1000;
/** Pod worker back-off after a failed sync (pod_workers.go backOffPeriod, jitter left out). */
export const WORKER_BACKOFF_MS = INITIAL_BACKOFF_MS;
