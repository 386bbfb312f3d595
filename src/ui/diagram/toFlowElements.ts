// Pure mapper: ClusterSnapshot → React Flow nodes and edges, before layout. Nodes are groups that
// hold their Pods (spec.nodeName); Services link to their endpoints as the EndpointSlice
// controller published them (discovery.k8s.io/v1 endpoints[].targetRef), or — before any slice
// exists for a Service — to the Pods its selector matches, as the controller would
// (pkg/controller/endpointslice reconciler: labels.SelectorFromSet(service.Spec.Selector)).
// Ingresses link to the Services their rules and defaultBackend name.
import type { ClusterSnapshot, KubeObject } from '../../engine/cluster/objects.ts';

export type PodPhaseView = 'Running' | 'Pending' | 'Succeeded' | 'Failed' | 'Unknown' | 'Terminating';

export interface GroupData { [k: string]: unknown; kind: 'Node' | 'Unscheduled'; name: string; podCount: number; ip?: string; ready?: boolean }
export interface PodData { [k: string]: unknown; name: string; namespace: string; phase: PodPhaseView; ip?: string; reason?: string; ready: boolean; generated: boolean }
export interface ServiceData { [k: string]: unknown; name: string; namespace: string; type: string; clusterIP?: string; ports: string; endpointCount: number }
export interface IngressData { [k: string]: unknown; name: string; namespace: string; hosts: string[] }

export type FlowNode =
  | { id: string; type: 'group'; data: GroupData; position: { x: number; y: number } }
  | { id: string; type: 'pod'; parentId: string; extent: 'parent'; data: PodData; position: { x: number; y: number }; width: number; height: number }
  | { id: string; type: 'service'; data: ServiceData; position: { x: number; y: number }; width: number; height: number }
  | { id: string; type: 'ingress'; data: IngressData; position: { x: number; y: number }; width: number; height: number };

export interface FlowEdge {
  id: string;
  source: string;
  target: string;
  type?: string;
  label?: string;
  data: { via: 'EndpointSlice' | 'selector' | 'Ingress'; ready: boolean };
}

export const POD_SIZE = { width: 232, height: 58 } as const;
export const SERVICE_SIZE = { width: 232, height: 66 } as const;
export const INGRESS_SIZE = { width: 196, height: 58 } as const;
export const UNSCHEDULED_GROUP = 'group/unscheduled';

const origin = { x: 0, y: 0 };

/** kubectl's STATUS column in one word: a Pod with deletionTimestamp is Terminating
 * (kubectl printers: printPod "Terminating" when DeletionTimestamp != nil). */
export function podPhase(o: KubeObject): PodPhaseView {
  if (o.metadata.deletionTimestamp) return 'Terminating';
  const p = o.status?.phase;
  return p === 'Running' || p === 'Succeeded' || p === 'Failed' || p === 'Unknown' ? p : 'Pending';
}

function podReady(o: KubeObject): boolean {
  const c = Array.isArray(o.status?.conditions) ? o.status.conditions : [];
  return c.some((x: { type?: string; status?: string }) => x?.type === 'Ready' && x.status === 'True');
}

function podReason(o: KubeObject): string | undefined {
  if (typeof o.status?.reason === 'string') return o.status.reason;
  for (const cs of Array.isArray(o.status?.containerStatuses) ? o.status.containerStatuses : []) {
    const r = cs?.state?.waiting?.reason ?? cs?.state?.terminated?.reason;
    if (typeof r === 'string') return r;
  }
  return undefined;
}

function ns(o: KubeObject): string {
  return o.metadata.namespace ?? 'default';
}

function servicePorts(o: KubeObject): string {
  const ports = Array.isArray(o.spec?.ports) ? o.spec.ports : [];
  return ports
    .map((p: { port?: unknown; nodePort?: unknown; protocol?: unknown }) =>
      `${String(p?.port ?? '?')}${p?.nodePort ? `:${String(p.nodePort)}` : ''}/${typeof p?.protocol === 'string' ? p.protocol : 'TCP'}`)
    .join(',');
}

