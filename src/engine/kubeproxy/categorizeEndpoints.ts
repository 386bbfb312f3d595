// pkg/proxy/topology.go CategorizeEndpoints, topologyModeFromHints, availableForTopology:
// which endpoints each traffic policy may use. Shared by every proxy mode.
import type { EndpointInfo, ServicePortInfo } from './types.ts';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

export interface CategorizedEndpoints {
  /** Endpoints for "Cluster" traffic policy; null when the port does not use cluster endpoints. */
  readonly clusterEndpoints: readonly EndpointInfo[] | null;
  /** Endpoints for "Local" traffic policy; null when the port does not use local endpoints. */
  readonly localEndpoints: readonly EndpointInfo[] | null;
  /** Every endpoint some rule may send traffic to (each gets a KUBE-SEP chain). */
  readonly allReachableEndpoints: readonly EndpointInfo[];
  /** True if any usable endpoint exists anywhere (false → REJECT). */
  readonly hasAnyEndpoints: boolean;
  /** The topology mode the hints selected: '', LABEL_HOSTNAME or LABEL_TOPOLOGY_ZONE. */
  readonly topologyMode: string;
}

export interface TopologyOptions {
  readonly nodeName: string;
  readonly zone?: string;
  /** The PreferSameTrafficDistribution gate (beta, on by default in v1.33+). */
  readonly preferSameTrafficDistribution?: boolean;
}

/** topologyModeFromHints: hints are used only if every ready endpoint has them and one is for us. */
export function topologyModeFromHints(endpoints: readonly EndpointInfo[], opts: TopologyOptions): string {
  let hasEndpointForNode = false;
  let allHaveNodeHints = true;
  let hasEndpointForZone = false;
  let allHaveZoneHints = true;
  for (const ep of endpoints) {
    if (!ep.ready) continue;
    if (ep.nodeHints.length === 0) allHaveNodeHints = false;
    else if (ep.nodeHints.includes(opts.nodeName)) hasEndpointForNode = true;
    if (ep.zoneHints.length === 0) allHaveZoneHints = false;
    else if (opts.zone !== undefined && ep.zoneHints.includes(opts.zone)) hasEndpointForZone = true;
  }
  if ((opts.preferSameTrafficDistribution ?? true) && allHaveNodeHints && hasEndpointForNode) return LABEL_HOSTNAME;
  if (allHaveZoneHints && hasEndpointForZone) return LABEL_TOPOLOGY_ZONE;
  return '';
}

function availableForTopology(ep: EndpointInfo, mode: string, opts: TopologyOptions): boolean {
  if (mode === '') return true;
  if (mode === LABEL_HOSTNAME) return ep.nodeHints.includes(opts.nodeName);
  if (mode === LABEL_TOPOLOGY_ZONE) return opts.zone !== undefined && ep.zoneHints.includes(opts.zone);
  return false;
}

const servingTerminating = (ep: EndpointInfo) => ep.serving && ep.terminating;
const byEndpoint = (a: EndpointInfo, b: EndpointInfo) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0);

/**
 * CategorizeEndpoints. The cluster set is the ready endpoints (topology-filtered), falling back
 * to serving+terminating ones; the local set is the local ready endpoints, falling back —
 * independently — to local serving+terminating ones.
 */
export function categorizeEndpoints(endpoints: readonly EndpointInfo[], svc: ServicePortInfo, opts: TopologyOptions): CategorizedEndpoints {
  let clusterEndpoints: EndpointInfo[] | null = null;
  let localEndpoints: EndpointInfo[] | null = null;
  let hasAnyEndpoints = false;
  let topologyMode = '';
  if (svc.usesClusterEndpoints) {
    topologyMode = topologyModeFromHints(endpoints, opts);
    clusterEndpoints = endpoints.filter((ep) => ep.ready && availableForTopology(ep, topologyMode, opts));
    // No ready endpoints anywhere (topology was already ignored if none matched): try terminating ones.
    if (clusterEndpoints.length === 0) clusterEndpoints = endpoints.filter(servingTerminating);
    if (clusterEndpoints.length > 0) hasAnyEndpoints = true;
  }
  if (!svc.usesLocalEndpoints) {
    return { clusterEndpoints, localEndpoints, allReachableEndpoints: clusterEndpoints ?? [], hasAnyEndpoints, topologyMode };
  }
  let hasLocalReady = false;
  let hasLocalServingTerminating = false;
  for (const ep of endpoints) {
    if (ep.ready) {
      hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalReady = true;
    } else if (servingTerminating(ep)) {
      hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalServingTerminating = true;
    }
  }
  let useServingTerminating = false;
  localEndpoints = [];
  if (hasLocalReady) localEndpoints = endpoints.filter((ep) => ep.isLocal && ep.ready);
  else if (hasLocalServingTerminating) {
    useServingTerminating = true;
    localEndpoints = endpoints.filter((ep) => ep.isLocal && servingTerminating(ep));
  }
  if (!svc.usesClusterEndpoints) {
    return { clusterEndpoints, localEndpoints, allReachableEndpoints: localEndpoints, hasAnyEndpoints, topologyMode };
  }
  if (topologyMode === '' && !useServingTerminating) {
    // clusterEndpoints holds every ready endpoint, so it contains every local ready one.
    return { clusterEndpoints, localEndpoints, allReachableEndpoints: clusterEndpoints ?? [], hasAnyEndpoints, topologyMode };
  }
  const merged = new Map<string, EndpointInfo>();
  for (const ep of clusterEndpoints ?? []) merged.set(ep.endpoint, ep);
  for (const ep of localEndpoints) merged.set(ep.endpoint, ep);
  // Upstream builds this from a map (random order); we sort so renderers are deterministic.
  return { clusterEndpoints, localEndpoints, allReachableEndpoints: [...merged.values()].sort(byEndpoint), hasAnyEndpoints, topologyMode };
}
