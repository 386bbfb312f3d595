// The Pods request and view shapes, and the request check parseRequest runs (kept apart from the
// handler so the page's protocol import does not pull the engine in).
import type { ManifestFile } from '../../engine/cluster/buildCluster.ts';
import type { ClusterSnapshot } from '../../engine/cluster/objects.ts';
import type { LabEvent } from '../../engine/pods/index.ts';
import type { ChartNode } from './podsChart.ts';

export type PodsAction =
  /** Open the tab: keep the running simulation of these files, else start one settled. */
  | { op: 'open' }
  /** Back to the editor's cluster, settled (Pods Running and Ready where they can be). */
  | { op: 'settle' }
  /** From creation: every Pod at t = 0. */
  | { op: 'replay' }
  | { op: 'scenario'; id: string }
  | { op: 'send'; pod: string; event: LabEvent }
  | { op: 'advance'; ms: number }
  | { op: 'back' };

export interface PodsRequest {
  readonly files: ManifestFile[];
  readonly action: PodsAction;
  /** `ns/name` of the Pod to show; default the first. */
  readonly pod?: string;
}

export interface PodSummary {
  readonly key: string;
  readonly ready: string;
  readonly status: string;
  readonly restarts: string;
  readonly gone: boolean;
}

export interface TimelineEntry {
  readonly atMs: number;
  readonly kind: 'event' | 'condition' | 'phase';
  readonly type: string;
  readonly text: string;
  readonly count?: number;
}

export interface PodDetail {
  readonly key: string;
  readonly lifecycle: string;
  readonly podChart: readonly ChartNode[];
  readonly podActive: readonly string[];
  readonly containers: readonly { name: string; kind: string; state: string; active: readonly string[] }[];
  readonly validEvents: readonly LabEvent[];
  readonly describe: string;
  readonly statusYaml: string;
  readonly timeline: readonly TimelineEntry[];
  /** The node's NoExecute taint this Pod tolerates for a while: how long until the taint-eviction controller deletes it. */
  readonly taintCountdown: { readonly taint: string; readonly tolerationSeconds: number; readonly remainingSeconds: number } | null;
}

export interface PodsView {
  readonly mode: 'cluster' | 'scenario';
  readonly scenario: { id: string; title: string; description: string; durationMs: number } | null;
  readonly scenarios: readonly { id: string; title: string; description: string }[];
  /** Simulated ms since the Pods' creation. */
  readonly nowMs: number;
  readonly canBack: boolean;
  readonly pods: readonly PodSummary[];
  readonly getPods: string;
  /** Every eviction so far, in order, with the eviction manager's reason (memory pressure, emptyDir limits). */
  readonly evictions: readonly { atMs: number; pod: string; message: string }[];
  readonly selected: PodDetail | null;
  /** The container machine's state tree (the same for every container). */
  readonly containerChart: readonly ChartNode[];
  /** The cluster at nowMs (cluster mode), for the diagram and the analyze-based views. */
  readonly snapshot: ClusterSnapshot | null;
}


const OPS = ['open', 'settle', 'replay', 'scenario', 'send', 'advance', 'back'];

/** parseRequest's check of a `pods` request past the files: an error naming the field, or undefined. */
export function checkPodsRequest(r: Record<string, unknown>): string | undefined {
  const a = r['action'] as Record<string, unknown> | undefined;
  if (typeof a !== 'object' || a === null) return 'field action must be an object';
  if (!OPS.includes(a['op'] as string)) return `field action.op must be one of ${OPS.join(', ')}`;
  if (r['pod'] !== undefined && typeof r['pod'] !== 'string') return 'field pod must be a string';
  if (a['op'] === 'scenario' && typeof a['id'] !== 'string') return 'field action.id must be a string';
  if (a['op'] === 'advance' && (typeof a['ms'] !== 'number' || !(a['ms'] > 0))) return 'field action.ms must be a positive number';
  if (a['op'] === 'send') {
    if (typeof a['pod'] !== 'string') return 'field action.pod must be a string';
    const e = a['event'] as Record<string, unknown> | undefined;
    if (typeof e !== 'object' || e === null || typeof e['type'] !== 'string') return 'field action.event must be an object with a string type';
  }
  return undefined;
}