function selectorMatches(selector: unknown, labels: Record<string, string> | undefined): boolean {
  if (!selector || typeof selector !== 'object') return false;
  const entries = Object.entries(selector as Record<string, unknown>);
  // A Service with no selector gets no endpoints from the controller (they are managed by hand).
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

/** EndpointSlice → its Service, by the kubernetes.io/service-name label (discovery/v1 LabelServiceName). */
function sliceService(o: KubeObject): string | undefined {
  return o.metadata.labels?.['kubernetes.io/service-name'];
}

interface SliceEndpoint { podKey: string; ready: boolean }

function sliceEndpoints(o: KubeObject): SliceEndpoint[] {
  const eps = Array.isArray(o.endpoints) ? (o.endpoints as { targetRef?: { kind?: string; name?: string; namespace?: string }; conditions?: { ready?: boolean } }[]) : [];
  return eps.flatMap((e) => {
    const t = e?.targetRef;
    if (t?.kind !== 'Pod' || !t.name) return [];
    // discovery/v1: a nil ready condition is interpreted as ready ("unknown state … should be interpreted as ready").
    return [{ podKey: `Pod/${t.namespace ?? ns(o)}/${t.name}`, ready: e.conditions?.ready !== false }];
  });
}

function ingressBackends(o: KubeObject): { service: string; label: string }[] {
  const out: { service: string; label: string }[] = [];
  const def = o.spec?.defaultBackend?.service?.name;
  if (typeof def === 'string') out.push({ service: def, label: '*' });
  for (const r of Array.isArray(o.spec?.rules) ? o.spec.rules : []) {
    for (const p of Array.isArray(r?.http?.paths) ? r.http.paths : []) {
      const name = p?.backend?.service?.name;
      if (typeof name === 'string') out.push({ service: name, label: `${typeof r?.host === 'string' ? r.host : '*'}${typeof p?.path === 'string' ? p.path : '/'}` });
    }
  }
  return out;
}

export function toFlowElements(snapshot: ClusterSnapshot): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const byKind = (k: string) => snapshot.objects.filter((o) => o.object.kind === k);
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  const pods = byKind('Pod');
  const nodeObjs = byKind('Node');
  const nodeNames = new Set(nodeObjs.map((n) => n.object.metadata.name));
  const podsOn = (group: string) => pods.filter((p) => (nodeNames.has(p.object.spec?.nodeName) ? `Node/${p.object.spec.nodeName}` : UNSCHEDULED_GROUP) === group);

  for (const n of nodeObjs) {
    const addrs = Array.isArray(n.object.status?.addresses) ? n.object.status.addresses : [];
    const ip = addrs.find((a: { type?: string }) => a?.type === 'InternalIP')?.address;
    const readyCond = (Array.isArray(n.object.status?.conditions) ? n.object.status.conditions : []).find((c: { type?: string }) => c?.type === 'Ready');
    nodes.push({
      id: n.key, type: 'group', position: origin,
      data: { kind: 'Node', name: n.object.metadata.name, podCount: podsOn(n.key).length, ...(typeof ip === 'string' ? { ip } : {}), ...(readyCond ? { ready: readyCond.status === 'True' } : {}) },
    });
  }
  const unscheduled = podsOn(UNSCHEDULED_GROUP);
  if (unscheduled.length) {
    nodes.push({ id: UNSCHEDULED_GROUP, type: 'group', position: origin, data: { kind: 'Unscheduled', name: '', podCount: unscheduled.length } });
  }
  const podKeys = new Set(pods.map((p) => p.key));
  for (const p of pods) {
    const o = p.object;
    const reason = podReason(o);
    nodes.push({
      id: p.key, type: 'pod', parentId: nodeNames.has(o.spec?.nodeName) ? `Node/${o.spec.nodeName}` : UNSCHEDULED_GROUP, extent: 'parent',
      position: origin, ...POD_SIZE,
      data: {
        name: o.metadata.name, namespace: ns(o), phase: podPhase(o), ready: podReady(o), generated: p.generatedBy !== undefined,
        ...(typeof o.status?.podIP === 'string' ? { ip: o.status.podIP } : {}), ...(reason ? { reason } : {}),
      },
    });
  }

  const slices = byKind('EndpointSlice');
  const services = byKind('Service');
  for (const s of services) {
    const o = s.object;
    const mine = slices.filter((sl) => ns(sl.object) === ns(o) && sliceService(sl.object) === o.metadata.name);
    let targets: SliceEndpoint[];
    let via: 'EndpointSlice' | 'selector';
    if (mine.length) {
      via = 'EndpointSlice';
      targets = mine.flatMap((sl) => sliceEndpoints(sl.object));
    } else {
      via = 'selector';
      targets = pods
        .filter((p) => ns(p.object) === ns(o) && selectorMatches(o.spec?.selector, p.object.metadata.labels))
        .map((p) => ({ podKey: p.key, ready: podReady(p.object) || !p.object.status }));
    }
    const seen = new Set<string>();
    targets = targets.filter((t) => podKeys.has(t.podKey) && !seen.has(t.podKey) && seen.add(t.podKey));
    nodes.push({
      id: s.key, type: 'service', position: origin, ...SERVICE_SIZE,
      data: {
        name: o.metadata.name, namespace: ns(o), type: typeof o.spec?.type === 'string' ? o.spec.type : 'ClusterIP',
        ...(typeof o.spec?.clusterIP === 'string' ? { clusterIP: o.spec.clusterIP } : {}),
        ports: servicePorts(o), endpointCount: targets.length,
      },
    });
    for (const t of targets) edges.push({ id: `${s.key}->${t.podKey}`, source: s.key, target: t.podKey, data: { via, ready: t.ready } });
  }

  const serviceKeys = new Set(services.map((s) => s.key));
  for (const i of byKind('Ingress')) {
    const o = i.object;
    const hosts = (Array.isArray(o.spec?.rules) ? o.spec.rules : []).map((r: { host?: unknown }) => r?.host).filter((h: unknown): h is string => typeof h === 'string');
    nodes.push({ id: i.key, type: 'ingress', position: origin, ...INGRESS_SIZE, data: { name: o.metadata.name, namespace: ns(o), hosts } });
    const labels = new Map<string, string[]>();
    for (const b of ingressBackends(o)) {
      const key = `Service/${ns(o)}/${b.service}`;
      if (serviceKeys.has(key)) labels.set(key, [...(labels.get(key) ?? []), b.label]);
    }
    for (const [key, ls] of labels) edges.push({ id: `${i.key}->${key}`, source: i.key, target: key, label: ls.join(' '), data: { via: 'Ingress', ready: true } });
  }
  return { nodes, edges };
}
