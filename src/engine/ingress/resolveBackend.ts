// From an Ingress backend to the Pods that serve it: the Service, its port (by number or
// name), and the ready endpoints of its EndpointSlices for that port.
// ingress-nginx internal/ingress/controller/endpointslices.go getEndpointsFromSlices: the
// controller proxies straight to endpoint addresses, so only ready endpoints count.
import { objectsOfKind, type ClusterSnapshot, type KubeObject } from '../cluster/objects.ts';
import type { IngressServiceBackend } from './ingressSpec.ts';

/** `number`, or `{name, resolvesTo}` when the backend names the Service port (null if no such port). */
export type BackendPort = number | { readonly name: string; readonly resolvesTo: number | null };

export interface BackendEndpoint {
  readonly ip: string;
  readonly port: number;
  readonly pod?: string;
  readonly node?: string;
}

export interface ResolvedBackend {
  readonly namespace: string;
  readonly service: string;
  readonly port: BackendPort;
  readonly serviceExists: boolean;
  readonly endpoints: readonly BackendEndpoint[];
  /** Why there is nothing to proxy to, when there is not. */
  readonly problem?: string;
}

interface ServicePortSpec {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** Services and EndpointSlices by `namespace/name` (slices by their Service), built once per snapshot. */
export interface BackendIndex {
  readonly services: ReadonlyMap<string, KubeObject>;
  readonly slices: ReadonlyMap<string, readonly KubeObject[]>;
}

export function indexBackends(s: ClusterSnapshot): BackendIndex {
  const services = new Map<string, KubeObject>();
  const slices = new Map<string, KubeObject[]>();
  for (const { object: o } of objectsOfKind(s, 'Service')) services.set(`${o.metadata.namespace ?? 'default'}/${o.metadata.name}`, o);
  for (const { object: o } of objectsOfKind(s, 'EndpointSlice')) {
    const svc = o.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!svc) continue;
    const k = `${o.metadata.namespace ?? 'default'}/${svc}`;
    const l = slices.get(k);
    if (l) l.push(o);
    else slices.set(k, [o]);
  }
  return { services, slices };
}

export function resolveServiceBackend(s: ClusterSnapshot | BackendIndex, ns: string, b: IngressServiceBackend): ResolvedBackend {
  const index = 'services' in s ? s : indexBackends(s);
  const svc = index.services.get(`${ns}/${b.name}`);
  const ports: ServicePortSpec[] = Array.isArray(svc?.spec?.ports) ? svc.spec.ports : [];
  const sp = b.port.name !== undefined ? ports.find((p) => p.name === b.port.name) : ports.find((p) => p.port === b.port.number);
  const port: BackendPort = b.port.name !== undefined ? { name: b.port.name, resolvesTo: sp ? sp.port : null } : (b.port.number ?? 0);
  const base = { namespace: ns, service: b.name, port, serviceExists: !!svc };
  if (!svc) return { ...base, endpoints: [], problem: `Service ${ns}/${b.name} not found` };
  if (!sp) return { ...base, endpoints: [], problem: `Service ${ns}/${b.name} has no port ${b.port.name ?? b.port.number}` };
  if (svc.spec?.type === 'ExternalName') {
    // ingress-nginx proxies an ExternalName Service to its DNS name.
    return { ...base, endpoints: [{ ip: String(svc.spec.externalName ?? ''), port: typeof sp.targetPort === 'number' ? sp.targetPort : sp.port }] };
  }
  const endpoints: BackendEndpoint[] = [];
  const seen = new Set<string>();
  for (const slice of index.slices.get(`${ns}/${b.name}`) ?? []) {
    const slicePorts = (Array.isArray(slice.ports) ? slice.ports : []) as { name?: string; port?: number }[];
    // The slice port has the Service port's name ("" when unnamed).
    const spPort = slicePorts.find((p) => (p.name ?? '') === (sp.name ?? ''));
    if (!spPort || typeof spPort.port !== 'number') continue;
    const eps = (Array.isArray(slice.endpoints) ? slice.endpoints : []) as {
      addresses?: string[];
      conditions?: { ready?: boolean };
      targetRef?: { kind?: string; name?: string };
      nodeName?: string;
    }[];
    for (const ep of eps) {
      if (ep.conditions?.ready === false) continue; // unset ready counts as ready (EndpointConditions)
      const ip = ep.addresses?.[0];
      if (!ip || seen.has(`${ip}:${spPort.port}`)) continue;
      seen.add(`${ip}:${spPort.port}`);
      endpoints.push({ ip, port: spPort.port, pod: ep.targetRef?.kind === 'Pod' ? ep.targetRef.name : undefined, node: ep.nodeName });
    }
  }
  return endpoints.length > 0 ? { ...base, endpoints } : { ...base, endpoints, problem: `Service ${ns}/${b.name} has no ready endpoints` };
}
