// Pipeline step 6: kube-scheduler's default profile, the parts a lab cluster exercises
// (pkg/scheduler/schedule_one.go schedulePod/findNodesThatFitPod/numFeasibleNodesToFind,
// framework/plugins: NodeUnschedulable, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit
// filters; NodeResourcesFit LeastAllocated and NodeResourcesBalancedAllocation scores;
// framework/types.go FitError.Error for the FailedScheduling message; DefaultPreemption's
// PostFilter message; PodTopologySpread scoring with the system default constraint on
// kubernetes.io/hostname, maxSkew 3, ScheduleAnyway, so replicas spread over nodes).
// Not modelled: the zone default constraint, InterPodAffinity, volumes, preemption
// itself (all lab Pods share one priority, so there are never victims). Ties between equally
// scored nodes go to the first by name (upstream picks one at random).
import type { KubeObject } from '../objects.ts';
import { nodeAllocatable } from '../nodes.ts';
import { matchesNodeSelectorAndAffinity, preFilterNodeNames } from './nodeAffinity.ts';
import { podRequests, type Requests } from './podRequests.ts';
import { findUntoleratedTaint, formatTaint, type Taint, type Toleration } from './taints.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are untyped JSON here

interface NodeInfo {
  readonly node: KubeObject;
  readonly name: string;
  readonly allocatable: ReturnType<typeof nodeAllocatable>;
  requested: Requests;
  nonZeroRequested: Requests;
  pods: number;
  readonly hostPorts: Set<string>;
  /** Pods per controller (ownerReference uid): the "matching pods" of the default spread constraint. */
  readonly byOwner: Map<string, number>;
}

/** A filter verdict: the reasons, and whether preemption could help (Unschedulable) or not (UnschedulableAndUnresolvable). */
interface Rejection {
  readonly reasons: string[];
  readonly resolvable: boolean;
}

export type ScheduleResult = { readonly nodeName: string } | { readonly nodeName?: undefined; readonly message: string };

const MAX_NODE_SCORE = 100;
/** Plugin weights in the default profile: PodTopologySpread 2 (the resource scores are weight 1). */
const SPREAD_WEIGHT = 2;
/** pkg/scheduler/framework/plugins/podtopologyspread systemDefaultConstraints: hostname, maxSkew 3. */
const DEFAULT_SPREAD_MAX_SKEW = 3;
const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

function hostPortsOf(pod: KubeObject): string[] {
  const out: string[] = [];
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.hostPort) out.push(`${p.hostIP ?? '0.0.0.0'}/${p.protocol ?? 'TCP'}/${p.hostPort}`);
  return out;
}

export class Scheduler {
  private readonly nodes: NodeInfo[];
  private readonly byName = new Map<string, NodeInfo>();
  private nextStartNodeIndex = 0;

  constructor(nodes: readonly KubeObject[]) {
    this.nodes = nodes.map((node) => ({
      node, name: node.metadata.name, allocatable: nodeAllocatable(node),
      requested: { cpu: 0, memory: 0, other: {} }, nonZeroRequested: { cpu: 0, memory: 0, other: {} }, pods: 0, hostPorts: new Set<string>(), byOwner: new Map<string, number>(),
    }));
    for (const n of this.nodes) this.byName.set(n.name, n);
  }

  hasNode(name: string): boolean {
    return this.byName.has(name);
  }

  /** Accounts a Pod already bound to `nodeName` (spec.nodeName written by the user, or just scheduled). */
  assume(pod: KubeObject, nodeName: string): void {
    const ni = this.byName.get(nodeName);
    if (!ni) return;
    const r = podRequests(pod);
    const nz = podRequests(pod, true);
    ni.requested = { cpu: ni.requested.cpu + r.cpu, memory: ni.requested.memory + r.memory, other: addOther(ni.requested.other, r.other) };
    ni.nonZeroRequested = { cpu: ni.nonZeroRequested.cpu + nz.cpu, memory: ni.nonZeroRequested.memory + nz.memory, other: {} };
    ni.pods++;
    for (const hp of hostPortsOf(pod)) ni.hostPorts.add(hp);
    const owner = ownerOf(pod);
    if (owner) ni.byOwner.set(owner, (ni.byOwner.get(owner) ?? 0) + 1);
  }

