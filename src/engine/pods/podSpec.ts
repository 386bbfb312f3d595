// Small spec/status lookups the kubelet helpers share (pkg/api/v1/pod/util.go,
// pkg/kubelet/types/pod_update.go).
import type { Container, ContainerStatus, PodCondition, PodSpec, RestartPolicy } from './types.ts';

/** A sidecar: an init container with restartPolicy Always (types.IsRestartableInitContainer). */
export function isRestartableInitContainer(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

/** podutil.GetContainerStatus: the first status with that name. */
export function getContainerStatus(statuses: readonly ContainerStatus[] | null | undefined, name: string): ContainerStatus | undefined {
  if (!statuses) return undefined;
  for (const s of statuses) if (s.name === name) return s;
  return undefined;
}

/** podutil.GetPodConditionFromList. */
export function getPodCondition(conditions: readonly PodCondition[] | undefined, type: string): PodCondition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** The pod's restartPolicy after API defaulting (defaults.go SetDefaults_PodSpec: Always). */
export function podRestartPolicy(spec: PodSpec): RestartPolicy {
  return spec.restartPolicy ?? 'Always';
}

/**
 * Whether the container is restarted after exiting with `exitCode`. Sidecars always restart;
 * with the alpha ContainerRestartRules gate a container's own restartPolicy overrides the pod's
 * (kubelet container_restart_policy.go ShouldContainerBeRestarted).
 */
export function shouldRestart(spec: PodSpec, c: Container, exitCode: number, containerRestartRules = false, isInit = false): boolean {
  if (isInit && isRestartableInitContainer(c)) return true;
  let policy = podRestartPolicy(spec);
  if (containerRestartRules && c.restartPolicy) policy = c.restartPolicy;
  // A regular init container is never re-run after success, even under Always.
  if (isInit) return exitCode !== 0 && policy !== 'Never';
  if (policy === 'Always') return true;
  if (policy === 'OnFailure') return exitCode !== 0;
  return false;
}

export function allContainers(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
}
