// Pod conditions the kubelet generates: pkg/kubelet/status/generate.go.
import { getContainerStatus, getPodCondition, isRestartableInitContainer } from './podSpec.ts';
import type { ContainerStatus, PodCondition, PodPhase, PodSpec } from './types.ts';

// Reason constants from generate.go.
export const UnknownContainerStatuses = 'UnknownContainerStatuses';
export const PodCompleted = 'PodCompleted';
export const PodFailed = 'PodFailed';
export const ContainersNotReady = 'ContainersNotReady';
export const ContainersNotInitialized = 'ContainersNotInitialized';
export const ReadinessGatesNotReady = 'ReadinessGatesNotReady';

/** Go's %s of a []string: `[a b]`. */
function goList(names: readonly string[]): string {
  return `[${names.join(' ')}]`;
}

export interface GeneratedCondition {
  type: string;
  status: 'True' | 'False';
  reason?: string;
  message?: string;
}

function cond(type: string, status: 'True' | 'False', reason?: string, message?: string): GeneratedCondition {
  const c: GeneratedCondition = { type, status };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** GenerateContainersReadyCondition. `statuses` null means the kubelet has none at all. */
export function generateContainersReadyCondition(spec: PodSpec, statuses: readonly ContainerStatus[] | null, phase: PodPhase | string): GeneratedCondition {
  if (statuses === null) return cond('ContainersReady', 'False', UnknownContainerStatuses);
  const unknown: string[] = [];
  const unready: string[] = [];
  const visit = (name: string) => {
    const s = getContainerStatus(statuses, name);
    if (!s) unknown.push(name);
    else if (!s.ready) unready.push(name);
  };
  // Sidecars count toward ContainersReady (KEP-753).
  for (const c of spec.initContainers ?? []) if (isRestartableInitContainer(c)) visit(c.name);
  for (const c of spec.containers ?? []) visit(c.name);
  if (phase === 'Succeeded' && unknown.length === 0) return cond('ContainersReady', 'False', PodCompleted);
  // A Failed pod's containers may still be terminating: never ready.
  if (phase === 'Failed') return cond('ContainersReady', 'False', PodFailed);
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length > 0) messages.push(`containers with unready status: ${goList(unready)}`);
  if (messages.length > 0) return cond('ContainersReady', 'False', ContainersNotReady, messages.join(', '));
  return cond('ContainersReady', 'True');
}

/** GeneratePodReadyCondition: ContainersReady, then every readiness gate's condition True. */
export function generatePodReadyCondition(
  spec: PodSpec,
  conditions: readonly PodCondition[] | undefined,
  statuses: readonly ContainerStatus[] | null,
  phase: PodPhase | string,
): GeneratedCondition {
  const containersReady = generateContainersReadyCondition(spec, statuses, phase);
  if (containersReady.status !== 'True') return { ...containersReady, type: 'Ready' };
  const messages: string[] = [];
  for (const rg of spec.readinessGates ?? []) {
    const c = getPodCondition(conditions, rg.conditionType);
    if (!c) messages.push(`corresponding condition of pod readiness gate "${rg.conditionType}" does not exist.`);
    else if (c.status !== 'True') messages.push(`the status of pod readiness gate "${rg.conditionType}" is not "True", but ${c.status}`);
  }
  if (messages.length > 0) return cond('Ready', 'False', ReadinessGatesNotReady, messages.join(', '));
  return cond('Ready', 'True');
}

/** kubecontainer.HasAnyRegularContainerStarted: some regular container is running or terminated. */
export function hasAnyRegularContainerStarted(spec: PodSpec, statuses: readonly ContainerStatus[] | null): boolean {
  return (spec.containers ?? []).some((c) => {
    const s = getContainerStatus(statuses, c.name);
    return !!(s?.state?.running || s?.state?.terminated);
  });
}

/** GeneratePodInitializedCondition. */
export function generatePodInitializedCondition(spec: PodSpec, statuses: readonly ContainerStatus[] | null, phase: PodPhase | string): GeneratedCondition {
  const inits = spec.initContainers ?? [];
  if (statuses === null && inits.length > 0) return cond('Initialized', 'False', UnknownContainerStatuses);
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = getContainerStatus(statuses, c.name);
    if (!s) {
      unknown.push(c.name);
      continue;
    }
    // A sidecar is done once started; a regular init container once ready (it exited 0).
    if (isRestartableInitContainer(c) ? s.started !== true : !s.ready) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return cond('Initialized', 'True', PodCompleted);
  // Initialized once, initialized for good: a restarting sidecar does not flip it back.
  if (hasAnyRegularContainerStarted(spec, statuses)) return cond('Initialized', 'True');
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length > 0) messages.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (messages.length > 0) return cond('Initialized', 'False', ContainersNotInitialized, messages.join(', '));
  return cond('Initialized', 'True');
}

/**
 * GeneratePodReadyToStartContainersCondition: True once the sandbox exists with networking.
 * The lab's sandbox is ready when the kubelet has created it (the machine says so).
 */
export function generatePodReadyToStartContainersCondition(sandboxReady: boolean): GeneratedCondition {
  return cond('PodReadyToStartContainers', sandboxReady ? 'True' : 'False');
}
