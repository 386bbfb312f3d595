// What the views show of one Pod at a simulated instant: its API object, its `kubectl get pods`
// row, and the machines' states.
import { containerStateOf } from './containerStatus.ts';
import { EPOCH_MS } from './epoch.ts';
import { lifecycleOf, nodeStateOf, type PodRuntime } from './podRuntime.ts';
import { podObject } from './podStatus.ts';
import { printPod } from './printPod.ts';
import type { PodView } from './simulationTypes.ts';

export function podViewOf(rt: PodRuntime, now: number): PodView {
  const object = podObject(rt, now);
  return {
    key: rt.key,
    object,
    row: object ? printPod(object, EPOCH_MS + now) : null,
    lifecycle: lifecycleOf(rt),
    node: nodeStateOf(rt),
    containers: rt.containers.map((c) => {
      const [top, sub] = containerStateOf(c);
      return { name: c.context.name, kind: c.context.kind, state: sub ? `${top}.${sub}` : top };
    }),
  };
}
