// Conformance family `ipvs` (../shared/vectors/README.md "ipvs"): each vector's fake proxier
// config + manifests → one ipvs-mode sync, then the follow-up questions (delete every
// EndpointSlice; the step list of Service updates), each a resync on top of the previous state.
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../engine/cluster/objects.ts';
import { kubeproxy } from '../../../engine/index.ts';
import type { ProxierConfig } from '../../../engine/kubeproxy/types.ts';
import type { IpvsProxierState, IpvsSyncOptions } from '../../../engine/kubeproxy/ipvs/index.ts';
import { CliError } from '../../io.ts';
import { asArray, asObject, asString, type Json, type JsonObject } from '../input.ts';

const { ipvs } = kubeproxy;

function parseManifests(text: string, file: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (!('errors' in doc)) continue;
    if (doc.errors.length > 0) throw new CliError(`${file}: manifests: ${doc.errors[0]!.message}`);
    const o = doc.toJS() as KubeObject | null;
    if (o === null) continue;
    if (typeof o !== 'object' || typeof o.kind !== 'string' || typeof o.metadata !== 'object') {
      throw new CliError(`${file}: manifests: a document without kind/metadata`);
    }
    out.push(o);
  }
  return out;
}

function stringList(v: Json | undefined, file: string, where: string): string[] {
  if (v === undefined || v === null) return [];
  return asArray(v, file, where).map((x, i) => asString(x, file, `${where}[${i}]`));
}

/** Every string somewhere inside `v` (addresses, however the vector nests them). */
function stringsIn(v: Json | undefined): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(stringsIn);
  if (v && typeof v === 'object') return Object.entries(v).filter(([k]) => k !== 'name').flatMap(([, x]) => stringsIn(x));
  return [];
}

/** `config.networkInterfaces`: `{eth0: ["10.0.0.1/24"]}` or `[{name, addresses | addrs | …}]`. */
function interfacesOf(v: Json | undefined, file: string): Record<string, string[]> | null {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) {
    const out: Record<string, string[]> = {};
    v.forEach((x, i) => {
      const o = asObject(x, file, `config.networkInterfaces[${i}]`);
      out[typeof o.name === 'string' ? o.name : `if${i}`] = stringsIn(o);
    });
    return out;
  }
  const o = asObject(v, file, 'config.networkInterfaces');
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, stringsIn(x)]));
}

/** `config.localDetector` is prose: "none (…)" or text naming the cluster CIDR. */
function localDetectorOf(v: Json | undefined): ProxierConfig['localDetector'] {
  if (typeof v !== 'string' || /^\s*none\b/i.test(v)) return { mode: 'None' };
  const cidr = /([0-9a-fA-F.:]+\/\d{1,3})/.exec(v)?.[1];
  return cidr ? { mode: 'ClusterCIDR', clusterCIDR: cidr } : { mode: 'None' };
}

function proxierConfigOf(c: JsonObject, file: string): { config: ProxierConfig; opts: IpvsSyncOptions } {
  const family = c.ipFamily === 'IPv6' ? 'IPv6' : 'IPv4';
  const nodeIPs = stringList(c.nodeIPs, file, 'config.nodeIPs');
  const npa = c.nodePortAddresses === undefined || c.nodePortAddresses === null ? null : stringList(c.nodePortAddresses, file, 'config.nodePortAddresses');
  const ifaces = interfacesOf(c.networkInterfaces, file);
  const config = kubeproxy.defaultProxierConfig({
    ipFamily: family,
    nodeName: typeof c.nodeName === 'string' ? c.nodeName : 'test-node',
    nodeIPs,
    nodePortAddresses: npa,
    // The fake netlink reports nodeIPs on eth0; networkInterfaces (the fake networkInterfacer)
    // feed GetNodeIPs when nodePortAddresses is a real CIDR list.
    hostInterfaces: ifaces ?? { eth0: nodeIPs },
    masqueradeAll: c.masqueradeAll === true,
    localDetector: localDetectorOf(c.localDetector),
    mode: 'ipvs',
    // Optional knobs a vector may set: the mark kube-proxy writes and whether iptables has --random-fully.
    ...(typeof c.masqueradeMark === 'string' ? { masqueradeMark: c.masqueradeMark } : {}),
    ...(typeof c.masqueradeBit === 'number' ? { masqueradeMark: kubeproxy.masqueradeMarkFor(c.masqueradeBit) } : {}),
    ...(typeof (c.iptablesHasRandomFully ?? c.randomFully) === 'boolean' ? { iptablesHasRandomFully: (c.iptablesHasRandomFully ?? c.randomFully) as boolean } : {}),
  });
  const opts: IpvsSyncOptions = {
    scheduler: typeof c.scheduler === 'string' ? c.scheduler : '',
    excludeCIDRs: stringList(c.excludeCIDRs, file, 'config.excludeCIDRs'),
    ...(typeof c.kubernetesVersion === 'string' ? { kubernetesVersion: c.kubernetesVersion } : {}),
  };
  return { config, opts };
}

