// The pod phase exactly as the kubelet computes it: pkg/kubelet/kubelet_pods.go getPhase.
import { getContainerStatus, isRestartableInitContainer, podRestartPolicy, shouldRestart } from './podSpec.ts';
import type { ContainerStatus, Pod, PodPhase } from './types.ts';

export interface GetPhaseOptions {
  /** The kubelet decided the pod will never run again (deleted/evicted and every container stopped). */
  readonly podIsTerminal: boolean;
  /** Some regular container has already started in the current sandbox. */
  readonly podHasInitialized: boolean;
  /** Alpha gate ContainerRestartRules: per-container restartPolicy on regular and init containers. */
  readonly containerRestartRules?: boolean;
  /** Static pods never get a terminal phase from podIsTerminal (kubernetes#116484). */
  readonly isStaticPod?: boolean;
}

/** `info` is every container status (init + regular), looked up by name. */
export function getPhase(pod: Pod, info: readonly ContainerStatus[], opts: GetPhaseOptions): PodPhase {
  const spec = pod.spec;
  const gate = opts.containerRestartRules ?? false;
  let pendingRestartableInitContainers = 0;
  let pendingRegularInitContainers = 0;
  let failedInitialization = 0;
  let failedInitializationNotRestartable = 0;

  // Regular init containers.
  for (const c of spec.initContainers ?? []) {
    if (isRestartableInitContainer(c)) continue;
    const s = getContainerStatus(info, c.name);
    if (!s) {
      pendingRegularInitContainers++;
      continue;
    }
    let failedExit: number | undefined;
    if (s.state?.running) pendingRegularInitContainers++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedExit = s.state.terminated.exitCode;
    } else if (s.state?.waiting) {
      const last = s.lastState?.terminated;
      if (last) {
        if (last.exitCode !== 0) failedExit = last.exitCode;
      } else pendingRegularInitContainers++;
    } else pendingRegularInitContainers++;
    if (failedExit !== undefined) {
      failedInitialization++;
      if (!shouldRestart(spec, c, failedExit, gate, true)) failedInitializationNotRestartable++;
    }
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  let stoppedWillRestart = 0;

  // Sidecars: a terminated or backing-off sidecar never drives the phase.
  for (const c of spec.initContainers ?? []) {
    if (!isRestartableInitContainer(c)) continue;
    const s = getContainerStatus(info, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) {
      if (s.started !== true) pendingRestartableInitContainers++;
      running++;
    } else if (s.state?.terminated) {
      // ignored
    } else if (s.state?.waiting) {
      if (!s.lastState?.terminated) {
        pendingRestartableInitContainers++;
        waiting++;
      }
    } else {
      pendingRestartableInitContainers++;
      unknown++;
    }
  }

  for (const c of spec.containers ?? []) {
    const s = getContainerStatus(info, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    let exit: number | undefined;
    if (s.state?.running) running++;
    else if (s.state?.terminated) exit = s.state.terminated.exitCode;
    else if (s.state?.waiting) {
      if (s.lastState?.terminated) exit = s.lastState.terminated.exitCode;
      else waiting++;
    } else unknown++;
    if (exit !== undefined) {
      stopped++;
      if (exit === 0) succeeded++;
      if (shouldRestart(spec, c, exit, gate)) stoppedWillRestart++;
    }
  }

  // With ContainerRestartRules the question is whether a failed init container may restart;
  // without it, only the pod's restartPolicy Never makes a failed init fatal.
  if (gate ? failedInitializationNotRestartable > 0 : failedInitialization > 0 && podRestartPolicy(spec) === 'Never') {
    return 'Failed';
  }
  if (pendingRegularInitContainers > 0 || (pendingRestartableInitContainers > 0 && !opts.podHasInitialized) || waiting > 0) {
    return 'Pending';
  }
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    // The pod is terminal, so its containers will not be restarted whatever the policy.
    if (opts.podIsTerminal && !opts.isStaticPod) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (gate) {
      // Per-container policies: Running while any stopped container is being restarted.
      if (stoppedWillRestart > 0) return 'Running';
      return stopped === succeeded ? 'Succeeded' : 'Failed';
    }
    const policy = podRestartPolicy(spec);
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** allContainerStatuses as the kubelet assembles them: init statuses then regular ones. */
export function allContainerStatuses(pod: Pod): ContainerStatus[] {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
}
