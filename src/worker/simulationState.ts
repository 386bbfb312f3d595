// The worker's one simulation: which cluster (or scenario) it runs, its clock, and the way back.
// Other handlers read the cluster at the current simulated time through `snapshotAtCurrentTime`,
// so the Rules, Trace, DNS views and the diagram all see the same instant the Pods tab shows.
import type { ManifestFile } from '../engine/cluster/buildCluster.ts';
import type { ClusterSnapshot } from '../engine/cluster/objects.ts';
import type { PodSimulation, PodSimulationOptions, ScriptStep } from '../engine/pods/index.ts';
import { clusterAt } from '../engine/simulation/index.ts';

export interface SimulationState {
  /** 'cluster': the Pods of the editor's manifests; 'scenario': a one-click scenario's own Pods. */
  readonly mode: 'cluster' | 'scenario';
  /** The files the cluster was built from (cluster mode). */
  readonly filesKey: string;
  /** The built cluster at creation (cluster mode); null for a scenario. */
  readonly base: ClusterSnapshot | null;
  readonly scenarioId: string | null;
  readonly options: PodSimulationOptions;
  /** Scenario steps not yet applied (they fire as the clock passes them). */
  pending: ScriptStep[];
  sim: PodSimulation;
  /** Earlier instants (the user events so far and the time): `back` replays to the last one. */
  readonly history: { script: ScriptStep[]; t: number }[];
  /** Bumped on every change; keys the cached cluster snapshot. */
  version: number;
  cached: { version: number; snapshot: ClusterSnapshot } | null;
}

let current: SimulationState | null = null;

export const filesKey = (files: readonly ManifestFile[]): string => files.map((f) => `${f.name}\u0000${f.text}`).join('\u0001');

export function getSimulation(): SimulationState | null {
  return current;
}

export function setSimulation(s: SimulationState | null): void {
  current = s;
}

/** The cluster of `state` at its current simulated time (cached until the next change). */
export function clusterNow(state: SimulationState): ClusterSnapshot | null {
  if (!state.base) return null;
  if (state.cached?.version !== state.version) state.cached = { version: state.version, snapshot: clusterAt(state.base, state.sim.snapshot()) };
  return state.cached.snapshot;
}

/**
 * What analyze-based handlers should use: the cluster these files describe at the current
 * simulated time when the Pods tab is simulating these files, else `built` unchanged.
 * Call it as `snapshotAtCurrentTime(files, snapshotFor(cache, files))`.
 */
export function snapshotAtCurrentTime(files: readonly ManifestFile[], built: ClusterSnapshot): ClusterSnapshot {
  const s = current;
  if (!s || s.mode !== 'cluster' || s.filesKey !== filesKey(files)) return built;
  return clusterNow(s) ?? built;
}
