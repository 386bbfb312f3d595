// The Pods tab's engine side: start/replay the simulation of the cluster's Pods (or a one-click
// scenario), send a user event to a Pod, advance the simulated clock, step back (replay to an
// earlier instant: the simulation is deterministic, so this restores that snapshot exactly), and
// the views of one Pod. The state lives in simulationState.ts so other handlers see the same time.
import { stringify } from 'yaml';
import type { ManifestFile } from '../../engine/cluster/buildCluster.ts';
import { printTable } from '../../engine/cluster/index.ts';
import type { ClusterSnapshot } from '../../engine/cluster/objects.ts';
import { containerMachine, describePod, podMachine, replay, SCENARIOS, SETTLE_MS, type PodSimulation, type ScriptStep } from '../../engine/pods/index.ts';
import { simulateCluster, simulationOptionsFor } from '../../engine/simulation/index.ts';
import { LAB_EPOCH_ISO } from '../../engine/shared/clock.ts';
import { activePaths, chartOf } from './podsChart.ts';
import type { PodDetail, PodsAction, PodsRequest, PodSummary, PodsView, TimelineEntry } from './podsTypes.ts';
import { clusterNow, filesKey, getSimulation, setSimulation, type SimulationState } from '../simulationState.ts';

const HISTORY_LIMIT = 500;
const LAB_EPOCH_MS = Date.parse(LAB_EPOCH_ISO);
const POD_CHART = chartOf(podMachine.root as never);
const CONTAINER_CHART = chartOf(containerMachine.root as never);

function clusterState(files: ManifestFile[], base: ClusterSnapshot, t: number): SimulationState {
  return { mode: 'cluster', filesKey: filesKey(files), base, scenarioId: null, options: simulationOptionsFor(base), pending: [], sim: simulateCluster(base, [], t), history: [], version: 0, cached: null };
}

function scenarioState(id: string): SimulationState {
  const make = SCENARIOS.find((f) => f().id === id);
  if (!make) throw new Error(`no scenario "${id}"; known: ${SCENARIOS.map((f) => f().id).join(', ')}`);
  const s = make();
  const sim = replay(s.options, [], 0);
  return { mode: 'scenario', filesKey: '', base: null, scenarioId: id, options: s.options, pending: [...s.script].sort((a, b) => a.at - b.at), sim, history: [], version: 0, cached: null };
}

/** Advances to `t`, firing the scenario's steps as the clock passes them. */
function advanceTo(state: SimulationState, t: number): void {
  while (state.pending.length > 0 && (state.pending[0] as ScriptStep).at <= t) {
    const step = state.pending.shift() as ScriptStep;
    state.sim.advanceTo(step.at);
    state.sim.send(step.pod, step.event);
  }
  state.sim.advanceTo(t);
}

function remember(state: SimulationState): void {
  state.history.push({ script: [...state.sim.script()], t: state.sim.now });
  if (state.history.length > HISTORY_LIMIT) state.history.shift();
}

function apply(state: SimulationState, action: PodsAction): void {
  if (action.op === 'send') {
    remember(state);
    state.sim.send(action.pod, action.event);
  } else if (action.op === 'advance') {
    if (!Number.isFinite(action.ms) || action.ms <= 0) throw new Error('advance: ms must be a positive number');
    remember(state);
    advanceTo(state, state.sim.now + action.ms);
  } else if (action.op === 'back') {
    const prev = state.history.pop();
    if (!prev) return;
    state.sim = replay(state.options, prev.script, prev.t);
    const scenario = state.scenarioId ? SCENARIOS.find((f) => f().id === state.scenarioId)?.() : undefined;
    state.pending = (scenario?.script ?? []).filter((s) => s.at > prev.t).sort((a, b) => a.at - b.at);
  }
  state.version++;
}

export function handlePods(built: (files: ManifestFile[]) => ClusterSnapshot, req: PodsRequest): PodsView {
  const a = req.action;
  let state = getSimulation();
  const key = filesKey(req.files);
  if (a.op === 'scenario') state = scenarioState(a.id);
  else if (a.op === 'settle' || (a.op === 'replay' && state?.mode !== 'scenario')) state = clusterState(req.files, built(req.files), a.op === 'replay' ? 0 : SETTLE_MS);
  else if (a.op === 'replay' && state?.scenarioId) state = scenarioState(state.scenarioId);
  else if (!state || (state.mode === 'cluster' && state.filesKey !== key)) state = clusterState(req.files, built(req.files), SETTLE_MS);
  setSimulation(state);
  if (a.op === 'send' || a.op === 'advance' || a.op === 'back') apply(state, a);
  return podsView(state, req.pod);
}

