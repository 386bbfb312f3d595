// Service validation, the static part (pkg/apis/core/validation/validation.go ValidateService,
// validateServicePort, validateServiceExternalTrafficPolicy, validateServiceInternalTrafficFieldsValue).
// What needs the whole cluster (clusterIP in the ServiceCIDR, a nodePort or IP already allocated)
// is checked while allocating, in ipam.ts.
import { isIP, ipFamilyOf } from '../../shared/ip.ts';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum } from '../names.ts';
import type { Reporter } from './reporter.ts';
import { validateLabels } from './validateMeta.ts';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const POLICIES = ['Cluster', 'Local'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function validatePort(r: Reporter, p: unknown, i: number, ctx: { requireName: boolean; type: string; names: Set<string>; seen: Set<string> }): void {
  const path = `spec.ports[${i}]`;
  if (!isObj(p)) return r.invalid(path, p, 'must be an object');
  if (ctx.requireName && (p.name === undefined || p.name === '')) r.required(`${path}.name`);
  if (p.name !== undefined && p.name !== '') {
    if (typeof p.name !== 'string') r.invalid(`${path}.name`, p.name, 'must be a string');
    else {
      for (const m of isDNS1123Label(p.name)) r.invalid(`${path}.name`, p.name, m);
      if (ctx.names.has(p.name)) r.duplicate(`${path}.name`, p.name);
      ctx.names.add(p.name);
    }
  }
  if (p.port === undefined) r.required(`${path}.port`);
  else for (const m of isValidPortNum(p.port as number)) r.invalid(`${path}.port`, p.port, m);
  const protocol = (p.protocol as string | undefined) ?? 'TCP';
  if (!PROTOCOLS.includes(protocol)) r.notSupported(`${path}.protocol`, p.protocol, PROTOCOLS);
  const key = `${protocol}/${String(p.port)}`;
  if (ctx.seen.has(key)) r.duplicate(path, { port: p.port, protocol });
  ctx.seen.add(key);
  const tp = p.targetPort;
  if (typeof tp === 'number') for (const m of isValidPortNum(tp)) r.invalid(`${path}.targetPort`, tp, m);
  else if (typeof tp === 'string') {
    // intstr: a numeric string is a number (validation sees IntOrString.Type == String only for names).
    if (!/^[0-9]+$/.test(tp)) for (const m of isValidPortName(tp)) r.invalid(`${path}.targetPort`, tp, m);
  } else if (tp !== undefined) r.invalid(`${path}.targetPort`, tp, 'must be a port number or a port name');
  if (p.nodePort !== undefined && p.nodePort !== 0) {
    if (ctx.type === 'ClusterIP') r.forbidden(`${path}.nodePort`, "may not be used when `type` is 'ClusterIP'");
    else if (ctx.type === 'ExternalName') r.forbidden(`${path}.nodePort`, "may not be used when `type` is 'ExternalName'");
    else for (const m of isValidPortNum(p.nodePort as number)) r.invalid(`${path}.nodePort`, p.nodePort, m);
  }
}

export function validateService(r: Reporter): void {
  const spec = r.object.spec;
  if (!isObj(spec)) return r.required('spec');
  const type = (spec.type as string | undefined) ?? 'ClusterIP';
  if (!TYPES.includes(type)) return r.notSupported('spec.type', spec.type, TYPES);
  const clusterIP = spec.clusterIP as unknown;
  const headless = clusterIP === 'None';
  if (clusterIP !== undefined && clusterIP !== '' && !headless && (typeof clusterIP !== 'string' || !isIP(clusterIP))) {
    r.invalid('spec.clusterIP', clusterIP, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
  }
  if (headless && (type === 'NodePort' || type === 'LoadBalancer')) r.invalid('spec.clusterIP', clusterIP, `may not be set to 'None' for ${type} services`);
  if (type === 'ExternalName') {
    if (clusterIP !== undefined && clusterIP !== '') r.forbidden('spec.clusterIP', 'may not be set for ExternalName services');
    const en = spec.externalName;
    if (typeof en !== 'string' || en === '') r.required('spec.externalName');
    else for (const m of isDNS1123Subdomain(en.replace(/\.$/, ''))) r.invalid('spec.externalName', en, m);
  }
  const ports = spec.ports;
  if (ports !== undefined && !Array.isArray(ports)) r.invalid('spec.ports', ports, 'must be a list');
  const portList = Array.isArray(ports) ? ports : [];
  if (portList.length === 0 && !headless && type !== 'ExternalName') r.required('spec.ports');
  const ctx = { requireName: portList.length > 1, type, names: new Set<string>(), seen: new Set<string>() };
  portList.forEach((p, i) => validatePort(r, p, i, ctx));
  if (spec.selector !== undefined && spec.selector !== null) validateLabels(r, spec.selector, 'spec.selector');
  const externalIPs = Array.isArray(spec.externalIPs) ? (spec.externalIPs as unknown[]) : [];
  externalIPs.forEach((ip, i) => {
    if (typeof ip !== 'string' || !isIP(ip)) r.invalid(`spec.externalIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
  });
  // validateServiceExternalTrafficPolicy: only externally-accessible Services may set it.
  const external = type === 'NodePort' || type === 'LoadBalancer' || externalIPs.length > 0;
  const etp = spec.externalTrafficPolicy;
  if (etp !== undefined && etp !== '') {
    if (!external) r.invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services');
    else if (!POLICIES.includes(etp as string)) r.notSupported('spec.externalTrafficPolicy', etp, POLICIES);
  }
  const itp = spec.internalTrafficPolicy;
  if (itp !== undefined && itp !== '' && !POLICIES.includes(itp as string)) r.notSupported('spec.internalTrafficPolicy', itp, POLICIES);
  const aff = spec.sessionAffinity ?? 'None';
  if (aff !== 'None' && aff !== 'ClientIP') r.notSupported('spec.sessionAffinity', aff, ['ClientIP', 'None']);
  const timeout = isObj(spec.sessionAffinityConfig) && isObj(spec.sessionAffinityConfig.clientIP) ? spec.sessionAffinityConfig.clientIP.timeoutSeconds : undefined;
  if (spec.sessionAffinityConfig !== undefined && aff !== 'ClientIP') {
    r.invalid('spec.sessionAffinityConfig', spec.sessionAffinityConfig, "must not be set when session affinity is None");
  } else if (timeout !== undefined && (typeof timeout !== 'number' || timeout <= 0 || timeout > 86400)) {
    r.invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', timeout, 'must be greater than 0 and less than 86400');
  }
  if (spec.loadBalancerSourceRanges !== undefined && type !== 'LoadBalancer') r.forbidden('spec.loadBalancerSourceRanges', 'may only be used when `type` is \'LoadBalancer\'');
  if (Array.isArray(spec.ipFamilies)) {
    (spec.ipFamilies as unknown[]).forEach((f, i) => {
      if (f !== 'IPv4' && f !== 'IPv6') r.notSupported(`spec.ipFamilies[${i}]`, f, ['IPv4', 'IPv6']);
    });
    if (typeof clusterIP === 'string' && isIP(clusterIP) && spec.ipFamilies[0] !== undefined && ipFamilyOf(clusterIP) !== spec.ipFamilies[0]) {
      r.invalid('spec.clusterIPs[0]', clusterIP, `expected an IP of family ${String(spec.ipFamilies[0])}`);
    }
  }
}
