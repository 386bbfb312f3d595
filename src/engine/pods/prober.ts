// The kubelet's probe workers (pkg/kubelet/prober/worker.go doProbe): one per container and probe
// type, results changed only after successThreshold/failureThreshold consecutive outcomes.
import { probePasses } from './behavior.ts';
import type { ContainerEvent } from './containerMachine.ts';
import { containerStateOf } from './containerStatus.ts';
import type { PodRuntime, ProbeWorker } from './podRuntime.ts';
import { initialProbeResult, probeFailureOutput, probeLabel, probeSettings } from './probes.ts';
import type { Container } from './types.ts';

export interface ProberActions {
  /** Sends a result change to the container machine and lets the kubelet react. */
  report(container: number, event: ContainerEvent): void;
  unhealthy(message: string): void;
}

function containerSpec(rt: PodRuntime, i: number): Container | undefined {
  return i < rt.initCount ? rt.pod.spec.initContainers?.[i] : rt.pod.spec.containers?.[i - rt.initCount];
}

/**
 * New workers for a new container instance (a new container ID resets the results). Returns the
 * indices into rt.probes to tick first, after their initial delay. Indices stay stable: a
 * container's worker of a type is replaced in place.
 */
export function startWorkers(rt: PodRuntime, i: number): { index: number; firstAt: number }[] {
  const c = rt.containers[i];
  const spec = containerSpec(rt, i);
  if (!c || !spec) return [];
  const out: { index: number; firstAt: number }[] = [];
  for (const type of ['startup', 'liveness', 'readiness'] as const) {
    const probe = spec[`${type}Probe`];
    if (!probe) continue;
    const w: ProbeWorker = { type, settings: probeSettings(probe), container: i, instance: c.context.instance, result: initialProbeResult(type), successes: 0, failures: 0 };
    let index = rt.probes.findIndex((x) => x.container === i && x.type === type);
    if (index < 0) index = rt.probes.push(w) - 1;
    else rt.probes[index] = w;
    out.push({ index, firstAt: w.settings.initialDelayMs });
  }
  return out;
}

/**
 * One tick of a worker at `now`; returns when to tick next (null: the worker is done with this
 * instance). Ticks that cannot change the result are coalesced: while the app's behavior keeps the
 * probe passing and the result is already Success, the next tick is the first period tick at or
 * after the next instant the behavior can change (or none). Results and events are as if ticking.
 */
export function probeTick(rt: PodRuntime, w: ProbeWorker, instance: number, now: number, act: ProberActions): number | null {
  if (w.instance !== instance) return null;
  const c = rt.containers[w.container];
  if (!c || c.context.instance !== instance) return null;
  const [top, sub] = containerStateOf(c);
  if (top !== 'running' && top !== 'stopping') return null;
  // Liveness and startup workers stop when the pod is being deleted; readiness keeps probing.
  const deleting = rt.pod$.context.deletionTimestampMs !== null;
  if (w.type !== 'readiness' && (deleting || top === 'stopping')) return null;
  const period = w.settings.periodMs;
  // Liveness and readiness do not run until the startup probe has passed; startup stops then.
  if (w.type === 'startup') {
    if (sub === 'started') return null;
    if (sub !== 'startup') return now + period;
  } else if (!c.context.started) return now + period;
  const b = c.context.behavior;
  const startedAt = c.context.startedAtMs ?? now;
  const pb = b[w.type];
  if (probePasses(pb, b.startMs, now - startedAt)) {
    w.successes++;
    w.failures = 0;
    if (w.successes >= w.settings.successThreshold && w.result !== 'success') {
      w.result = 'success';
      // Liveness starts as Success: only readiness and startup successes are news.
      if (w.type !== 'liveness') act.report(w.container, { type: `probe.${w.type}.succeeded`, now } as ContainerEvent);
      if (w.type === 'startup') return null;
    }
    if (w.result !== 'success') return now + period;
    let change = Infinity;
    for (const bp of [pb.passAfterMs ?? b.startMs, pb.failAfterMs, pb.failUntilMs]) {
      if (bp !== undefined && startedAt + bp > now) change = Math.min(change, startedAt + bp);
    }
    return change === Infinity ? null : now + Math.ceil((change - now) / period) * period;
  }
  w.failures++;
  w.successes = 0;
  const probe = containerSpec(rt, w.container)?.[`${w.type}Probe`];
  act.unhealthy(`${probeLabel(w.type)} probe failed: ${probeFailureOutput(probe ?? {}, rt.pod$.context.podIP, pb.output)}`);
  if (w.failures >= w.settings.failureThreshold && w.result !== 'failure') {
    w.result = 'failure';
    act.report(w.container, { type: `probe.${w.type}.failed`, now } as ContainerEvent);
    // A liveness/startup failure kills the container; the worker waits for the next instance.
    if (w.type !== 'readiness') return null;
  }
  return now + period;
}
