// A container actor's snapshot as the kubelet reports it (kubelet_pods.go convertToAPIContainerStatuses).
import type { SnapshotFrom } from 'xstate';
import { toRFC3339 } from '../shared/clock.ts';
import { goDuration } from './backoff.ts';
import { invalidImageMessage } from './imageReference.ts';
import type { containerMachine, ContainerContext, TerminatedInfo } from './containerMachine.ts';
import type { ContainerState, ContainerStatus } from './types.ts';

export type ContainerSnapshot = SnapshotFrom<typeof containerMachine>;

/** [top-level state, sub-state] of a container snapshot, e.g. ['waiting', 'CrashLoopBackOff']. */
export function containerStateOf(s: ContainerSnapshot): [string, string] {
  const v = s.value as string | Record<string, string>;
  if (typeof v === 'string') return [v, ''];
  const top = Object.keys(v)[0] ?? '';
  return [top, String(v[top] ?? '')];
}

function terminated(t: TerminatedInfo): ContainerState {
  return {
    terminated: {
      exitCode: t.exitCode,
      reason: t.reason,
      ...(t.message ? { message: t.message } : {}),
      startedAt: toRFC3339(t.startedAtMs),
      finishedAt: toRFC3339(t.finishedAtMs),
      containerID: t.containerID,
    },
  };
}

const WAITING_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'CrashLoopBackOff', 'InvalidImageName']);

function waitingMessage(c: ContainerContext, reason: string): string | undefined {
  if (reason === 'CrashLoopBackOff') {
    return `back-off ${goDuration(c.backoff?.delayMs ?? 10_000)} restarting failed container=${c.name} pod=${c.podRef}`;
  }
  if (reason === 'ImagePullBackOff') return `Back-off pulling image "${c.image}": ErrImagePull: ${c.waitingMessage ?? ''}`;
  if (reason === 'ErrImagePull') return c.waitingMessage;
  if (reason === 'InvalidImageName') return invalidImageMessage(c.image);
  return undefined;
}

/** Whether the container is stopped for good (the pod's termination can finish). */
export function isStoppedForGood(s: ContainerSnapshot): boolean {
  const [top, sub] = containerStateOf(s);
  return (top === 'terminated' && sub === 'final') || (top === 'waiting' && sub === 'abandoned');
}

export function isContainerReady(s: ContainerSnapshot): boolean {
  const c = s.context;
  const [top, sub] = containerStateOf(s);
  // The kubelet marks a regular init container ready once it has exited 0.
  if (c.kind === 'init') return top === 'terminated' && c.current?.exitCode === 0;
  // A container keeps its readiness while it is being stopped; readiness probes keep running then.
  const up = (top === 'running' && sub === 'started') || (top === 'stopping' && c.started);
  if (!up) return false;
  return c.hasReadinessProbe ? c.readinessOk : true;
}

export function containerStatus(s: ContainerSnapshot): ContainerStatus {
  const c = s.context;
  const [top, sub] = containerStateOf(s);
  const status: ContainerStatus = { name: c.name, state: {}, lastState: {}, ready: isContainerReady(s), restartCount: c.restartCount, image: c.image, imageID: '' };
  if (top === 'waiting') {
    const reason = WAITING_REASONS.has(sub) ? sub : c.podHasInitContainers ? 'PodInitializing' : 'ContainerCreating';
    const message = waitingMessage(c, reason);
    status.state = { waiting: { reason, ...(message ? { message } : {}) } };
    // While waiting to restart, the dead instance is lastState.
    const prev = c.current ?? c.last;
    if (prev) status.lastState = terminated(prev);
  } else if (top === 'running' || top === 'stopping') {
    status.state = { running: { startedAt: toRFC3339(c.startedAtMs ?? 0) } };
    if (c.last) status.lastState = terminated(c.last);
    status.containerID = `containerd://${c.podRef.replace(/[^a-z0-9]/gi, '').slice(0, 24)}${c.name}${c.instance}`;
  } else if (c.current) {
    status.state = terminated(c.current);
    if (c.last) status.lastState = terminated(c.last);
    status.containerID = c.current.containerID;
  }
  if (c.imagePresent) status.imageID = `${c.image.includes('/') ? '' : 'docker.io/library/'}${c.image}@sha256:${'0'.repeat(64)}`;
  status.started = top === 'running' || top === 'stopping' ? c.started : false;
  return status;
}

/**
 * Only what getPhase and the condition generators read (state kind, exit codes, ready, started):
 * the simulation computes conditions after every step, so it skips timestamps and messages.
 */
export function lightContainerStatus(s: ContainerSnapshot): ContainerStatus {
  const c = s.context;
  const [top, sub] = containerStateOf(s);
  const st: ContainerStatus = { name: c.name, ready: isContainerReady(s), started: (top === 'running' || top === 'stopping') && c.started };
  if (top === 'waiting') {
    st.state = { waiting: { reason: sub } };
    const prev = c.current ?? c.last;
    if (prev) st.lastState = { terminated: { exitCode: prev.exitCode } };
  } else if (top === 'running' || top === 'stopping') st.state = { running: {} };
  else if (c.current) st.state = { terminated: { exitCode: c.current.exitCode } };
  else st.state = {};
  return st;
}
