// Nodes as a real kubelet registers and reports them (pkg/kubelet/kubelet_node_status.go
// initialNode, setNodeStatus: addresses, capacity/allocatable, conditions, nodeInfo), and the
// lab's default cluster when the user wrote no Node.
//
// The default cluster is minikube-like: `node-1` (192.168.49.2, control plane, NOT tainted, as
// minikube leaves it) and `node-2` (192.168.49.3), podCIDRs 10.244.0.0/24 and 10.244.1.0/24, so
// both nodes run workloads and a packet can be traced across nodes. Write Nodes (with the
// node-role.kubernetes.io/control-plane:NoSchedule taint, as kubeadm sets) to model kubeadm.
import type { KubeObject } from './objects.ts';
import type { KubeletConfiguration } from './labConfig.ts';
import { uidFor } from './hashing.ts';
import { intValue, parseQuantity } from './quantity.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are untyped JSON here

export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';

export function defaultNodes(): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { [CONTROL_PLANE_LABEL]: '' } }, spec: {}, status: { addresses: [{ type: 'InternalIP', address: '192.168.49.2' }] } },
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-2', labels: {} }, spec: {}, status: { addresses: [{ type: 'InternalIP', address: '192.168.49.3' }] } },
  ];
}

/** The node's InternalIP (what kube-proxy and the apiserver use as the node IP). */
export function nodeInternalIP(node: KubeObject): string | undefined {
  const addrs: Obj[] = Array.isArray(node.status?.addresses) ? node.status.addresses : [];
  return addrs.find((a) => a.type === 'InternalIP')?.address;
}

function condition(type: string, status: string, reason: string, message: string, at: string): Obj {
  return { type, status, lastHeartbeatTime: at, lastTransitionTime: at, reason, message };
}

const DEFAULT_CAPACITY = { cpu: '4', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8148692Ki', pods: '110' };

/** Subtracts kubelet's hard eviction threshold for memory from capacity, as allocatable does (no reservations). */
function allocatableFrom(capacity: Obj, kubelet: KubeletConfiguration): Obj {
  const out: Obj = { ...capacity };
  const mem = parseQuantity(capacity.memory);
  const threshold = parseQuantity(kubelet.evictionHard['memory.available']);
  if (mem !== null && threshold !== null && typeof capacity.memory === 'string') {
    out.memory = `${Math.max(0, Math.floor((mem - threshold) / 1024))}Ki`;
  }
  return out;
}

/**
 * Completes a Node the way the kubelet fills it on registration. Keeps whatever the user wrote;
 * `ip` and `podCIDR` are the lab's allocations for what is missing.
 */
export function completeNode(node: KubeObject, ip: string, podCIDR: string | undefined, kubelet: KubeletConfiguration, at: string): void {
  const name = node.metadata.name;
  const m = node.metadata;
  m.labels = { 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(m.labels ?? {}) };
  m.annotations = { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true', ...(m.annotations ?? {}) };
  const spec: Obj = (node.spec ??= {});
  if (podCIDR && !spec.podCIDR) spec.podCIDR = podCIDR;
  if (spec.podCIDR && !spec.podCIDRs) spec.podCIDRs = [spec.podCIDR];
  const status: Obj = (node.status ??= {});
  const addrs: Obj[] = Array.isArray(status.addresses) ? status.addresses : [];
  if (!addrs.some((a) => a.type === 'InternalIP')) addrs.unshift({ type: 'InternalIP', address: ip });
  if (!addrs.some((a) => a.type === 'Hostname')) addrs.push({ type: 'Hostname', address: name });
  status.addresses = addrs;
  status.capacity = { ...DEFAULT_CAPACITY, pods: String(kubelet.maxPods), ...(status.capacity ?? {}) };
  status.allocatable ??= allocatableFrom(status.capacity, kubelet);
  const conds: Obj[] = Array.isArray(status.conditions) ? status.conditions : [];
  const want = [
    condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', at),
    condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', at),
    condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', at),
    condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', at),
  ];
  status.conditions = want.map((w) => conds.find((c) => c.type === w.type) ?? w).concat(conds.filter((c) => !want.some((w) => w.type === c.type)));
  status.daemonEndpoints ??= { kubeletEndpoint: { Port: 10250 } };
  const id = uidFor(`machine/${name}`).replace(/-/g, '');
  status.nodeInfo = {
    architecture: 'amd64', bootID: uidFor(`boot/${name}`), containerRuntimeVersion: 'containerd://2.1.4', kernelVersion: '6.8.0-85-generic',
    kubeProxyVersion: '', kubeletVersion: 'v1.34.1', machineID: id, operatingSystem: 'linux', osImage: 'Ubuntu 24.04.3 LTS', systemUUID: uidFor(`system/${name}`),
    ...(status.nodeInfo ?? {}),
  };
}

export function isNodeReady(node: KubeObject): boolean {
  const conds: Obj[] = Array.isArray(node.status?.conditions) ? node.status.conditions : [];
  return conds.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** allocatable as numbers: cpu in millicores, memory in bytes, pods. */
export function nodeAllocatable(node: KubeObject): { cpu: number; memory: number; pods: number; other: Record<string, number> } {
  const a: Obj = node.status?.allocatable ?? {};
  const other: Record<string, number> = {};
  for (const [k, v] of Object.entries(a)) if (k !== 'cpu' && k !== 'memory' && k !== 'pods') other[k] = intValue(v);
  return { cpu: Math.round((parseQuantity(a.cpu) ?? 0) * 1000), memory: intValue(a.memory), pods: intValue(a.pods), other };
}
