// Cluster objects + ProxierConfig → the per-node ProxyModel every proxy mode renders
// (DESIGN.md habit 3). Mirrors what kube-proxy's ServiceChangeTracker and EndpointsChangeTracker
// hand syncProxyRules: svcPortMap and endpointsMap.
import type { ClusterSnapshot, KubeObject } from '../cluster/objects.ts';
import { endpointsByServicePort, endpointWithoutNodeNameWarnings, servicePortKey } from './endpointsFromSlices.ts';
import { servicePortsFromService } from './servicePorts.ts';
import { sortByCodeUnits } from '../shared/sortByCodeUnits.ts';
import type { ProxierConfig, ProxyModel, ProxyServicePort } from './types.ts';

function objectsOf(input: ClusterSnapshot | readonly KubeObject[]): readonly KubeObject[] {
  return 'objects' in input ? input.objects.map((o) => o.object) : input;
}

/** Builds the model one proxier (one node, one IP family) sees. Service ports are sorted by id. */
export function buildProxyModel(input: ClusterSnapshot | readonly KubeObject[], config: ProxierConfig): ProxyModel {
  const objects = objectsOf(input);
  const warnings: string[] = [];
  const services = objects.filter((o) => o.kind === 'Service');
  const slices = objects.filter((o) => o.kind === 'EndpointSlice');
  const eps = endpointsByServicePort(slices, config.ipFamily, config.nodeName, warnings);
  warnings.push(...endpointWithoutNodeNameWarnings(slices));
  const servicePorts: ProxyServicePort[] = [];
  const nodePortOwners = new Map<string, string>();
  for (const svc of services) {
    for (const sp of servicePortsFromService(svc, config.ipFamily, warnings)) {
      servicePorts.push({ service: sp, endpoints: eps.get(servicePortKey(sp.id, sp.protocol)) ?? [] });
      if (sp.nodePort !== 0) {
        // The API server's NodePort allocator never hands one port/protocol to two Services.
        const k = `${sp.nodePort}/${sp.protocol}`;
        const other = nodePortOwners.get(k);
        if (other !== undefined && other !== sp.id) warnings.push(`Service ports ${other} and ${sp.id} both use nodePort ${k} (an API server would reject the second); both rules are written and the first in KUBE-NODEPORTS wins`);
        else nodePortOwners.set(k, sp.id);
      }
    }
  }
  // By ServicePortName, then protocol ('\0' sorts below every character, so `a` < `ab` holds).
  const sorted = sortByCodeUnits(servicePorts, (sp) => `${sp.service.id}\0${sp.service.protocol}`);
  return { config, servicePorts: sorted, warnings: [...new Set(warnings)] };
}
