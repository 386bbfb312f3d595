// The small fixture model the DNS vectors use (vectors/dns/queries.json `fixtures`): Services,
// CoreDNS's reduced EndpointSlices (ready addresses only) and Pods, read into DnsClusterState.
import type { DnsClusterState, DnsEndpoints, DnsPod, DnsPort, DnsService } from './model.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown, dflt = ''): string => (typeof v === 'string' ? v : dflt);

function need(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') throw new FixtureModelError(`${where}.${key}`, 'expected a non-empty string');
  return v;
}

export class FixtureModelError extends Error {
  constructor(readonly where: string, message: string) {
    super(`${where}: ${message}`);
  }
}

function ports(v: unknown, where: string): DnsPort[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new FixtureModelError(where, 'expected a list');
  return v.map((p, i) => {
    if (!isObj(p) || typeof p['port'] !== 'number') throw new FixtureModelError(`${where}[${i}]`, 'expected {name, protocol, port}');
    return { name: str(p['name']), protocol: str(p['protocol'], 'TCP'), port: p['port'] };
  });
}

export function readFixtureService(o: unknown, where: string): DnsService {
  if (!isObj(o)) throw new FixtureModelError(where, 'expected an object');
  const type = str(o['type'], 'ClusterIP');
  const ips = Array.isArray(o['clusterIPs']) ? o['clusterIPs'].map((x) => str(x)) : typeof o['clusterIP'] === 'string' ? [o['clusterIP']] : [''];
  return {
    name: need(o, 'name', where),
    namespace: need(o, 'namespace', where),
    type,
    clusterIPs: ips.length > 0 ? ips : [''],
    ...(typeof o['externalName'] === 'string' ? { externalName: o['externalName'] } : {}),
    ports: ports(o['ports'], `${where}.ports`),
  };
}

/**
 * A fixture slice: `readyAddresses` [{ip, hostname}], or EndpointSlice-style `endpoints`
 * [{addresses, conditions.ready, hostname}]. A prose string (the vectors' way of saying "a slice
 * whose endpoints are all not ready") is read as a slice with no ready address.
 */
export function readFixtureEndpoints(o: unknown, where: string, service?: DnsService): DnsEndpoints[] {
  if (typeof o === 'string') {
    if (!service) throw new FixtureModelError(where, 'a described slice needs its Service');
    return [{ name: `${service.name}-slice`, namespace: service.namespace, service: service.name, addresses: [], ports: withSentinel(service.ports) }];
  }
  if (Array.isArray(o)) return o.flatMap((x, i) => readFixtureEndpoints(x, `${where}[${i}]`, service));
  if (!isObj(o)) throw new FixtureModelError(where, 'expected an object');
  const addrs: DnsEndpoints['addresses'][number][] = [];
  const addr = (a: unknown, w: string) => {
    if (!isObj(a)) throw new FixtureModelError(w, 'expected {ip, hostname}');
    return { ip: need(a, 'ip', w), ...(typeof a['hostname'] === 'string' ? { hostname: a['hostname'] } : {}), ...(typeof a['targetRefName'] === 'string' ? { targetRefName: a['targetRefName'] } : {}) };
  };
  if (Array.isArray(o['readyAddresses'])) o['readyAddresses'].forEach((a, i) => addrs.push(addr(a, `${where}.readyAddresses[${i}]`)));
  if (Array.isArray(o['endpoints'])) {
    o['endpoints'].forEach((e, i) => {
      if (!isObj(e)) return;
      const ready = isObj(e['conditions']) ? e['conditions']['ready'] : undefined;
      if (ready === false) return; // "nil means unknown, treat as ready"
      for (const ip of Array.isArray(e['addresses']) ? e['addresses'] : []) addrs.push(addr({ ...e, ip }, `${where}.endpoints[${i}]`));
    });
  }
  return [{
    name: str(o['name'], `${str(o['service'], service?.name ?? '')}-slice`),
    namespace: str(o['namespace'], service?.namespace ?? ''),
    service: str(o['service'], service?.name ?? ''),
    addresses: addrs,
    ports: withSentinel(ports(o['ports'], `${where}.ports`)),
  }];
}

/** EndpointSliceToEndpoints: "Add sentinel if there are no ports." */
function withSentinel(ps: readonly DnsPort[]): DnsPort[] {
  return ps.length > 0 ? [...ps] : [{ name: '', protocol: '', port: -1 }];
}

/**
 * `namespaces`: a list of the names that exist, or the vectors' prose "every namespace … exists
 * EXCEPT 'a' and 'b'" (every name exists but the quoted ones).
 */
export function readNamespaces(v: unknown): (ns: string) => boolean {
  if (Array.isArray(v)) {
    const set = new Set(v.map((x) => str(x)));
    return (ns) => set.has(ns);
  }
  const text = str(v);
  const except = /except(.*)$/i.exec(text);
  const missing = new Set(except ? [...(except[1] ?? '').matchAll(/'([^']+)'|"([^"]+)"/g)].map((m) => m[1] ?? m[2] ?? '') : []);
  return (ns) => !missing.has(ns);
}

export function readFixture(o: unknown, where: string): DnsClusterState {
  if (!isObj(o)) throw new FixtureModelError(where, 'expected an object');
  const list = (k: string) => {
    const v = o[k] ?? [];
    if (!Array.isArray(v)) throw new FixtureModelError(`${where}.${k}`, 'expected a list');
    return v;
  };
  const services = list('services').map((s, i) => readFixtureService(s, `${where}.services[${i}]`));
  const endpoints = list('endpointSlices').flatMap((e, i) => readFixtureEndpoints(e, `${where}.endpointSlices[${i}]`));
  const pods: DnsPod[] = list('pods').map((p, i) => {
    if (!isObj(p)) throw new FixtureModelError(`${where}.pods[${i}]`, 'expected an object');
    return { name: str(p['name']), namespace: need(p, 'namespace', `${where}.pods[${i}]`), podIP: need(p, 'podIP', `${where}.pods[${i}]`) };
  });
  return { services, endpoints, pods, namespaceExists: readNamespaces(o['namespaces']) };
}

/** The fixture plus a case's `extraFixture` ({service, endpointSlices}). */
export function withExtraFixture(base: DnsClusterState, extra: unknown, where: string): DnsClusterState {
  if (!isObj(extra)) return base;
  const svc = extra['service'] !== undefined ? readFixtureService(extra['service'], `${where}.service`) : undefined;
  const eps = extra['endpointSlices'] !== undefined ? readFixtureEndpoints(extra['endpointSlices'], `${where}.endpointSlices`, svc) : [];
  return { ...base, services: [...base.services, ...(svc ? [svc] : [])], endpoints: [...base.endpoints, ...eps] };
}
