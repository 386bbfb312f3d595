// Pipeline step 3b: Service defaulting (pkg/apis/core/v1/defaults.go SetDefaults_Service, and the
// registry's ipFamilies/ipFamilyPolicy defaulting in pkg/registry/core/service/storage).
// clusterIP and nodePorts are allocated afterwards (ipam.ts). Mutates in place.
import { ipFamilyOf } from '../../shared/ip.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are untyped JSON here

export function isExternallyAccessible(spec: Obj): boolean {
  return spec.type === 'NodePort' || spec.type === 'LoadBalancer' || (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
}

/**
 * `serviceFamilies`: the families the cluster's ServiceCIDRs offer, primary first. initIPFamilyFields:
 * no policy + two families (or two clusterIPs) → RequireDualStack, else SingleStack; a dual-stack
 * policy on a dual-stack cluster gets both families, the requested (or primary) one first.
 */
export function defaultServiceSpec(spec: Obj, serviceFamilies: readonly ('IPv4' | 'IPv6')[]): void {
  const serviceFamily = serviceFamilies[0] ?? 'IPv4';
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
  const twoIPs = Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 1;
  spec.ipFamilyPolicy ??= (Array.isArray(spec.ipFamilies) && spec.ipFamilies.length > 1) || twoIPs ? 'RequireDualStack' : 'SingleStack';
  spec.ipFamilies ??= [fromIP ?? serviceFamily];
  if (spec.ipFamilyPolicy !== 'SingleStack' && spec.ipFamilies.length === 1 && serviceFamilies.length > 1) {
    const other = serviceFamilies.find((f) => f !== spec.ipFamilies[0]);
    if (other) spec.ipFamilies = [spec.ipFamilies[0], other];
  }
}
