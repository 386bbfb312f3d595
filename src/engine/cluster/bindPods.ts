// Pipeline step 7: every Pod gets a node and a status. Pods the user already bound
// (spec.nodeName) skip the scheduler and face the kubelet's admission; the rest are scheduled in
// creation order (the scheduling queue's FIFO among equal priorities). A bound Pod gets the next
// IP of its node's podCIDR (hostNetwork Pods share the node's IP) and then its status from
// `settlePod`. A Pod written with a status (e.g. pasted from `kubectl get -o yaml`) keeps it.
import type { ClusterState } from './clusterState.ts';
import { PodIPAllocator } from './ipam.ts';
import { nodeInternalIP } from './nodes.ts';
import type { KubeObject } from './objects.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { rejectedStatus, schedulingGatedStatus, unschedulableStatus, type SettlePod } from './settlePod.ts';
import { parseCIDR } from '../shared/ip.ts';

export function bindPods(state: ClusterState, nodes: readonly KubeObject[], settlePod: SettlePod): void {
  const scheduler = new Scheduler(nodes);
  const nodeByName = new Map(nodes.map((n) => [n.metadata.name, n]));
  const ipAllocators = new Map<string, PodIPAllocator>();
  const usedIPs = new Set<string>();
  const pods = state.ofKind('Pod');
  for (const p of pods) {
    if (p.object.status?.podIP) usedIPs.add(p.object.status.podIP);
  }
  const nextIP = (nodeName: string): string | undefined => {
    let alloc = ipAllocators.get(nodeName);
    if (!alloc) {
      const cidr = parseCIDR(nodeByName.get(nodeName)?.spec?.podCIDR ?? '');
      if (!cidr) return undefined;
      ipAllocators.set(nodeName, (alloc = new PodIPAllocator(cidr)));
    }
    for (let ip = alloc.allocateNext(); ip !== null; ip = alloc.allocateNext()) if (!usedIPs.has(ip)) return ip;
    return undefined;
  };

  // The user's pre-bound Pods are on their nodes before the scheduler places anything else.
  const toSettle: KubeObject[] = [];
  const systemFirst = [...pods.filter((p) => !p.source), ...pods.filter((p) => p.source)];
  const order = new Map(systemFirst.map((p, i) => [p.object, i]));
  for (const p of pods) {
    const pod = p.object;
    const nodeName: string | undefined = pod.spec?.nodeName;
    if (!nodeName) continue;
    if (pod.status?.phase) { scheduler.assume(pod, nodeName); continue; }
    if (!scheduler.hasNode(nodeName)) { pod.status = { phase: 'Pending', qosClass: unschedulableStatus(pod, '', state.timestamp).qosClass }; continue; }
    const refusal = scheduler.admit(pod, nodeName);
    const hostIPs = hostIPsOf(nodeByName.get(nodeName));
    if (refusal) {
      pod.status = rejectedStatus(pod, refusal.reason, refusal.message, hostIPs, state.timestamp);
      state.event('Warning', refusal.reason, p.key, 'kubelet', `Node didn't have enough resource: ${refusal.reason.slice('OutOf'.length)}`);
      continue;
    }
    scheduler.assume(pod, nodeName);
    toSettle.push(pod);
  }
  // Cluster add-ons (objects the lab made, not the user) were running before the user applied
  // anything, so they are scheduled first and get each node's first Pod IPs.
  for (const p of systemFirst) {
    const pod = p.object;
    if (pod.spec?.nodeName || pod.status?.phase) continue;
    if (Array.isArray(pod.spec?.schedulingGates) && pod.spec.schedulingGates.length > 0) {
      pod.status = schedulingGatedStatus(pod, state.timestamp);
      continue;
    }
    const res = scheduler.schedule(pod);
    if (res.nodeName === undefined) {
      pod.status = unschedulableStatus(pod, res.message, state.timestamp);
      state.event('Warning', 'FailedScheduling', p.key, 'default-scheduler', res.message);
      continue;
    }
    pod.spec.nodeName = res.nodeName;
    state.event('Normal', 'Scheduled', p.key, 'default-scheduler', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${res.nodeName}`);
    toSettle.push(pod);
  }
  toSettle.sort((a, b) => Number(order.get(a)) - Number(order.get(b)));
  for (const pod of toSettle) {
    const node = nodeByName.get(pod.spec.nodeName)!;
    const hostIPs = hostIPsOf(node);
    const ip = pod.spec.hostNetwork ? hostIPs[0] : nextIP(node.metadata.name);
    pod.status = settlePod(pod, { node, podIPs: ip ? [ip] : [], hostIPs, timestamp: state.timestamp });
  }
}

function hostIPsOf(node: KubeObject | undefined): string[] {
  const ip = node ? nodeInternalIP(node) : undefined;
  return ip ? [ip] : [];
}
