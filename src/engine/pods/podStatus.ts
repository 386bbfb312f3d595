// The kubelet's view of a Pod at an instant (kubelet_pods.go generateAPIPodStatus) and the
// apiserver object around it: what `kubectl get pod -o yaml` prints.
import { toRFC3339 } from '../shared/clock.ts';
import { computePodQOS, defaultRequestsFromLimits } from './computeQOS.ts';
import {
  generateContainersReadyCondition,
  generatePodInitializedCondition,
  generatePodReadyCondition,
  generatePodReadyToStartContainersCondition,
  type GeneratedCondition,
} from './conditions.ts';
import { containerStatus, isStoppedForGood, lightContainerStatus } from './containerStatus.ts';
import { getPhase } from './getPhase.ts';
import { defaultPodSpec } from './podDefaults.ts';
import { lifecycleOf, type PodRuntime } from './podRuntime.ts';
import type { ContainerStatus, Pod, PodCondition, PodPhase, PodStatus } from './types.ts';

const BOUND = new Set(['sandbox', 'active', 'finishing', 'terminating', 'evicting', 'evicted', 'completed', 'removed']);

export function allStopped(rt: PodRuntime): boolean {
  return rt.containers.every(isStoppedForGood);
}

export function containerStatuses(rt: PodRuntime, light = false): { init: ContainerStatus[]; regular: ContainerStatus[] } {
  const all = rt.containers.map(light ? lightContainerStatus : containerStatus);
  return { init: all.slice(0, rt.initCount), regular: all.slice(rt.initCount) };
}

/** Phase and the kubelet conditions, before transition times are stamped. */
export function computeStatusCore(rt: PodRuntime): { phase: PodPhase; conditions: GeneratedCondition[]; statuses: ContainerStatus[] | null } {
  const lc = lifecycleOf(rt);
  const ctx = rt.pod$.context;
  const spec = rt.pod.spec;
  const bound = BOUND.has(lc);
  const { init, regular } = containerStatuses(rt, true);
  const statuses = bound ? [...init, ...regular] : null;
  let phase: PodPhase;
  if (!bound) phase = 'Pending';
  else if (lc === 'evicting' || lc === 'evicted') phase = 'Failed';
  else if (ctx.terminalPhase) phase = ctx.terminalPhase;
  else {
    phase = getPhase(rt.pod, statuses ?? [], {
      podIsTerminal: (lc === 'terminating' || lc === 'finishing') && allStopped(rt),
      podHasInitialized: rt.containers.slice(rt.initCount).some((c) => c.context.instance > 0),
    });
  }
  if (rt.lastPhase === 'Succeeded' || rt.lastPhase === 'Failed') phase = rt.lastPhase;

  const conditions: GeneratedCondition[] = [];
  if (bound) {
    const sandboxUp = ctx.sandboxReadyAtMs !== null && !(['evicted', 'completed', 'removed'].includes(lc) || (lc === 'terminating' && allStopped(rt)));
    conditions.push(generatePodReadyToStartContainersCondition(sandboxUp));
    conditions.push(generatePodInitializedCondition(spec, statuses, phase));
    const existing = (rt.pod.status?.conditions ?? []) as PodCondition[];
    let ready = generatePodReadyCondition(spec, existing, statuses, phase);
    // MarkPodsNotReady: the node controller flips Ready to False; the container fields stay stale.
    if (ctx.markedNotReadyAtMs !== null && ready.status === 'True') ready = { type: 'Ready', status: 'False' };
    conditions.push(ready);
    conditions.push(generateContainersReadyCondition(spec, statuses, phase));
    conditions.push({ type: 'PodScheduled', status: 'True' });
  } else if (ctx.schedulingMessage !== null) {
    conditions.push({ type: 'PodScheduled', status: 'False', reason: ctx.schedulingReason ?? 'Unschedulable', message: ctx.schedulingMessage });
  }
  if (ctx.disruption) conditions.push({ type: 'DisruptionTarget', status: 'True', reason: ctx.disruption.reason, message: ctx.disruption.message });
  return { phase, conditions, statuses };
}

/** Stamps lastTransitionTime: a condition's time moves only when its status changes. */
export function rememberConditions(rt: PodRuntime, conditions: readonly GeneratedCondition[], nowMs: number): void {
  for (const c of conditions) {
    const prev = rt.conditions.get(c.type);
    if (!prev || prev.status !== c.status) rt.conditions.set(c.type, { status: c.status, sinceMs: nowMs });
  }
}

/** The Pod object as the apiserver returns it at `nowMs`, or null once it has been removed. */
export function podObject(rt: PodRuntime, nowMs: number): Pod | null {
  const lc = lifecycleOf(rt);
  if (lc === 'removed') return null;
  const ctx = rt.pod$.context;
  const { phase, conditions } = computeStatusCore(rt);
  const { init, regular } = containerStatuses(rt);
  const bound = BOUND.has(lc);
  const status: PodStatus = { phase };
  if (lc === 'evicting' || lc === 'evicted') {
    status.reason = ctx.failureReason ?? 'Evicted';
    status.message = ctx.evictionMessage ?? '';
  }
  status.conditions = conditions.map((c) => ({
    type: c.type,
    status: c.status,
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.message ? { message: c.message } : {}),
    lastProbeTime: null,
    lastTransitionTime: toRFC3339(rt.conditions.get(c.type)?.sinceMs ?? nowMs),
  }));
  if (bound) {
    if (rt.hostIP) {
      status.hostIP = rt.hostIP;
      status.hostIPs = [{ ip: rt.hostIP }];
    }
    if (ctx.podIP && ctx.sandboxReadyAtMs !== null) {
      status.podIP = ctx.podIP;
      status.podIPs = [{ ip: ctx.podIP }];
    }
    status.startTime = toRFC3339(ctx.scheduledAtMs ?? rt.createdAtMs);
    if (rt.initCount > 0) status.initContainerStatuses = init;
    status.containerStatuses = regular;
  }
  status.qosClass = computePodQOS(defaultRequestsFromLimits(rt.pod.spec));
  const metadata: Pod['metadata'] = {
    ...rt.pod.metadata,
    namespace: rt.pod.metadata.namespace ?? 'default',
    uid: rt.uid,
    creationTimestamp: toRFC3339(rt.createdAtMs),
  };
  if (ctx.deletionTimestampMs !== null) {
    metadata.deletionTimestamp = toRFC3339(ctx.deletionTimestampMs);
    metadata.deletionGracePeriodSeconds = Math.round((ctx.deletionGracePeriodMs ?? 0) / 1000);
  }
  const spec = { ...defaultPodSpec(rt.pod.spec), ...(ctx.nodeName ? { nodeName: ctx.nodeName } : {}) };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec, status };
}
