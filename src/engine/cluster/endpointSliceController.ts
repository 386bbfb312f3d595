// Pipeline step 8: the EndpointSlice controller (staging/src/k8s.io/endpointslice reconciler.go
// reconcileByAddressType, utils.go podToEndpoint/getEndpointPorts/getEndpointAddresses/
// getAddressTypesForService/newEndpointSlice/setEndpointSliceLabels, util/controller_utils.go
// ShouldPodBeInEndpoints/ShouldSetHostname; pkg/controller/endpointslice). For each Service with
// a selector (not ExternalName): the matching, non-terminal Pods that have an IP become endpoints,
// grouped by their resolved port set, at most maxEndpointsPerSlice (100) per slice, one set of
// slices per address family; a Service with no endpoints gets one empty placeholder slice.
import { ipFamilyOf } from '../shared/ip.ts';
import type { ClusterState, Entry } from './clusterState.ts';
import { controllerRef } from './clusterState.ts';
import { nameSuffix } from './hashing.ts';
import type { KubeObject } from './objects.ts';
import type { PodIndex } from './podIndex.ts';
import { freshName } from './controllers/podFromTemplate.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are untyped JSON here

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY_CONTROLLER = 'endpointslice-controller.k8s.io';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
/** kube-controller-manager --max-endpoints-per-slice default (endpointslice config v1alpha1 defaults.go). */
export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface EndpointPort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/** ShouldPodBeInEndpoints(pod, includeTerminating=true): not terminal and has an IP. */
export function shouldPodBeInEndpoints(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  return Boolean(pod.status?.podIP) || (Array.isArray(pod.status?.podIPs) && pod.status.podIPs.length > 0);
}

export function isPodReady(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');
}

/** findPort (pkg/api/v1/pod FindPort): a number as is; a name looked up in containers and sidecars by name and protocol. */
export function findPort(pod: KubeObject, svcPort: Obj): number | undefined {
  const tp = svcPort.targetPort ?? svcPort.port;
  if (typeof tp === 'number') return tp;
  if (typeof tp === 'string' && /^[0-9]+$/.test(tp)) return Number(tp);
  const protocol = svcPort.protocol ?? 'TCP';
  const containers: Obj[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c: Obj) => c.restartPolicy === 'Always')];
  for (const c of containers) {
    for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** getEndpointPorts: the Service ports this Pod serves, each resolved to its container port. */
export function getEndpointPorts(service: KubeObject, pod: KubeObject): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of service.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: EndpointPort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
    out.push(ep);
  }
  return out;
}

/** getAddressTypesForService: spec.ipFamilies, else the family of the clusterIP(s), else IPv4. */
export function getAddressTypesForService(service: KubeObject): ('IPv4' | 'IPv6')[] {
  const fams: string[] = service.spec?.ipFamilies ?? [];
  if (fams.length) return fams.filter((f): f is 'IPv4' | 'IPv6' => f === 'IPv4' || f === 'IPv6');
  const ips: string[] = service.spec?.clusterIPs ?? (service.spec?.clusterIP ? [service.spec.clusterIP] : []);
  const fromIPs = ips.map((ip) => ipFamilyOf(ip)).filter((f): f is 'IPv4' | 'IPv6' => f !== null);
  return fromIPs.length ? fromIPs : ['IPv4'];
}

function podIPsOf(pod: KubeObject): string[] {
  const list: string[] = (pod.status?.podIPs ?? []).map((p: Obj) => p.ip);
  return list.length ? list : pod.status?.podIP ? [pod.status.podIP] : [];
}

/** podToEndpoint: conditions from readiness and deletion, hostname, nodeName, zone, targetRef. */
export function podToEndpoint(pod: KubeObject, node: KubeObject | undefined, service: KubeObject, addresses: string[]): Obj {
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const ep: Obj = { addresses, conditions: { ready: publishNotReady || (serving && !terminating), serving, terminating } };
  // ShouldSetHostname: hostname set, subdomain = Service name, same namespace.
  if (pod.spec?.hostname && pod.spec?.subdomain === service.metadata.name && pod.metadata.namespace === service.metadata.namespace) ep.hostname = pod.spec.hostname;
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.['topology.kubernetes.io/zone'];
  if (zone) ep.zone = zone;
  ep.targetRef = { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid };
  return ep;
}

