// The EndpointSlice entries that point at one Pod (targetRef), with their conditions: what the
// Pods tab shows to make the coupling visible (readiness → ready=false → out of kube-proxy's rules).
import type { ClusterSnapshot } from '../../engine/cluster/objects.ts';

export interface PodEndpoint {
  readonly slice: string;
  readonly service: string;
  readonly addresses: string;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
}

interface Endpoint {
  addresses?: string[];
  targetRef?: { kind?: string; name?: string; namespace?: string };
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
}

export function podEndpoints(snapshot: ClusterSnapshot | null, podKey: string): PodEndpoint[] {
  if (!snapshot) return [];
  const [ns, name] = podKey.includes('/') ? podKey.split('/') : ['default', podKey];
  const out: PodEndpoint[] = [];
  for (const { object } of snapshot.objects) {
    if (object.kind !== 'EndpointSlice' || (object.metadata.namespace ?? 'default') !== ns) continue;
    for (const e of (object['endpoints'] ?? []) as Endpoint[]) {
      if (e.targetRef?.kind !== 'Pod' || e.targetRef.name !== name) continue;
      const c = e.conditions ?? {};
      out.push({
        slice: object.metadata.name,
        service: object.metadata.labels?.['kubernetes.io/service-name'] ?? '',
        addresses: (e.addresses ?? []).join(', '),
        ready: c.ready === true,
        serving: c.serving === true,
        terminating: c.terminating === true,
      });
    }
  }
  return out;
}
