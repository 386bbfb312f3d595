// Pipeline step 3b: Service defaulting (pkg/apis/core/v1/defaults.go SetDefaults_Service, and the
// registry's ipFamilies/ipFamilyPolicy defaulting in pkg/registry/core/service/storage).
// clusterIP and nodePorts are allocated afterwards (ipam.ts). Mutates in place.
import { ipFamilyOf } from '../../shared/ip.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are untyped JSON here

export function isExternallyAccessible(spec: Obj): boolean {
  return spec.type === 'NodePort' || spec.type === 'LoadBalancer' || (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
}

export function defaultServiceSpec(spec: Obj, serviceFamily: 'IPv4' | 'IPv6'): void {
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.sessionAffinity === 'ClientIP') {
    spec.sessionAffinityConfig ??= {};
    spec.sessionAffinityConfig.clientIP ??= {};
    spec.sessionAffinityConfig.clientIP.timeoutSeconds ??= 10800;
  }
  for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
    p.protocol ??= 'TCP';
    // SetDefaults_Service: targetPort defaults to port.
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
    else if (typeof p.targetPort === 'string' && /^[0-9]+$/.test(p.targetPort)) p.targetPort = Number(p.targetPort);
  }
  if (spec.type === 'ExternalName') return;
  spec.internalTrafficPolicy ??= 'Cluster';
  if (isExternallyAccessible(spec)) spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  const fromIP = typeof spec.clusterIP === 'string' ? ipFamilyOf(spec.clusterIP) : null;
  spec.ipFamilies ??= [fromIP ?? serviceFamily];
  spec.ipFamilyPolicy ??= spec.ipFamilies.length > 1 ? 'PreferDualStack' : 'SingleStack';
}
