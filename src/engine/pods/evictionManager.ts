// The kubelet eviction manager's loop (pkg/kubelet/eviction/eviction_manager.go synchronize):
// local-storage limit violations first (emptyDir sizeLimit), then, for memory.available under
// its hard threshold, one pod per loop in rankMemoryPressure order, with upstream's messages.
import { containerStateOf } from './containerStatus.ts';
import { lifecycleOf, type PodRuntime } from './podRuntime.ts';
import { parseQuantityMilli } from './quantity.ts';
import { podRequestMilli, rankForEviction, RANK_FUNCTIONS, type RankedPod } from './rankForEviction.ts';

export interface SimNodeState {
  readonly name: string;
  readonly ip: string | null;
  /** Observed memory.available; null: no pressure information (no pressure). */
  memoryAvailableBytes: number | null;
  readonly thresholdBytes: number;
}

export interface Eviction {
  readonly podKey: string;
  readonly message: string;
}

/** resource.Quantity String() for a byte count in BinarySI: the largest exact suffix. */
export function formatBytes(bytes: number): string {
  if (bytes === 0) return '0';
  for (const [suffix, mul] of [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 1024]] as const) {
    if (bytes % mul === 0) return `${bytes / mul}${suffix}`;
  }
  return String(bytes);
}

function evictable(rt: PodRuntime): boolean {
  const lc = lifecycleOf(rt);
  return lc === 'active' || lc === 'finishing';
}

/** Working set of the running containers (the stats summary of the pod). */
function podMemoryBytes(rt: PodRuntime): number {
  let sum = 0;
  for (const c of rt.containers) {
    const [top] = containerStateOf(c);
    if (top === 'running' || top === 'stopping') sum += c.context.behavior.memoryBytes;
  }
  return sum;
}

/** emptyDir volumes over their sizeLimit: `Usage of EmptyDir volume "v" exceeds the limit "1Gi". ` */
function emptyDirViolation(rt: PodRuntime): string | null {
  for (const v of rt.pod.spec.volumes ?? []) {
    const limit = v.emptyDir?.sizeLimit;
    if (!limit) continue;
    const used = rt.behavior.volumeUsageBytes.get(v.name);
    const limitMilli = parseQuantityMilli(limit);
    if (used === undefined || limitMilli === null) continue;
    if (BigInt(used) * 1000n > limitMilli) return `Usage of EmptyDir volume "${v.name}" exceeds the limit "${limit}". `;
  }
  return null;
}

function memoryMessage(rt: PodRuntime, node: SimNodeState): string {
  let msg = `The node was low on resource: memory. Threshold quantity: ${formatBytes(node.thresholdBytes)}, available: ${formatBytes(node.memoryAvailableBytes ?? 0)}. `;
  const specs = [...(rt.pod.spec.initContainers ?? []), ...(rt.pod.spec.containers ?? [])];
  rt.containers.forEach((c, i) => {
    const [top] = containerStateOf(c);
    if (top !== 'running' && top !== 'stopping') return;
    const usage = c.context.behavior.memoryBytes;
    const reqMilli = parseQuantityMilli(specs[i]?.resources?.requests?.['memory'] ?? '0') ?? 0n;
    const req = Number(reqMilli / 1000n);
    if (usage > req) msg += `Container ${c.context.name} was using ${formatBytes(usage)}, request is ${formatBytes(req)}, has larger consumption of memory. `;
  });
  return msg;
}

/** One loop: the pods to evict now. Frees the evicted pod's memory on its node. */
export function runEvictionLoop(pods: readonly PodRuntime[], nodes: ReadonlyMap<string, SimNodeState>): Eviction[] {
  const local: Eviction[] = [];
  for (const rt of pods) {
    if (!evictable(rt)) continue;
    const m = emptyDirViolation(rt);
    if (m) local.push({ podKey: rt.key, message: m });
  }
  // Local storage evictions bypass ranking and end the loop (localStorageEviction).
  if (local.length > 0) return local;
  const out: Eviction[] = [];
  for (const node of nodes.values()) {
    if (node.memoryAvailableBytes === null || node.memoryAvailableBytes >= node.thresholdBytes) continue;
    const candidates: (RankedPod & { rt: PodRuntime })[] = pods
      .filter((rt) => evictable(rt) && rt.pod$.context.nodeName === node.name)
      .map((rt) => ({ rt, pod: rt.pod, usage: { memoryWorkingSetBytes: podMemoryBytes(rt) } }));
    const ranked = rankForEviction(candidates, RANK_FUNCTIONS['memory.available']) as (RankedPod & { rt: PodRuntime })[];
    const victim = ranked[0];
    if (!victim) continue;
    out.push({ podKey: victim.rt.key, message: memoryMessage(victim.rt, node) });
    node.memoryAvailableBytes += podMemoryBytes(victim.rt);
  }
  return out;
}

/** Whether another loop could still evict someone. */
export function evictionCandidates(pods: readonly PodRuntime[], nodes: ReadonlyMap<string, SimNodeState>): boolean {
  for (const node of nodes.values()) {
    if (node.memoryAvailableBytes !== null && node.memoryAvailableBytes < node.thresholdBytes && pods.some((rt) => evictable(rt) && rt.pod$.context.nodeName === node.name)) return true;
  }
  return pods.some((rt) => evictable(rt) && emptyDirViolation(rt) !== null);
}

export { podRequestMilli };
