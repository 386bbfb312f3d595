// Node-pressure eviction ranking: pkg/kubelet/eviction/helpers.go orderedBy and its comparators
// (exceedMemoryRequests, priority, memory, exceedDiskRequests, disk, process) and the rank
// functions rankMemoryPressure, rankPIDPressure, rankDiskPressureFunc. QoS is not a sort key.
import { quantityMilli } from './quantity.ts';
import type { Pod, Volume } from './types.ts';

/** Which parts of a pod's disk usage a disk signal measures (fsStatsType). */
export type FsStatsType = 'rootfs' | 'logs' | 'localVolumes';
export type DiskResource = 'ephemeral-storage' | 'inodes';

/** Observed usage of one pod, per container / per local volume as the stats summary gives it. */
export interface PodUsage {
  memoryWorkingSetBytes?: string | number;
  processCount?: number;
  perContainerRootfsUsedBytes?: string | number;
  perContainerLogsUsedBytes?: string | number;
  perLocalVolumeUsedBytes?: string | number;
  perContainerRootfsInodesUsed?: string | number;
  perContainerLogsInodesUsed?: string | number;
  perLocalVolumeInodesUsed?: string | number;
}

export interface RankedPod {
  readonly pod: Pod;
  /** undefined: the stats summary has no entry for this pod (it is evicted first). */
  readonly usage: PodUsage | undefined;
}

export type Comparator =
  | { kind: 'exceedMemoryRequests' }
  | { kind: 'priority' }
  | { kind: 'memory' }
  | { kind: 'process' }
  | { kind: 'exceedDiskRequests'; resource: DiskResource; fsStats: FsStatsType[] }
  | { kind: 'disk'; resource: DiskResource; fsStats: FsStatsType[] };

type Cmp = (a: RankedPod, b: RankedPod) => number;

/** cmpBool: true sorts first. */
function cmpBool(a: boolean, b: boolean): number {
  if (a === b) return 0;
  return a ? -1 : 1;
}
function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** podRequest: max(sum of regular container requests, largest init container request). */
export function podRequestMilli(pod: Pod, resource: 'memory' | 'ephemeral-storage'): bigint {
  let sum = 0n;
  for (const c of pod.spec.containers ?? []) sum += quantityMilli(c.resources?.requests?.[resource]);
  let init = 0n;
  for (const c of pod.spec.initContainers ?? []) {
    const v = quantityMilli(c.resources?.requests?.[resource]);
    if (c.restartPolicy === 'Always') sum += v;
    else if (v > init) init = v;
  }
  return sum > init ? sum : init;
}

/** volumeutils: hostPath, or a local ephemeral volume (gitRepo, configMap, emptyDir not in memory). */
function isLocalVolume(v: Volume): boolean {
  return !!v.hostPath || !!v.gitRepo || !!v.configMap || (!!v.emptyDir && v.emptyDir.medium !== 'Memory');
}

/** podDiskUsage / podLocalEphemeralStorageUsage in milli-units of bytes or inodes. */
export function podDiskUsageMilli(p: RankedPod, resource: DiskResource, fsStats: readonly FsStatsType[]): bigint {
  const u = p.usage ?? {};
  // The stats summary lists the pod's (regular) containers; exited init containers are gone.
  const containers = BigInt((p.pod.spec.containers ?? []).length);
  const volumes = BigInt((p.pod.spec.volumes ?? []).filter(isLocalVolume).length);
  const inodes = resource === 'inodes';
  let total = 0n;
  if (fsStats.includes('rootfs')) total += containers * quantityMilli(inodes ? u.perContainerRootfsInodesUsed : u.perContainerRootfsUsedBytes);
  if (fsStats.includes('logs')) total += containers * quantityMilli(inodes ? u.perContainerLogsInodesUsed : u.perContainerLogsUsedBytes);
  if (fsStats.includes('localVolumes')) total += volumes * quantityMilli(inodes ? u.perLocalVolumeInodesUsed : u.perLocalVolumeUsedBytes);
  return total;
}

function withStats(f: (a: RankedPod & { usage: PodUsage }, b: RankedPod & { usage: PodUsage }) => number): Cmp {
  return (a, b) => {
    // Prioritise evicting the pod for which no stats were found.
    if (!a.usage || !b.usage) return cmpBool(!a.usage, !b.usage);
    return f(a as RankedPod & { usage: PodUsage }, b as RankedPod & { usage: PodUsage });
  };
}

const memUsage = (p: RankedPod & { usage: PodUsage }) => quantityMilli(p.usage.memoryWorkingSetBytes);

