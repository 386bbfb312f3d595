// The cluster pipeline (DESIGN.md): parse → validate/admit → default → allocate (ClusterIPs,
// NodePorts, node podCIDRs) → controllers (Deployment → ReplicaSet → Pods, DaemonSet,
// StatefulSet) → scheduler → Pod IPs and status (pluggable `settlePod`) → workload status →
// EndpointSlice controller. Pure and deterministic: same files and options, same snapshot.
import type { Diagnostic } from '../shared/diagnostics.ts';
import { formatCIDR, inCIDR, nthAddress, parseCIDR, type ParsedCIDR } from '../shared/ip.ts';
import { admitObjects, applyDefaults, type Candidate } from './admitObjects.ts';
import { ClusterState, type Entry } from './clusterState.ts';
import { runDaemonSetController } from './controllers/daemonSet.ts';
import { runDeploymentController } from './controllers/deployment.ts';
import { runReplicaSetController } from './controllers/replicaSet.ts';
import { runStatefulSetController } from './controllers/statefulSet.ts';
import { reconcileService } from './endpointSliceController.ts';
import { NodeCIDRAllocator, NodePortAllocator, ServiceIPAllocator } from './ipam.ts';
import { resourceName } from './kinds.ts';
import { DEFAULT_CLUSTER_CIDR } from './labConfig.ts';
import { completeNode, CONTROL_PLANE_LABEL, defaultNodes, nodeInternalIP } from './nodes.ts';
import { objectKey, type ClusterSnapshot, type KubeObject } from './objects.ts';
import { parseManifests, type ManifestFile } from './parseManifests.ts';
import { bindPods } from './bindPods.ts';
import { PodIndex } from './podIndex.ts';
import { settledPodStatus, type SettlePod } from './settlePod.ts';
import { allocateServices } from './serviceAllocation.ts';
import * as system from './systemObjects.ts';
import { Reporter } from './validation/reporter.ts';
import { writeWorkloadStatuses } from './workloadStatus.ts';

export type { ManifestFile };

export interface BuildOptions {
  /** The bound-Pod status step (default: settled, Running and Ready). The Pod-lifecycle engine passes the kubelet's. */
  readonly settlePod?: SettlePod;
  /** Seed for generated name suffixes (default 1). */
  readonly seed?: number;
  /** Simulated time of the build, ms since the lab epoch (default 0): creationTimestamp of everything. */
  readonly now?: number;
  /** Add kubeadm's objects (kubernetes and kube-dns Services, CoreDNS) when the user did not write them (default true). */
  readonly systemObjects?: boolean;
  /** Add the default two Nodes when the user wrote none (default true). */
  readonly defaultNodes?: boolean;
  /** kube-controller-manager --max-endpoints-per-slice (default 100). */
  readonly maxEndpointsPerSlice?: number;
}

/** A lab-made object goes through the same API defaulting as the user's. */
function systemCandidate(object: KubeObject): Candidate {
  applyDefaults(object, ['IPv4']);
  return { object, reporter: new Reporter(object, undefined) };
}

/** Node IPs and podCIDRs for the Nodes that lack them: 192.168.49.2, .3, …; consecutive /24s of the cluster CIDR. */
function completeNodes(nodes: Candidate[], clusterCIDR: ParsedCIDR, state: ClusterState, kubelet: Parameters<typeof completeNode>[3]): void {
  const cidrs = new NodeCIDRAllocator(clusterCIDR);
  const usedIPs = new Set<string>();
  for (const n of nodes) {
    if (n.object.spec?.podCIDR) cidrs.reserve(n.object.spec.podCIDR);
    const ip = nodeInternalIP(n.object);
    if (ip) usedIPs.add(ip);
  }
  let next = 2;
  for (const n of nodes) {
    let ip = nodeInternalIP(n.object);
    if (!ip) {
      while (usedIPs.has(`192.168.49.${next}`)) next++;
      ip = `192.168.49.${next++}`;
      usedIPs.add(ip);
    }
    const podCIDR = n.object.spec?.podCIDR ? undefined : cidrs.allocateNext() ?? undefined;
    completeNode(n.object, ip, podCIDR, kubelet, state.timestamp);
  }
}