/** The LoadBalancerIPMode gate off: kube-proxy ignores ipMode (every ingress IP is programmed). */
function withoutIpMode(objects: KubeObject[]): KubeObject[] {
  return objects.map((o) => {
    const ingress = o.kind === 'Service' ? o.status?.loadBalancer?.ingress : undefined;
    if (!Array.isArray(ingress)) return o;
    return { ...o, status: { ...o.status, loadBalancer: { ...o.status.loadBalancer, ingress: ingress.map(({ ipMode: _, ...rest }: Record<string, unknown>) => rest) } } };
  });
}

function sync(objects: readonly KubeObject[], config: ProxierConfig, opts: IpvsSyncOptions, previous?: IpvsProxierState): IpvsProxierState {
  const model = kubeproxy.buildProxyModel(objects, config);
  return ipvs.syncIpvsProxyRules(model, { ...opts, ...(previous ? { previous } : {}) });
}

function virtualServersJson(state: IpvsProxierState): JsonObject[] {
  return state.virtualServers.map((vs) => ({
    address: vs.address,
    port: vs.port,
    protocol: vs.protocol,
    scheduler: vs.scheduler,
    flags: [...vs.flags],
    timeout: vs.timeout,
    realServers: [...vs.realServers]
      .sort(ipvs.compareRealServers)
      .map((rs) => ({ address: rs.address, port: rs.port, weight: rs.weight })),
  }));
}

function ipsetsJson(state: IpvsProxierState): JsonObject {
  const out: JsonObject = {};
  for (const [name, members] of state.ipsets) if (members.length > 0) out[name] = [...members];
  return out;
}

const STEP = /^(add|update|delete)\s+(\S+)(?:\s+(?:with|to)\s+(?:a single port|ports?)\s+(.*))?$/i;

/** Applies one `steps[].action` to the Service named in it (name, namespace, clusterIP kept). */
function applyStep(current: KubeObject[], base: readonly KubeObject[], action: string, file: string, where: string): KubeObject[] {
  const m = STEP.exec(action.trim());
  if (!m) throw new CliError(`${file}: ${where}.action: cannot read ${JSON.stringify(action)}`);
  const [, verb, name] = m;
  const isSvc = (o: KubeObject) => o.kind === 'Service' && o.metadata.name === name;
  const rest = current.filter((o) => !isSvc(o));
  if (verb!.toLowerCase() === 'delete') return rest;
  // `add` starts from the Service in manifests; `update` from its current state.
  const svc = (verb!.toLowerCase() === 'add' ? base : current).find(isSvc) ?? base.find(isSvc);
  if (!svc) throw new CliError(`${file}: ${where}.action: no Service ${name} in manifests`);
  const ports = (m[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((pp, i) => {
    const pm = /^(TCP|UDP|SCTP)\/(\d+)$/i.exec(pp);
    if (!pm) throw new CliError(`${file}: ${where}.action: bad port ${JSON.stringify(pp)} (want P/N)`);
    return { name: `port${i + 1}`, protocol: pm[1]!.toUpperCase(), port: Number(pm[2]) };
  });
  return [...rest, { ...svc, spec: { ...svc.spec, ports } }];
}

export function fill(input: unknown, file: string): unknown {
  const doc = structuredClone(asObject(input, file, 'document'));
  const { config, opts } = proxierConfigOf(asObject(doc.config, file, 'config'), file);
  let objects = parseManifests(asString(doc.manifests, file, 'manifests'), file);
  const gates = (doc.config as JsonObject).featureGates;
  if (gates && typeof gates === 'object' && !Array.isArray(gates) && gates.LoadBalancerIPMode === false) objects = withoutIpMode(objects);

  const first = sync(objects, config, opts);
  doc.actualVirtualServers = virtualServersJson(first);
  doc.actualIPSets = ipsetsJson(first);
  doc.actualIptablesSave = first.restoreText;
  doc.actualIpvsadmLn = ipvs.formatIpvsadmList(first.virtualServers);
  doc.actualKubeIpvs0Addresses = [...first.kubeIpvs0Addresses];

  if (doc.afterEndpointSliceDelete !== undefined) {
    const after = asObject(doc.afterEndpointSliceDelete, file, 'afterEndpointSliceDelete');
    const s = sync(objects.filter((o) => o.kind !== 'EndpointSlice'), config, opts, first);
    after.actualVirtualServers = virtualServersJson(s);
    after.actualIPSets = ipsetsJson(s);
  }

  if (doc.steps !== undefined) {
    // The steps replay the Service's history from nothing: kube-proxy starts without it.
    let current = objects.filter((o) => o.kind !== 'Service');
    let state: IpvsProxierState | undefined;
    asArray(doc.steps, file, 'steps').forEach((st, i) => {
      const step = asObject(st, file, `steps[${i}]`);
      const action = asString(step.action, file, `steps[${i}].action`);
      current = applyStep(current, objects, action, file, `steps[${i}]`);
      state = sync(current, config, opts, state);
      step.actualKubeIpvs0Addresses = [...state.kubeIpvs0Addresses];
    });
  }
  return doc;
}