export function comparatorFn(c: Comparator): Cmp {
  switch (c.kind) {
    case 'exceedMemoryRequests':
      return withStats((a, b) => cmpBool(memUsage(a) > podRequestMilli(a.pod, 'memory'), memUsage(b) > podRequestMilli(b.pod, 'memory')));
    case 'priority':
      return (a, b) => {
        const pa = a.pod.spec.priority ?? 0;
        const pb = b.pod.spec.priority ?? 0;
        return pa === pb ? 0 : pa > pb ? 1 : -1;
      };
    case 'memory':
      // Larger consumption above the request first.
      return withStats((a, b) => cmpBig(memUsage(b) - podRequestMilli(b.pod, 'memory'), memUsage(a) - podRequestMilli(a.pod, 'memory')));
    case 'process':
      return withStats((a, b) => (b.usage.processCount ?? 0) - (a.usage.processCount ?? 0));
    case 'exceedDiskRequests':
      return withStats((a, b) =>
        cmpBool(
          podDiskUsageMilli(a, c.resource, c.fsStats) > podRequestMilli(a.pod, 'ephemeral-storage'),
          podDiskUsageMilli(b, c.resource, c.fsStats) > podRequestMilli(b.pod, 'ephemeral-storage'),
        ),
      );
    case 'disk':
      // Upstream subtracts the ephemeral-storage request even from inode counts (a quirk kept here).
      return withStats((a, b) =>
        cmpBig(
          podDiskUsageMilli(b, c.resource, c.fsStats) - podRequestMilli(b.pod, 'ephemeral-storage'),
          podDiskUsageMilli(a, c.resource, c.fsStats) - podRequestMilli(a.pod, 'ephemeral-storage'),
        ),
      );
  }
}

/** orderedBy(...).Sort: the first comparator that decides wins. Stable for full ties (upstream is not). */
export function rankForEviction(pods: readonly RankedPod[], comparators: readonly Comparator[]): RankedPod[] {
  const fns = comparators.map(comparatorFn);
  return [...pods].sort((a, b) => {
    for (const f of fns) {
      const r = f(a, b);
      if (r !== 0) return r;
    }
    return 0;
  });
}

const ALL_FS: FsStatsType[] = ['rootfs', 'logs', 'localVolumes'];

/** The rank functions the eviction manager picks per signal (signalToRankFunc). */
export const RANK_FUNCTIONS = {
  'memory.available': [{ kind: 'exceedMemoryRequests' }, { kind: 'priority' }, { kind: 'memory' }],
  'allocatableMemory.available': [{ kind: 'exceedMemoryRequests' }, { kind: 'priority' }, { kind: 'memory' }],
  'pid.available': [{ kind: 'priority' }, { kind: 'process' }],
  'nodefs.available': [
    { kind: 'exceedDiskRequests', resource: 'ephemeral-storage', fsStats: ALL_FS },
    { kind: 'priority' },
    { kind: 'disk', resource: 'ephemeral-storage', fsStats: ALL_FS },
  ],
  'nodefs.inodesFree': [
    { kind: 'exceedDiskRequests', resource: 'inodes', fsStats: ALL_FS },
    { kind: 'priority' },
    { kind: 'disk', resource: 'inodes', fsStats: ALL_FS },
  ],
} satisfies Record<string, Comparator[]>;

export type EvictionSignal = keyof typeof RANK_FUNCTIONS;

/**
 * Reads a comparator as the vectors and the CLI write it: `priority`, `memory`,
 * `exceedDiskRequests(ephemeral-storage; rootfs+logs+localVolumes)`, `disk(inodes)`, or a rank
 * function name (`rankMemoryPressure`, `rankPIDPressure`, `rankDiskPressure(inodes)`). null if unknown.
 */
export function parseComparators(text: string): Comparator[] | null {
  const m = /^\s*([A-Za-z]+)\s*(?:\(([^)]*)\))?\s*$/.exec(text);
  if (!m) return null;
  const [, name = '', argText] = m;
  const args = (argText ?? '').split(';').map((s) => s.trim()).filter(Boolean);
  let resource: DiskResource = 'ephemeral-storage';
  let fsStats: FsStatsType[] = ALL_FS;
  for (const a of args) {
    if (a === 'inodes' || a === 'ephemeral-storage') resource = a;
    else {
      const parts = a.split('+').map((s) => s.trim());
      if (!parts.every((p): p is FsStatsType => p === 'rootfs' || p === 'logs' || p === 'localVolumes')) return null;
      fsStats = parts as FsStatsType[];
    }
  }
  switch (name) {
    case 'exceedMemoryRequests':
    case 'priority':
    case 'memory':
    case 'process':
      return [{ kind: name }];
    case 'exceedDiskRequests':
    case 'disk':
      return [{ kind: name, resource, fsStats }];
    case 'rankMemoryPressure':
      return RANK_FUNCTIONS['memory.available'];
    case 'rankPIDPressure':
      return RANK_FUNCTIONS['pid.available'];
    case 'rankDiskPressure':
    case 'rankDiskPressureFunc':
      return [{ kind: 'exceedDiskRequests', resource, fsStats }, { kind: 'priority' }, { kind: 'disk', resource, fsStats }];
    default:
      return null;
  }
}
