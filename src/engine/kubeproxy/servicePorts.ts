// Service → the service ports one proxier instance handles (pkg/proxy/serviceport.go
// newBaseServiceInfo, pkg/proxy/servicechangetracker.go serviceToServiceMap,
// pkg/api/v1/service/util.go ExternallyAccessible / ExternalPolicyLocal / NeedsHealthCheck).
// Objects are read RAW: nothing is defaulted that kube-proxy would not default itself.
import type { IPFamily } from '../shared/ip.ts';
import type { KubeObject } from '../cluster/objects.ts';
import { objectKey } from '../cluster/objects.ts';
import { parseCIDRSloppy, parseIPSloppy } from './sloppyIP.ts';
import type { Protocol, ServicePortInfo } from './types.ts';

/** The API's default for sessionAffinityConfig.clientIP.timeoutSeconds (3 hours). */
export const DEFAULT_CLIENTIP_TIMEOUT_SECONDS = 10800;
/** The API server's default --service-node-port-range. */
export const NODEPORT_RANGE = { min: 30000, max: 32767 } as const;

/** ServicePortName.String(): `ns/name`, plus `:port` only when the port is named (pkg/proxy/types.go). */
export function servicePortNameString(namespace: string, name: string, port: string): string {
  // (one flat string, like objectKey: it is hashed into chain names and compared as a map key)
  return (port === '' ? [namespace, '/', name] : [namespace, '/', name, ':', port]).join('');
}

function protocolOf(v: unknown): Protocol | null {
  if (v === undefined || v === null || v === '') return 'TCP'; // the API defaults ServicePort.protocol to TCP
  return v === 'TCP' || v === 'UDP' || v === 'SCTP' ? v : null;
}

/** GetClusterIPByFamily: spec.clusterIPs if set, else spec.clusterIP, for this family. */
function clusterIPByFamily(spec: Record<string, unknown>, family: IPFamily): string | null {
  const ips = Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0 ? spec.clusterIPs : [spec.clusterIP];
  for (const raw of ips) {
    if (typeof raw !== 'string') continue;
    const ip = parseIPSloppy(raw);
    if (ip && ip.ip.family === family) return raw;
  }
  return null;
}

/** ShouldSkipService: headless and ExternalName Services get no proxy rules. */
export function shouldSkipService(svc: KubeObject): boolean {
  const spec = (svc.spec ?? {}) as Record<string, unknown>;
  if (spec.type === 'ExternalName') return true;
  const cip = spec.clusterIP;
  return cip === undefined || cip === null || cip === '' || cip === 'None';
}

/** serviceTypeOf: an unset type is what the API defaults it to (ClusterIP). */
function serviceTypeOf(spec: Record<string, unknown>): string {
  return typeof spec.type === 'string' && spec.type !== '' ? spec.type : 'ClusterIP';
}

/** service/util.go ExternallyAccessible (per Service, by type). */
function serviceExternallyAccessible(spec: Record<string, unknown>): boolean {
  const t = serviceTypeOf(spec);
  const extIPs = Array.isArray(spec.externalIPs) ? spec.externalIPs : [];
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && extIPs.length > 0);
}

/**
 * newBaseServiceInfo for every port of `svc`, for a proxier of `family`. Returns [] for Services
 * kube-proxy skips. Problems a real API server would have refused are pushed onto `warnings`.
 */
