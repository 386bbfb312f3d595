// `kubectl get pods` columns exactly as pkg/printers/internalversion/printers.go printPod computes them.
import { humanDuration } from '../cluster/printers/humanDuration.ts';
import { isRestartableInitContainer } from './podSpec.ts';
import type { Container, ContainerStatus, Pod } from './types.ts';

export interface PodRow {
  name: string;
  ready: string;
  status: string;
  restarts: string;
  age: string;
  /** -o wide */
  ip: string;
  node: string;
  nominatedNode: string;
  readinessGates: string;
}

/** node.NodeUnreachablePodReason: the legacy pre-taint-eviction reason. */
export const NodeUnreachablePodReason = 'NodeLost';

function timeMs(t: string | undefined): number | undefined {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/** translateTimestampSince. */
function since(t: number | undefined, nowMs: number): string {
  return t === undefined ? '<unknown>' : humanDuration(nowMs - t);
}

function terminatedText(prefix: string, s: ContainerStatus): string | undefined {
  const t = s.state?.terminated;
  if (!t) return undefined;
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode}`;
}

/** `nowMs` is wall time in ms since the Unix epoch (the instant kubectl runs). */
export function printPod(pod: Pod, nowMs: number): PodRow {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestartDate: number | undefined;
  let lastSidecarRestartDate: number | undefined;
  const later = (a: number | undefined, b: number | undefined) => (b !== undefined && (a === undefined || a < b) ? b : a);

  const podPhase = status.phase ?? '';
  let reason: string = status.reason || podPhase;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Container>();
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInitContainer(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const s = initStatuses[i] as ContainerStatus;
    restarts += s.restartCount ?? 0;
    const finished = timeMs(s.lastState?.terminated?.finishedAt);
    lastRestartDate = later(lastRestartDate, finished);
    const sidecar = isRestartableInitContainer(initContainers.get(s.name));
    if (sidecar) {
      sidecarRestarts += s.restartCount ?? 0;
      lastSidecarRestartDate = later(lastSidecarRestartDate, finished);
    }
    if (s.state?.terminated && s.state.terminated.exitCode === 0) continue;
    if (sidecar && s.started === true) {
      if (s.ready) readyContainers++;
      continue;
    }
    if (s.state?.terminated) reason = terminatedText('Init:', s) as string;
    else if (s.state?.waiting?.reason && s.state.waiting.reason !== 'PodInitializing') reason = 'Init:' + s.state.waiting.reason;
    else reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    initializing = true;
    break;
  }

  const initializedTrue = (status.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    // Once initialized, regular init-container restarts no longer count.
    restarts = sidecarRestarts;
    lastRestartDate = lastSidecarRestartDate;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // Walk from last to first so the first container's state wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const s = statuses[i] as ContainerStatus;
      restarts += s.restartCount ?? 0;
      lastRestartDate = later(lastRestartDate, timeMs(s.lastState?.terminated?.finishedAt));
      if (s.state?.waiting?.reason) reason = s.state.waiting.reason;
      else if (s.state?.terminated) reason = terminatedText('', s) as string;
      else if (s.ready && s.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }

  const deleting = !!pod.metadata?.deletionTimestamp;
  if (deleting && status.reason === NodeUnreachablePodReason) reason = 'Unknown';
  else if (deleting && podPhase !== 'Succeeded' && podPhase !== 'Failed') reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestartDate !== undefined) restartsStr = `${restarts} (${since(lastRestartDate, nowMs)} ago)`;

  let readinessGates = '<none>';
  if ((spec.readinessGates ?? []).length > 0) {
    let trueConditions = 0;
    for (const g of spec.readinessGates ?? []) {
      const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
      if (c?.status === 'True') trueConditions++;
    }
    readinessGates = `${trueConditions}/${(spec.readinessGates ?? []).length}`;
  }

  return {
    name: pod.metadata?.name ?? '',
    ready: `${readyContainers}/${totalContainers}`,
    status: reason,
    restarts: restartsStr,
    age: since(timeMs(pod.metadata?.creationTimestamp as string | undefined), nowMs),
    ip: status.podIPs?.[0]?.ip || status.podIP || '<none>',
    node: spec.nodeName || '<none>',
    nominatedNode: status.nominatedNodeName || '<none>',
    readinessGates,
  };
}
