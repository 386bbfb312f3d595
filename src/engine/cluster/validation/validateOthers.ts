// Validation of the remaining kinds the lab reads: Node (ValidateNode), EndpointSlice
// (pkg/apis/discovery/validation ValidateEndpointSlice), Ingress (pkg/apis/networking/validation
// ValidateIngressSpec, the structural part), Secret (ValidateSecret data keys/base64).
import { isIP, ipFamilyOf, parseCIDR } from '../../shared/ip.ts';
import { childPath } from '../fieldPath.ts';
import { isDNS1123Label, isQualifiedName, isValidPortNum } from '../names.ts';
import type { Reporter } from './reporter.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const TAINT_EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];

export function validateNode(r: Reporter): void {
  const spec = isObj(r.object.spec) ? r.object.spec : {};
  const cidrs = [spec.podCIDR, ...asList(spec.podCIDRs)].filter((c) => c !== undefined && c !== '');
  cidrs.forEach((c) => {
    if (typeof c !== 'string' || !parseCIDR(c)) r.invalid('spec.podCIDR', c, 'must be a valid CIDR');
  });
  asList(spec.taints).forEach((t, i) => {
    const p = `spec.taints[${i}]`;
    if (!isObj(t)) return r.invalid(p, t, 'must be an object');
    if (typeof t.key !== 'string' || t.key === '') r.required(`${p}.key`);
    else for (const m of isQualifiedName(t.key)) r.invalid(`${p}.key`, t.key, m);
    if (t.effect === undefined || t.effect === '') r.required(`${p}.effect`);
    else if (!TAINT_EFFECTS.includes(t.effect as string)) r.notSupported(`${p}.effect`, t.effect, TAINT_EFFECTS);
  });
  const status = isObj(r.object.status) ? r.object.status : {};
  for (const f of ['addresses', 'conditions'] as const) {
    if (status[f] !== undefined && !Array.isArray(status[f])) r.invalid(`status.${f}`, status[f], 'must be a list');
    asList(status[f]).forEach((a, i) => { if (!isObj(a)) r.invalid(`status.${f}[${i}]`, a, 'must be an object'); });
  }
  for (const f of ['capacity', 'allocatable', 'nodeInfo'] as const) {
    if (status[f] !== undefined && !isObj(status[f])) r.invalid(`status.${f}`, status[f], 'must be an object');
  }
  if (spec.taints !== undefined && !Array.isArray(spec.taints)) r.invalid('spec.taints', spec.taints, 'must be a list');
  asList(status.addresses).forEach((a, i) => {
    if (!isObj(a)) return;
    if ((a.type === 'InternalIP' || a.type === 'ExternalIP') && (typeof a.address !== 'string' || !isIP(a.address))) {
      r.invalid(`status.addresses[${i}].address`, a.address, 'must be a valid IP address');
    }
  });
}

export function validateEndpointSlice(r: Reporter): void {
  const o = r.object as Obj;
  const at = o.addressType;
  if (at === undefined) r.required('addressType');
  else if (at !== 'IPv4' && at !== 'IPv6' && at !== 'FQDN') r.notSupported('addressType', at, ['FQDN', 'IPv4', 'IPv6']);
  const endpoints = asList(o.endpoints);
  if (endpoints.length > 1000) r.report('error', 'endpoints', `Too many: ${endpoints.length}: must have at most 1000 items`);
  endpoints.forEach((e, i) => {
    const p = `endpoints[${i}]`;
    if (!isObj(e)) return r.invalid(p, e, 'must be an object');
    const addrs = asList(e.addresses);
    if (addrs.length === 0 || addrs.length > 100) r.invalid(`${p}.addresses`, e.addresses, 'must contain at least 1 and at most 100 addresses');
    addrs.forEach((a, j) => {
      if (at === 'FQDN') return;
      if (typeof a !== 'string' || ipFamilyOf(a) !== at) r.invalid(`${p}.addresses[${j}]`, a, `must be a valid ${String(at)} address`);
    });
  });
  asList(o.ports).forEach((pt, i) => {
    const p = `ports[${i}]`;
    if (!isObj(pt)) return r.invalid(p, pt, 'must be an object');
    if (pt.port !== undefined && pt.port !== null) for (const m of isValidPortNum(pt.port as number)) r.invalid(`${p}.port`, pt.port, m);
    if (pt.name !== undefined && pt.name !== '' && typeof pt.name === 'string') for (const m of isDNS1123Label(pt.name)) r.invalid(`${p}.name`, pt.name, m);
  });
}

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function validateBackend(r: Reporter, b: unknown, path: string): void {
  if (!isObj(b)) return r.required(path);
  const svc = b.service;
  if (isObj(svc) === (b.resource !== undefined)) return r.invalid(path, b, 'cannot set both service and resource backends, and one is required');
  if (!isObj(svc)) return;
  if (typeof svc.name !== 'string' || svc.name === '') r.required(`${path}.service.name`);
  const port = isObj(svc.port) ? svc.port : undefined;
  if (!port || (port.name === undefined) === (port.number === undefined)) r.invalid(`${path}.service.port`, svc.port, 'cannot set both port name & port number, and one is required');
}

export function validateIngress(r: Reporter): void {
  const spec = r.object.spec;
  if (!isObj(spec)) return r.required('spec');
  const rules = asList(spec.rules);
  if (spec.defaultBackend === undefined && rules.length === 0) r.invalid('spec.rules', spec.rules ?? [], 'either `defaultBackend` or `rules` must be specified');
  if (spec.defaultBackend !== undefined) validateBackend(r, spec.defaultBackend, 'spec.defaultBackend');
  rules.forEach((rule, i) => {
    const rp = `spec.rules[${i}]`;
    if (!isObj(rule)) return;
    if (typeof rule.host === 'string' && rule.host !== '' && isIP(rule.host)) r.invalid(`${rp}.host`, rule.host, 'must be a DNS name, not an IP address');
    const http = isObj(rule.http) ? rule.http : undefined;
    asList(http?.paths).forEach((p, j) => {
      const pp = `${rp}.http.paths[${j}]`;
      if (!isObj(p)) return;
      if (p.pathType === undefined) r.required(`${pp}.pathType`, 'pathType must be specified');
      else if (!PATH_TYPES.includes(p.pathType as string)) r.notSupported(`${pp}.pathType`, p.pathType, PATH_TYPES);
      if ((p.pathType === 'Exact' || p.pathType === 'Prefix') && (typeof p.path !== 'string' || !p.path.startsWith('/'))) r.invalid(`${pp}.path`, p.path, "must be an absolute path");
      validateBackend(r, p.backend, `${pp}.backend`);
    });
  });
}

export function validateSecret(r: Reporter): void {
  const data = (r.object as Obj).data;
  if (!isObj(data)) return;
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v.replace(/\s/g, '')) || v.replace(/\s/g, '').length % 4 !== 0) {
      r.invalid(childPath('data', k), v, 'illegal base64 data');
    }
  }
}