export function servicePortsFromService(svc: KubeObject, family: IPFamily, warnings: string[]): ServicePortInfo[] {
  const ns = svc.metadata.namespace ?? 'default';
  const name = svc.metadata.name;
  const who = `Service ${ns}/${name}`;
  const key = objectKey({ kind: 'Service', metadata: { ...svc.metadata, namespace: ns } });
  const spec = (svc.spec ?? {}) as Record<string, unknown>;
  if (shouldSkipService(svc)) return [];
  const clusterIPText = clusterIPByFamily(spec, family);
  if (clusterIPText === null) return []; // no ClusterIP of this proxier's family
  const clusterIP = parseIPSloppy(clusterIPText);
  if (!clusterIP) return [];
  if (clusterIP.hadLeadingZeros) warnings.push(`${who}: spec.clusterIP ${JSON.stringify(clusterIPText)} has leading zeros (an API server would reject it); kube-proxy reads it as ${clusterIP.text}`);

  const type = serviceTypeOf(spec);
  // externalIPs: MapIPsByIPFamily, parsed sloppily, other family and garbage dropped.
  const externalIPs: string[] = [];
  for (const raw of Array.isArray(spec.externalIPs) ? spec.externalIPs : []) {
    const ip = typeof raw === 'string' ? parseIPSloppy(raw) : null;
    if (!ip) { warnings.push(`${who}: spec.externalIPs entry ${JSON.stringify(raw)} is not an IP address; kube-proxy ignores it`); continue; }
    if (ip.hadLeadingZeros) warnings.push(`${who}: spec.externalIPs entry ${JSON.stringify(raw)} has leading zeros (an API server would reject it)`);
    if (ip.ip.family === family) externalIPs.push(ip.text);
  }
  // status.loadBalancer.ingress[].ip: hostname-only entries, ipMode: Proxy and the other family are skipped.
  const loadBalancerVIPs: string[] = [];
  const ingress = (svc.status as { loadBalancer?: { ingress?: unknown[] } } | undefined)?.loadBalancer?.ingress;
  for (const ing of Array.isArray(ingress) ? ingress : []) {
    const e = (ing ?? {}) as { ip?: unknown; ipMode?: unknown };
    if (typeof e.ip !== 'string' || e.ip === '') continue;
    if (e.ipMode === 'Proxy') continue; // serviceport.go: the LB itself proxies; no VIP rule on the node
    const ip = parseIPSloppy(e.ip);
    if (ip && ip.ip.family === family) loadBalancerVIPs.push(ip.text);
  }
  // loadBalancerSourceRanges: trimmed, sloppy-parsed, this family; a zero CIDR means "no firewall".
  let loadBalancerSourceRanges: string[] = [];
  for (const raw of Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges : []) {
    const c = typeof raw === 'string' ? parseCIDRSloppy(raw) : null;
    if (!c) { warnings.push(`${who}: spec.loadBalancerSourceRanges entry ${JSON.stringify(raw)} is not a CIDR; kube-proxy ignores it`); continue; }
    if (typeof raw === 'string' && raw !== raw.trim()) warnings.push(`${who}: spec.loadBalancerSourceRanges entry ${JSON.stringify(raw)} has surrounding spaces (an API server would reject it); kube-proxy trims them`);
    if (c.family === family) loadBalancerSourceRanges.push(c.text);
  }
  if (loadBalancerSourceRanges.some((r) => r === '0.0.0.0/0' || r === '::/0')) loadBalancerSourceRanges = [];

  const affinity = spec.sessionAffinity === 'ClientIP';
  const timeout = (spec.sessionAffinityConfig as { clientIP?: { timeoutSeconds?: unknown } } | undefined)?.clientIP?.timeoutSeconds;
  const stickyMaxAgeSeconds = affinity ? (typeof timeout === 'number' ? timeout : DEFAULT_CLIENTIP_TIMEOUT_SECONDS) : 0;

  const externalPolicyLocal = serviceExternallyAccessible(spec) && spec.externalTrafficPolicy === 'Local';
  const internalPolicyLocal = spec.internalTrafficPolicy === 'Local';
  let healthCheckNodePort = 0;
  const hc = typeof spec.healthCheckNodePort === 'number' ? spec.healthCheckNodePort : 0;
  if (type === 'LoadBalancer' && externalPolicyLocal) {
    healthCheckNodePort = hc; // NeedsHealthCheck
    if (hc === 0) warnings.push(`${who}: type LoadBalancer with externalTrafficPolicy Local but no spec.healthCheckNodePort (an API server allocates one)`);
  } else if (hc !== 0) {
    warnings.push(`${who}: spec.healthCheckNodePort ${hc} is only valid for type LoadBalancer with externalTrafficPolicy Local (an API server would reject it); kube-proxy ignores it`);
  }

  const out: ServicePortInfo[] = [];
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  ports.forEach((rawPort: unknown, i: number) => {
    const p = (rawPort ?? {}) as Record<string, unknown>;
    const where = `${who}: spec.ports[${i}]`;
    const protocol = protocolOf(p.protocol);
    if (!protocol) { warnings.push(`${where}.protocol ${JSON.stringify(p.protocol)} is not TCP, UDP or SCTP; kube-proxy skips the port`); return; }
    const port = typeof p.port === 'number' ? p.port : 0;
    if (port < 1 || port > 65535) warnings.push(`${where}.port ${JSON.stringify(p.port)} is not a port number (an API server would reject it)`);
    const portName = typeof p.name === 'string' ? p.name : '';
    const nodePort = typeof p.nodePort === 'number' ? p.nodePort : 0;
    if (nodePort !== 0 && (nodePort < NODEPORT_RANGE.min || nodePort > NODEPORT_RANGE.max)) {
      warnings.push(`${where}.nodePort ${nodePort} is outside the default NodePort range ${NODEPORT_RANGE.min}-${NODEPORT_RANGE.max} (an API server would reject it)`);
    }
    if (nodePort === 0 && (type === 'NodePort' || (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false))) {
      warnings.push(`${where}: type ${type} without nodePort (an API server would allocate one); kube-proxy sees nodePort 0 and writes no NodePort rule`);
    }
    const id = servicePortNameString(ns, name, portName);
    const externallyAccessible = nodePort !== 0 || loadBalancerVIPs.length > 0 || externalIPs.length > 0;
    out.push({
      portName: { namespace: ns, name, port: portName, protocol },
      id,
      clusterIP: clusterIP.text,
      port,
      protocol,
      nodePort,
      ...(p.targetPort !== undefined ? { targetPort: p.targetPort as number | string } : {}),
      externalIPs,
      loadBalancerVIPs,
      loadBalancerSourceRanges,
      sessionAffinityClientIP: affinity,
      stickyMaxAgeSeconds,
      externalPolicyLocal,
      internalPolicyLocal,
      healthCheckNodePort,
      // serviceport.go UsesClusterEndpoints / UsesLocalEndpoints
      usesClusterEndpoints: !internalPolicyLocal || externallyAccessible,
      usesLocalEndpoints: internalPolicyLocal || (externalPolicyLocal && externallyAccessible),
      externallyAccessible,
      serviceKey: key,
      portIndex: i,
    });
  });
  return out;
}

/** ExternallyAccessible for a service port (works for ports built without the cached field). */
export function isExternallyAccessible(sp: ServicePortInfo): boolean {
  return sp.externallyAccessible ?? (sp.nodePort !== 0 || sp.loadBalancerVIPs.length > 0 || sp.externalIPs.length > 0);
}
