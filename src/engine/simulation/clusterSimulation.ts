// The one coupled timeline: the cluster's Pods run in the kubelet simulation (engine/pods), and
// the cluster snapshot at simulated time t carries their statuses with EndpointSlices recomputed
// by the cluster's own EndpointSlice controller. So readiness and termination move endpoints,
// which move kube-proxy's rules and the packet verdicts — as in a real cluster, where the
// endpointslice controller watches Pods (pkg/controller/endpointslice/endpointslice_controller.go
// onPodUpdate → syncService) and kube-proxy watches EndpointSlices.
import { ClusterState, type Entry } from '../cluster/clusterState.ts';
import { MANAGED_BY_CONTROLLER, MANAGED_BY_LABEL, reconcileService } from '../cluster/endpointSliceController.ts';
import { nodeInternalIP } from '../cluster/nodes.ts';
import type { ClusterObject, ClusterSnapshot, KubeObject } from '../cluster/objects.ts';
import { PodIndex } from '../cluster/podIndex.ts';
import { createPodSimulation, parseQuantityMilli, replay, SETTLE_MS, type PodSimulation, type PodSimulationOptions, type ScriptStep, type SimulationSnapshot } from '../pods/index.ts';
import type { Pod } from '../pods/types.ts';

export interface ClusterSimulationOptions {
  /** The seed the cluster was built with (slice names are derived from it); default 1 as buildCluster. */
  readonly seed?: number;
}

/** `ns/name` of a Pod object. */
export function podKeyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
}

/**
 * The simulation's input for a built cluster: every Pod as the apiserver stored it, bound where the
 * scheduler bound it, with the IPs IPAM gave it, but no kubelet status yet (the simulation is the
 * kubelet). Nodes come with their InternalIP.
 */
export function simulationOptionsFor(cluster: ClusterSnapshot, seed = 1, simulates: PodFilter = () => true): PodSimulationOptions {
  const pods: Pod[] = [];
  for (const { object } of cluster.objects) {
    if (object.kind !== 'Pod' || !simulates(object)) continue;
    const status = (object.status ?? {}) as Record<string, unknown>;
    const unschedulable = ((status['conditions'] ?? []) as { type: string; status: string }[]).filter((c) => c.type === 'PodScheduled' && c.status === 'False');
    pods.push({
      ...(object as unknown as Pod),
      status: {
        ...(typeof status['podIP'] === 'string' ? { podIP: status['podIP'] } : {}),
        ...(typeof status['hostIP'] === 'string' ? { hostIP: status['hostIP'] } : {}),
        ...(unschedulable.length > 0 ? { conditions: unschedulable } : {}),
      },
    } as Pod);
  }
  const nodes = cluster.objects.filter((o) => o.object.kind === 'Node').map((o) => ({ name: o.object.metadata.name, ...(nodeInternalIP(o.object) ? { ip: nodeInternalIP(o.object) as string } : {}) }));
  // The cluster's scheduler already placed every Pod it could (the rest stay Pending); it says whom
  // it bound (the `Scheduled` event), and the kubelet's eviction threshold is KubeletConfiguration's.
  const boundByScheduler = new Set((cluster.events ?? []).filter((e) => e.reason === 'Scheduled').map((e) => e.object.replace(/^Pod\//, '')));
  const threshold = cluster.kubeletConfig?.evictionHard['memory.available'];
  const milli = threshold ? parseQuantityMilli(threshold) : null;
  return { pods, nodes, seed, bindUnassigned: false, boundByScheduler, ...(milli !== null ? { evictionHardMemoryBytes: Number(milli / 1000n) } : {}) };
}

/**
 * Which of the cluster's Pods the kubelet simulation runs; the others keep the status they were
 * written with (clusterAt leaves a Pod with no simulated view as it is). Default: every Pod.
 */
export type PodFilter = (pod: KubeObject) => boolean;

/** A simulation of the cluster's Pods from creation, with `script` applied, at `t` ms. */
export function simulateCluster(cluster: ClusterSnapshot, script: readonly ScriptStep[] = [], t = SETTLE_MS, seed = 1, simulates?: PodFilter): PodSimulation {
  const options = simulationOptionsFor(cluster, seed, simulates);
  return script.length === 0 && t === 0 ? createPodSimulation(options) : replay(options, script, t);
}

function withSimulatedStatus(object: KubeObject, view: SimulationSnapshot['pods'][number] | undefined): KubeObject | null {
  if (!view) return object;
  const sim = view.object as unknown as KubeObject | null;
  if (!sim) return null; // The kubelet and the apiserver are done with it: gone.
  const metadata = { ...object.metadata };
  if (sim.metadata.deletionTimestamp) metadata.deletionTimestamp = sim.metadata.deletionTimestamp;
  const grace = (sim.metadata as Record<string, unknown>)['deletionGracePeriodSeconds'];
  if (grace !== undefined) (metadata as Record<string, unknown>)['deletionGracePeriodSeconds'] = grace;
  return { ...object, metadata, status: sim.status };
}

/**
 * The cluster at the simulation's current time: Pods carry the simulated status (a deleted Pod
 * whose containers all stopped is gone), and every Service's EndpointSlices are recomputed by the
 * same controller buildCluster runs (reconcileService), so names, ports and conditions
 * (ready/serving/terminating) follow exactly what the build would have produced for these Pods.
 */
export function clusterAt(cluster: ClusterSnapshot, sim: SimulationSnapshot, options: ClusterSimulationOptions = {}): ClusterSnapshot {
  const views = new Map(sim.pods.map((p) => [p.key, p]));
  const state = new ClusterState(options.seed ?? 1, 0);
  const index = new PodIndex();
  const nodes = new Map<string, KubeObject>();
  for (const o of cluster.objects) {
    const { object } = o;
    if (object.kind === 'EndpointSlice' && object.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_CONTROLLER) continue;
    let next: KubeObject | null = object;
    if (object.kind === 'Pod') {
      next = withSimulatedStatus(object, views.get(podKeyOf(object)));
      if (!next) continue;
      index.add(next);
    }
    if (object.kind === 'Node') nodes.set(object.metadata.name, object);
    state.create(next, o.source, o.generatedBy);
  }
  for (const svc of [...state.ofKind('Service')]) reconcileService(state, svc as Entry, { pods: index, nodes });
  return { ...cluster, objects: state.toObjects() as ClusterObject[] };
}