function timelineOf(sim: PodSimulation, podKey: string, status: Record<string, unknown> | undefined): TimelineEntry[] {
  const out: TimelineEntry[] = sim.eventsFor(podKey).map((e) => ({ atMs: e.firstMs, kind: 'event', type: e.type, text: `${e.reason}: ${e.message}`, ...(e.count > 1 ? { count: e.count } : {}) }));
  const conds = (status?.['conditions'] ?? []) as { type: string; status: string; lastTransitionTime?: string; reason?: string }[];
  for (const c of conds) {
    // Transition times are RFC 3339 on the lab clock (shared/clock.ts LAB_EPOCH_ISO + simulated ms).
    const at = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) - LAB_EPOCH_MS - (sim.options.startMs ?? 0) : 0;
    out.push({ atMs: Number.isNaN(at) ? 0 : at, kind: 'condition', type: c.status === 'True' ? 'Normal' : 'Warning', text: `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}` });
  }
  if (typeof status?.['phase'] === 'string') out.push({ atMs: sim.now - (sim.options.startMs ?? 0), kind: 'phase', type: 'Normal', text: `phase ${status['phase'] as string}` });
  return out.sort((x, y) => x.atMs - y.atMs);
}

/**
 * In a node-down region's `tainted` state the taint-eviction controller deletes the Pod when its
 * toleration runs out (pkg/controller/tainteviction/taint_eviction.go: processPodOnNode schedules
 * the deletion at the taint's TimeAdded + tolerationSeconds).
 */
function taintCountdown(c: { taintedAtMs: number | null; notReadyTolerationMs: number; unreachableTolerationMs: number }, active: readonly string[], now: number): PodDetail['taintCountdown'] {
  if (c.taintedAtMs === null) return null;
  const which = active.includes('node.Unreachable.tainted') ? 'unreachable' : active.includes('node.NotReady.tainted') ? 'not-ready' : null;
  if (!which) return null;
  const ms = which === 'unreachable' ? c.unreachableTolerationMs : c.notReadyTolerationMs;
  if (!Number.isFinite(ms)) return null;
  return { taint: `node.kubernetes.io/${which}:NoExecute`, tolerationSeconds: ms / 1000, remainingSeconds: Math.max(0, Math.ceil((c.taintedAtMs + ms - now) / 1000)) };
}

export function podsView(state: SimulationState, podKey?: string): PodsView {
  const sim = state.sim;
  const snap = sim.snapshot();
  const rows = snap.pods.filter((p) => p.row);
  const pods: PodSummary[] = snap.pods.map((p) => ({ key: p.key, ready: p.row?.ready ?? '', status: p.row?.status ?? 'Gone', restarts: p.row?.restarts ?? '', gone: !p.object }));
  const getPods = rows.length === 0 ? 'No resources found\n' : printTable(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], rows.map((p) => [p.key.split('/')[0] ?? '', p.row!.name, p.row!.ready, p.row!.status, p.row!.restarts, p.row!.age]));
  const chosen = snap.pods.find((p) => p.key === podKey) ?? snap.pods[0];
  let selected: PodDetail | null = null;
  if (chosen) {
    const idx = sim.podIndex(chosen.key);
    const rt = sim.pods[idx]!;
    const gone = !chosen.object;
    selected = {
      key: chosen.key,
      lifecycle: chosen.lifecycle,
      podChart: POD_CHART,
      podActive: activePaths(rt.pod$.value),
      containers: chosen.containers.map((c, i) => ({ ...c, active: activePaths(rt.containers[i]?.value) })),
      validEvents: gone ? [] : sim.validEvents(chosen.key),
      describe: chosen.object ? describePod(chosen.object, sim.eventsFor(chosen.key), sim.now) : `Error from server (NotFound): pods "${chosen.key.split('/')[1]}" not found\n`,
      statusYaml: chosen.object ? stringify({ status: chosen.object.status ?? {} }) : '',
      timeline: timelineOf(sim, chosen.key, chosen.object?.status as Record<string, unknown> | undefined),
      taintCountdown: gone ? null : taintCountdown(rt.pod$.context, activePaths(rt.pod$.value), sim.now),
    };
  }
  const scenario = state.scenarioId ? SCENARIOS.map((f) => f()).find((s) => s.id === state.scenarioId) : undefined;
  return {
    mode: state.mode,
    scenario: scenario ? { id: scenario.id, title: scenario.title, description: scenario.description, durationMs: scenario.durationMs } : null,
    scenarios: SCENARIOS.map((f) => f()).map((s) => ({ id: s.id, title: s.title, description: s.description })),
    nowMs: sim.now - (sim.options.startMs ?? 0),
    canBack: state.history.length > 0,
    pods,
    getPods,
    evictions: sim.events.all.filter((e) => e.reason === 'Evicted').map((e) => ({ atMs: e.firstMs - (sim.options.startMs ?? 0), pod: e.podKey, message: e.message })),
    selected,
    containerChart: CONTAINER_CHART,
    snapshot: clusterNow(state),
  };
}

export type { PodsAction, PodsRequest, PodsView } from './podsTypes.ts';
