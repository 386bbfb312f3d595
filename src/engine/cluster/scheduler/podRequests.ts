// What a Pod asks of a Node (k8s.io/component-helpers/resource PodRequests): the sum over regular
// containers and sidecars, or the largest init container (plus the sidecars started before it) if
// that is more, plus spec.overhead. The scheduler's scoring uses "non-zero" requests instead
// (pkg/scheduler/util GetNonzeroRequests: 100m CPU and 200Mi memory for a container that asks nothing).
import type { KubeObject } from '../objects.ts';
import { intValue, milliValue } from '../quantity.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are untyped JSON here

export interface Requests {
  cpu: number; // millicores
  memory: number; // bytes
  other: Record<string, number>;
}

export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

function containerRequests(c: Obj, nonZero: boolean): Requests {
  const req: Obj = c?.resources?.requests ?? {};
  const other: Record<string, number> = {};
  for (const [k, v] of Object.entries(req)) if (k !== 'cpu' && k !== 'memory') other[k] = intValue(v);
  const cpu = req.cpu !== undefined ? milliValue(req.cpu) : nonZero ? DEFAULT_MILLI_CPU_REQUEST : 0;
  const memory = req.memory !== undefined ? intValue(req.memory) : nonZero ? DEFAULT_MEMORY_REQUEST : 0;
  return { cpu, memory, other };
}

function add(a: Requests, b: Requests): Requests {
  const other = { ...a.other };
  for (const [k, v] of Object.entries(b.other)) other[k] = (other[k] ?? 0) + v;
  return { cpu: a.cpu + b.cpu, memory: a.memory + b.memory, other };
}

function max(a: Requests, b: Requests): Requests {
  const other = { ...a.other };
  for (const [k, v] of Object.entries(b.other)) other[k] = Math.max(other[k] ?? 0, v);
  return { cpu: Math.max(a.cpu, b.cpu), memory: Math.max(a.memory, b.memory), other };
}

export function podRequests(pod: KubeObject, nonZero = false): Requests {
  const spec: Obj = pod.spec ?? {};
  let sum: Requests = { cpu: 0, memory: 0, other: {} };
  for (const c of spec.containers ?? []) sum = add(sum, containerRequests(c, nonZero));
  let sidecars: Requests = { cpu: 0, memory: 0, other: {} };
  let initMax: Requests = { cpu: 0, memory: 0, other: {} };
  for (const c of spec.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c?.restartPolicy === 'Always') {
      sidecars = add(sidecars, r);
      initMax = max(initMax, sidecars);
    } else initMax = max(initMax, add(sidecars, r));
  }
  let total = max(add(sum, sidecars), initMax);
  if (spec.overhead) total = add(total, containerRequests({ resources: { requests: spec.overhead } }, false));
  return total;
}
