// Pipeline step 4b: give every Service its clusterIP(s) and nodePorts, as the apiserver's Service
// REST storage does on create (pkg/registry/core/service/storage/alloc.go allocClusterIPs,
// allocNodePorts, allocHealthCheckNodePort). Explicit requests are reserved first, in object
// order, so an automatic allocation never steals a port or IP someone wrote; a Service whose
// request cannot be honoured is rejected with the apiserver's message.
import { parseIP } from '../shared/ip.ts';
import { NodePortAllocator, ServiceIPAllocator } from './ipam.ts';
import type { Reporter } from './validation/reporter.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are untyped JSON here

export interface ServiceToAllocate {
  readonly spec: Obj;
  readonly reporter: Reporter;
}

function wantsNodePorts(spec: Obj): boolean {
  return spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
}

function needsHealthCheckNodePort(spec: Obj): boolean {
  return spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
}

/** Allocates in place; returns the Services that must be rejected (their reporter holds why). */
export function allocateServices(services: readonly ServiceToAllocate[], ips: ServiceIPAllocator, ports: NodePortAllocator): Set<ServiceToAllocate> {
  const rejected = new Set<ServiceToAllocate>();
  // 1. Explicit clusterIPs and nodePorts.
  for (const s of services) {
    const spec = s.spec;
    if (spec.type === 'ExternalName') continue;
    if (typeof spec.clusterIP === 'string' && spec.clusterIP !== '' && spec.clusterIP !== 'None') {
      const res = ips.reserve(spec.clusterIP);
      if (!res.ok) {
        s.reporter.invalid('spec.clusterIP', spec.clusterIP, res.message);
        rejected.add(s);
        continue;
      }
      spec.clusterIP = res.value;
    }
    (spec.ports ?? []).forEach((p: Obj, i: number) => {
      if (!p.nodePort) return;
      if (!wantsNodePorts(spec)) return;
      const res = ports.reserve(p.nodePort);
      if (!res.ok) {
        s.reporter.invalid(`spec.ports[${i}].nodePort`, p.nodePort, res.message);
        rejected.add(s);
      }
    });
    if (spec.healthCheckNodePort && needsHealthCheckNodePort(spec)) {
      const res = ports.reserve(spec.healthCheckNodePort);
      if (!res.ok) {
        s.reporter.invalid('spec.healthCheckNodePort', spec.healthCheckNodePort, res.message);
        rejected.add(s);
      }
    }
  }
  // 2. Automatic allocations, in object order.
  for (const s of services) {
    if (rejected.has(s)) continue;
    const spec = s.spec;
    if (spec.type === 'ExternalName') continue;
    if (spec.clusterIP === undefined || spec.clusterIP === '') {
      const family = spec.ipFamilies?.[0] === 'IPv6' ? 'IPv6' : 'IPv4';
      const res = ips.allocateNext(family);
      if (!res.ok) {
        s.reporter.invalid('spec.clusterIP', '', res.message);
        rejected.add(s);
        continue;
      }
      spec.clusterIP = res.value;
    }
    spec.clusterIPs = [spec.clusterIP];
    if (spec.clusterIP !== 'None') {
      const primary = parseIP(spec.clusterIP)?.family ?? 'IPv4';
      const families: string[] = Array.isArray(spec.ipFamilies) ? spec.ipFamilies : [];
      const secondary = families.find((f) => f !== primary) as 'IPv4' | 'IPv6' | undefined;
      spec.ipFamilies = [primary];
      if (!secondary && spec.ipFamilyPolicy === 'RequireDualStack') {
        s.reporter.invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy, 'this cluster is not configured for dual-stack services');
        rejected.add(s);
        continue;
      }
      // Dual-stack: a second ClusterIP from the other family's ServiceCIDR (alloc.go allocClusterIPs).
      if (secondary && spec.ipFamilyPolicy !== 'SingleStack') {
        const res = ips.allocateNext(secondary);
        if (res.ok) {
          spec.clusterIPs.push(res.value);
          spec.ipFamilies.push(secondary);
        } else if (spec.ipFamilyPolicy === 'RequireDualStack') {
          s.reporter.invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy, 'this cluster is not configured for dual-stack services');
          rejected.add(s);
          continue;
        }
      }
    }
    if (wantsNodePorts(spec)) {
      for (const p of spec.ports ?? []) {
        if (p.nodePort) continue;
        const res = ports.allocateNext();
        if (res.ok) p.nodePort = Number(res.value);
      }
    }
    if (needsHealthCheckNodePort(spec) && !spec.healthCheckNodePort) {
      const res = ports.allocateNext();
      if (res.ok) spec.healthCheckNodePort = Number(res.value);
    }
  }
  return rejected;
}