/** trafficdist.ReconcileHints: PreferClose/PreferSameZone hint each ready endpoint to its zone; PreferSameNode also to its node. */
function addHints(service: KubeObject, endpoints: Obj[]): void {
  const td = service.spec?.trafficDistribution;
  if (!td || service.metadata.annotations?.['service.kubernetes.io/topology-mode']) return;
  if (td !== 'PreferClose' && td !== 'PreferSameZone' && td !== 'PreferSameNode') return;
  for (const ep of endpoints) {
    if (!ep.conditions.ready || !ep.zone) continue;
    ep.hints = { forZones: [{ name: ep.zone }] };
    if (td === 'PreferSameNode' && ep.nodeName) ep.hints.forNodes = [{ name: ep.nodeName }];
  }
}

/** setEndpointSliceLabels: the Service's labels minus reserved keys, plus service-name, managed-by and headless. */
function sliceLabels(service: KubeObject): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.metadata.labels ?? {})) if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL) labels[k] = v;
  if (service.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  labels[SERVICE_NAME_LABEL] = service.metadata.name;
  labels[MANAGED_BY_LABEL] = MANAGED_BY_CONTROLLER;
  return labels;
}

export interface EndpointSliceInputs {
  readonly pods: PodIndex;
  readonly nodes: ReadonlyMap<string, KubeObject>;
  readonly maxEndpointsPerSlice?: number;
}

/** Runs the controller for one Service, creating its slices in `state`. Returns how many it made. */
export function reconcileService(state: ClusterState, svc: Entry, inputs: EndpointSliceInputs): number {
  const service = svc.object;
  if (service.spec?.selector === undefined || service.spec?.selector === null || service.spec?.type === 'ExternalName') return 0;
  const ns = service.metadata.namespace ?? 'default';
  const max = inputs.maxEndpointsPerSlice ?? MAX_ENDPOINTS_PER_SLICE;
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const pods = inputs.pods.select(ns, service.spec.selector).filter(shouldPodBeInEndpoints);
  let made = 0;
  for (const addressType of getAddressTypesForService(service)) {
    // Group endpoints by their resolved port set (upstream keys by a hash of the ports).
    const groups = new Map<string, { ports: EndpointPort[]; endpoints: Obj[] }>();
    for (const pod of pods) {
      const node = inputs.nodes.get(pod.spec?.nodeName);
      if (!node && !publishNotReady) continue;
      const addresses = podIPsOf(pod).filter((ip) => ipFamilyOf(ip) === addressType);
      if (addresses.length === 0) continue;
      const ports = getEndpointPorts(service, pod);
      const gk = JSON.stringify(ports);
      let g = groups.get(gk);
      if (!g) groups.set(gk, (g = { ports, endpoints: [] }));
      g.endpoints.push(podToEndpoint(pod, node, service, addresses));
    }
    const slices: { ports: EndpointPort[] | null; endpoints: Obj[] }[] = [];
    for (const g of groups.values()) {
      addHints(service, g.endpoints);
      for (let i = 0; i < g.endpoints.length; i += max) slices.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + max) });
    }
    // The placeholder: no ports (null), no endpoints, so consumers can tell "no endpoints" from "not synced".
    if (slices.length === 0) slices.push({ ports: null, endpoints: [] });
    for (const s of slices) {
      const name = freshName((n) => state.has(`EndpointSlice/${ns}/${n}`), `${service.metadata.name}-`, (attempt) => nameSuffix(state.seed, svc.key, addressType, made, attempt));
      const slice: KubeObject = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name, generateName: `${service.metadata.name}-`, namespace: ns, labels: sliceLabels(service), ownerReferences: [controllerRef(service)] },
        addressType,
        endpoints: s.endpoints,
        ports: s.ports,
      };
      if (state.create(slice, svc.source, svc.key)) made++;
    }
  }
  return made;
}