  /**
   * The kubelet's admission check for a Pod bound without the scheduler (lifecycle/predicate.go):
   * returns the rejection reason (`OutOfcpu`, …) and message, or null when it fits.
   */
  admit(pod: KubeObject, nodeName: string): { reason: string; message: string } | null {
    const ni = this.byName.get(nodeName);
    if (!ni) return null;
    const r = podRequests(pod);
    for (const [res, want, used, cap] of [['cpu', r.cpu, ni.requested.cpu, ni.allocatable.cpu], ['memory', r.memory, ni.requested.memory, ni.allocatable.memory]] as const) {
      if (want > 0 && want > cap - used) {
        return { reason: `OutOf${res}`, message: `Pod was rejected: Node didn't have enough resource: ${res}, requested: ${want}, used: ${used}, capacity: ${cap}` };
      }
    }
    return null;
  }

  private filter(pod: KubeObject, ni: NodeInfo, preFilter: Set<string> | undefined, r: Requests): Rejection | null {
    const spec: Obj = pod.spec ?? {};
    const tolerations: Toleration[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
    const taints: Taint[] = Array.isArray(ni.node.spec?.taints) ? ni.node.spec.taints : [];
    if (preFilter && !preFilter.has(ni.name)) return { reasons: ['node is filtered out by the prefilter result'], resolvable: false };
    // NodeUnschedulable: spec.unschedulable unless the Pod tolerates node.kubernetes.io/unschedulable:NoSchedule.
    if (ni.node.spec?.unschedulable && !tolerations.some((t) => (t.key === 'node.kubernetes.io/unschedulable' || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoSchedule'))) {
      return { reasons: ['node(s) were unschedulable'], resolvable: false };
    }
    // TaintToleration: only NoSchedule and NoExecute taints filter (DoNotScheduleTaintsFilterFunc).
    const taint = findUntoleratedTaint(taints, tolerations, ['NoSchedule', 'NoExecute']);
    if (taint) return { reasons: [`node(s) had untolerated taint ${formatTaint(taint)}`], resolvable: false };
    if (!matchesNodeSelectorAndAffinity(pod, ni.node)) return { reasons: ["node(s) didn't match Pod's node affinity/selector"], resolvable: false };
    if (hostPortsOf(pod).some((hp) => ni.hostPorts.has(hp))) return { reasons: ["node(s) didn't have free ports for the requested pod ports"], resolvable: true };
    // NodeResourcesFit fitsRequest: pod count first, then each requested resource.
    const reasons: string[] = [];
    if (ni.pods + 1 > ni.allocatable.pods) reasons.push('Too many pods');
    if (r.cpu > 0 && r.cpu > ni.allocatable.cpu - ni.requested.cpu) reasons.push('Insufficient cpu');
    if (r.memory > 0 && r.memory > ni.allocatable.memory - ni.requested.memory) reasons.push('Insufficient memory');
    for (const [k, v] of Object.entries(r.other)) {
      if (v > 0 && v > (ni.allocatable.other[k] ?? 0) - (ni.requested.other[k] ?? 0)) reasons.push(`Insufficient ${k}`);
    }
    return reasons.length ? { reasons, resolvable: true } : null;
  }

  /** LeastAllocated + BalancedAllocation over cpu and memory, each weight 1. */
  private score(nz: Requests, ni: NodeInfo): number {
    const req = [ni.nonZeroRequested.cpu + nz.cpu, ni.nonZeroRequested.memory + nz.memory];
    const alloc = [ni.allocatable.cpu, ni.allocatable.memory];
    let least = 0;
    let weights = 0;
    const fractions: number[] = [];
    req.forEach((r, i) => {
      const cap = alloc[i]!;
      if (cap === 0) return;
      least += r > cap ? 0 : Math.floor(((cap - r) * MAX_NODE_SCORE) / cap);
      weights++;
      fractions.push(Math.min(1, r / cap));
    });
    const leastScore = weights ? Math.floor(least / weights) : 0;
    const std = fractions.length === 2 ? Math.abs((fractions[0]! - fractions[1]!) / 2) : 0;
    return leastScore + Math.trunc((1 - std) * MAX_NODE_SCORE);
  }

  /**
   * PodTopologySpread Score + NormalizeScore for the system default hostname constraint:
   * raw = round(count × ln(nodes + 2) + maxSkew − 1), then 100 × (max + min − raw) / max.
   */
  private spreadScores(pod: KubeObject, feasible: readonly NodeInfo[]): number[] {
    const owner = ownerOf(pod);
    if (!owner) return feasible.map(() => 0);
    const weight = Math.log(this.nodes.length + 2);
    const raw = feasible.map((ni) => Math.round((ni.byOwner.get(owner) ?? 0) * weight + (DEFAULT_SPREAD_MAX_SKEW - 1)));
    const max = Math.max(...raw);
    const min = Math.min(...raw);
    return raw.map((r) => (max === 0 ? MAX_NODE_SCORE : Math.floor((MAX_NODE_SCORE * (max + min - r)) / max)));
  }

  /** numFeasibleNodesToFind with the adaptive percentageOfNodesToScore (50% − nodes/125, at least 5%, at least 100 nodes). */
  private numFeasibleNodesToFind(): number {
    const n = this.nodes.length;
    if (n < MIN_FEASIBLE_NODES_TO_FIND) return n;
    const percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.floor(n / 125));
    return Math.max(MIN_FEASIBLE_NODES_TO_FIND, Math.floor((n * percentage) / 100));
  }

  /** Schedules one Pod: the chosen node (and accounts it), or the FitError message. */
  schedule(pod: KubeObject): ScheduleResult {
    const n = this.nodes.length;
    if (n === 0) return { message: 'no nodes available to schedule pods' };
    const preFilter = preFilterNodeNames(pod);
    const requests = podRequests(pod);
    const nonZero = podRequests(pod, true);
    const want = this.numFeasibleNodesToFind();
    const feasible: NodeInfo[] = [];
    const rejections: Rejection[] = [];
    let processed = 0;
    for (let i = 0; i < n && feasible.length < want; i++) {
      const ni = this.nodes[(this.nextStartNodeIndex + i) % n]!;
      processed++;
      const rej = this.filter(pod, ni, preFilter, requests);
      if (rej) rejections.push(rej);
      else feasible.push(ni);
    }
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % n;
    if (feasible.length === 0) return { message: fitErrorMessage(n, rejections, pod.spec?.preemptionPolicy === 'Never') };
    const spread = this.spreadScores(pod, feasible);
    let best = feasible[0]!;
    let bestScore = -1;
    for (const [i, ni] of feasible.entries()) {
      const s = this.score(nonZero, ni) + SPREAD_WEIGHT * (spread[i] ?? 0);
      if (s > bestScore || (s === bestScore && ni.name < best.name)) {
        best = ni;
        bestScore = s;
      }
    }
    this.assume(pod, best.name);
    return { nodeName: best.name };
  }
}

function ownerOf(pod: KubeObject): string | undefined {
  const ref = pod.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.uid ?? ref.name}` : undefined;
}

function addOther(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** "N reason" counts, sorted as strings (FitError.Error's sortReasonsHistogram). */
function histogram(reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, c]) => `${c} ${r}`).sort().join(', ');
}

/**
 * FitError.Error: `0/N nodes are available: <histogram>.` then DefaultPreemption's PostFilter
 * message: nodes whose rejection preemption cannot fix are "Preemption is not helpful for
 * scheduling"; the others have no lower-priority victims in the lab.
 */
export function fitErrorMessage(numAllNodes: number, rejections: readonly Rejection[], preemptionNever = false): string {
  let msg = `0/${numAllNodes} nodes are available`;
  const hist = histogram(rejections.flatMap((r) => r.reasons));
  msg += hist ? `: ${hist}.` : '.';
  if (preemptionNever) return `${msg} preemption: not eligible due to preemptionPolicy=Never.`;
  const post = histogram(rejections.map((r) => (r.resolvable ? 'No preemption victims found for incoming pod' : 'Preemption is not helpful for scheduling')));
  return `${msg} preemption: 0/${numAllNodes} nodes are available${post ? `: ${post}.` : '.'}`;
}