export function buildCluster(files: readonly ManifestFile[], options: BuildOptions = {}): ClusterSnapshot {
  const state = new ClusterState(options.seed ?? 1, options.now ?? 0);
  const parsed = parseManifests(files);
  const admitted = admitObjects(parsed.objects);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics, ...admitted.diagnostics];
  const { kubeProxyConfig, kubeletConfig, serviceCIDRs } = admitted;
  const clusterCIDR = parseCIDR(kubeProxyConfig.clusterCIDR) ?? parseCIDR(DEFAULT_CLUSTER_CIDR)!;
  const serviceRanges = serviceCIDRs.map((c) => parseCIDR(c)!);

  // Which objects the user wrote decides which defaults the lab adds.
  const user = admitted.candidates;
  const userKeys = new Set(user.map((c) => objectKey(c.object)));
  let nodes = user.filter((c) => c.object.kind === 'Node');
  const withSystem = options.systemObjects !== false;
  const extra: Candidate[] = [];
  const addSystem = (o: KubeObject) => {
    if (!userKeys.has(objectKey(o))) extra.push(systemCandidate(o));
  };
  const namespaces = new Set([...system.SYSTEM_NAMESPACES, ...user.map((c) => c.object.metadata.namespace).filter((n): n is string => !!n)]);
  for (const ns of namespaces) addSystem(system.namespaceObject(ns));
  if (nodes.length === 0 && options.defaultNodes !== false) {
    nodes = defaultNodes().map(systemCandidate);
    extra.push(...nodes);
  }
  completeNodes(nodes, clusterCIDR, state, kubeletConfig);
  if (withSystem) {
    addSystem(system.serviceCIDRObject(serviceCIDRs));
    const first = serviceRanges[0]!;
    const controlPlane = nodes.find((n) => n.object.metadata.labels?.[CONTROL_PLANE_LABEL] !== undefined) ?? nodes[0];
    addSystem(system.kubernetesService(nthAddress(first, 1n)));
    const cpIP = controlPlane && nodeInternalIP(controlPlane.object);
    if (cpIP && !userKeys.has('Service/default/kubernetes')) addSystem(system.kubernetesEndpointSlice(cpIP));
    // kubeadm puts kube-dns on the 10th address and points the kubelet's clusterDNS at it; a
    // KubeletConfiguration that names another in-range address moves the Service with it.
    const dnsIP = kubeletConfig.clusterDNS.find((ip) => serviceRanges.some((r) => inCIDR(formatCIDR(r), ip))) ?? nthAddress(first, 10n);
    addSystem(system.kubeDNSService(dnsIP));
    addSystem(system.corednsConfigMap(kubeletConfig.clusterDomain));
    addSystem(system.corednsDeployment());
  }
  const all = [...extra, ...user];

  // Allocation: ClusterIPs and NodePorts (a Service that cannot get what it asked for is rejected).
  const services = all.filter((c) => c.object.kind === 'Service').map((c) => ({ spec: c.object.spec, reporter: c.reporter, c }));
  const rejected = allocateServices(services, new ServiceIPAllocator(serviceRanges), new NodePortAllocator());
  const rejectedCandidates = new Set(services.filter((s) => rejected.has(s)).map((s) => s.c));
  for (const s of services) if (rejected.has(s)) diagnostics.push(...s.reporter.diagnostics.filter((d) => !diagnostics.includes(d)));

  for (const c of all) {
    if (rejectedCandidates.has(c)) continue;
    if (!state.create(c.object, c.source)) {
      const o = c.object;
      c.reporter.report('error', 'metadata.name', `${resourceName(o.kind)} "${o.metadata.name}" already exists`);
      diagnostics.push(c.reporter.diagnostics[c.reporter.diagnostics.length - 1]!);
    }
  }

  // Controllers: Deployment → ReplicaSet → Pods; DaemonSet and StatefulSet → Pods.
  for (const d of [...state.ofKind('Deployment')]) runDeploymentController(state, d);
  for (const rs of [...state.ofKind('ReplicaSet')]) runReplicaSetController(state, rs);
  const nodeObjects = state.ofKind('Node').map((e) => e.object);
  for (const ds of [...state.ofKind('DaemonSet')]) {
    const desired = runDaemonSetController(state, ds, nodeObjects);
    ds.object.status = { desiredNumberScheduled: desired };
  }
  for (const sts of [...state.ofKind('StatefulSet')]) runStatefulSetController(state, sts);

  // Scheduling, Pod IPs, and each bound Pod's status.
  bindPods(state, nodeObjects, options.settlePod ?? settledPodStatus);
  writeWorkloadStatuses(state);

  // EndpointSlices for every Service with a selector.
  const index = new PodIndex();
  for (const p of state.ofKind('Pod')) index.add(p.object);
  const nodeMap = new Map(nodeObjects.map((n) => [n.metadata.name, n]));
  for (const svc of [...state.ofKind('Service')]) reconcileService(state, svc as Entry, { pods: index, nodes: nodeMap, maxEndpointsPerSlice: options.maxEndpointsPerSlice });

  return {
    objects: state.toObjects(),
    diagnostics: [...diagnostics, ...state.diagnostics],
    events: state.events,
    kubeProxyConfig,
    kubeletConfig,
    serviceCIDRs,
  };
}

