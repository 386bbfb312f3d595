// The user events the lab offers for a Pod (the Pods tab's buttons, `podlab` scripts): which
// container an event names, and every event worth offering before the machines say which of
// them can happen now (PodSimulation.validEvents).
import type { LabEvent } from './simulationTypes.ts';
import type { PodRuntime } from './podRuntime.ts';

/** Index of the named container among init containers then containers (the runtime's order); -1 if none. */
export function containerIndexOf(rt: PodRuntime, name: string): number {
  return [...(rt.pod.spec.initContainers ?? []), ...(rt.pod.spec.containers ?? [])].findIndex((c) => c.name === name);
}

/** Every pod, node and per-container event the lab can offer for this pod. */
export function labEventCandidates(rt: PodRuntime): LabEvent[] {
  const candidates: LabEvent[] = [
    { type: 'pod.delete' },
    { type: 'node.notReady' },
    { type: 'node.unreachable' },
    { type: 'node.ready' },
    { type: 'kubelet.evict', message: 'The node was low on resource: memory. ' },
  ];
  for (const c of rt.containers) {
    const container = c.context.name;
    candidates.push(
      { type: 'container.exited', exitCode: 1, container },
      { type: 'container.exited', exitCode: 0, container },
      { type: 'container.oomKilled', container },
      { type: 'image.pulled', container },
      { type: 'image.pullFailed', container },
      { type: 'probe.liveness.failed', container },
      { type: 'probe.readiness.failed', container },
      { type: 'probe.readiness.succeeded', container },
      { type: 'probe.startup.succeeded', container },
      { type: 'probe.startup.failed', container },
      { type: 'hook.postStart.succeeded', container },
      { type: 'hook.postStart.failed', container },
    );
  }
  return candidates;
}
