// One pass of the kubelet's pod sync (kuberuntime_manager.go computePodActions, pod_workers.go
// SyncTerminatingPod): which container to start next, whom to stop, and when a pod is done.
import type { KillReason } from './containerMachine.ts';
import { containerStateOf, isStoppedForGood } from './containerStatus.ts';
import { getPhase } from './getPhase.ts';
import type { PodEvent } from './podMachine.ts';
import { lifecycleOf, nodeStateOf, type PodRuntime } from './podRuntime.ts';
import { allStopped, containerStatuses } from './podStatus.ts';

export interface KubeletActions {
  start(container: number): void;
  /** Sends kubelet.kill once per container. */
  kill(container: number, gracePeriodMs: number, reason: KillReason): void;
  applyPod(event: PodEvent): void;
}

function startNext(rt: PodRuntime, act: KubeletActions): void {
  const cs = rt.containers;
  // Init containers one at a time, in order; a sidecar only has to have started.
  for (let i = 0; i < rt.initCount; i++) {
    const c = cs[i];
    if (!c) continue;
    const [top, sub] = containerStateOf(c);
    const notCreated = top === 'waiting' && sub === 'notCreated';
    if (c.context.kind === 'sidecar') {
      if (notCreated) return act.start(i);
      if (c.context.started || c.context.restartCount > 0 || c.context.current) continue;
      return;
    }
    if (top === 'terminated' && c.context.current?.exitCode === 0) continue;
    if (notCreated) act.start(i);
    return;
  }
  // Then every regular container at once, without waiting for each other.
  for (let i = rt.initCount; i < cs.length; i++) {
    const c = cs[i];
    if (c && containerStateOf(c)[0] === 'waiting' && containerStateOf(c)[1] === 'notCreated') act.start(i);
  }
}

export function syncPod(rt: PodRuntime, now: number, act: KubeletActions): void {
  // An unreachable node's kubelet does nothing the control plane can see.
  if (nodeStateOf(rt) === 'Unreachable') return;
  if (lifecycleOf(rt) === 'active') {
    startNext(rt, act);
    // Every regular container done for good (or a failed init under Never): the pod is finished.
    const regular = rt.containers.slice(rt.initCount);
    const initFailed = rt.containers
      .slice(0, rt.initCount)
      .some((c) => c.context.kind === 'init' && isStoppedForGood(c) && (c.context.current?.exitCode ?? 0) !== 0);
    if ((regular.length > 0 && regular.every(isStoppedForGood)) || initFailed) act.applyPod({ type: 'kubelet.regularContainersDone', now });
  }
  const lc = lifecycleOf(rt);
  if (lc !== 'finishing' && lc !== 'terminating' && lc !== 'evicting') return;
  const ctx = rt.pod$.context;
  const grace =
    lc === 'evicting' ? ctx.failureGracePeriodMs : lc === 'terminating' ? Math.max(0, (ctx.deletionTimestampMs ?? now) - now) : ctx.terminationGracePeriodMs;
  const reason: KillReason = lc === 'evicting' ? 'evict' : 'delete';
  // Regular (and init) containers first; sidecars only once those have stopped (KEP-753 termination order).
  let nonSidecarsStopped = true;
  for (let i = 0; i < rt.containers.length; i++) {
    if (rt.containers[i]?.context.kind === 'sidecar') continue;
    act.kill(i, grace, reason);
    if (!isStoppedForGood(rt.containers[i] as NonNullable<(typeof rt.containers)[number]>)) nonSidecarsStopped = false;
  }
  if (nonSidecarsStopped) {
    for (let i = 0; i < rt.containers.length; i++) if (rt.containers[i]?.context.kind === 'sidecar') act.kill(i, grace, reason);
  }
  if (allStopped(rt)) {
    const { init, regular } = containerStatuses(rt, true);
    const phase = getPhase(rt.pod, [...init, ...regular], { podIsTerminal: true, podHasInitialized: true });
    act.applyPod({ type: 'kubelet.allStopped', phase: phase === 'Succeeded' ? 'Succeeded' : 'Failed', now });
  }
}
