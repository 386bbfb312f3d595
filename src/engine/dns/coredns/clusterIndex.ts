// The informer indexes the kubernetes plugin looks objects up by (plugin/kubernetes/controller.go:
// SvcIndex, EpIndex, SvcIndexReverse, EpIndexReverse, PodIndex), built once per cluster state.
import { canonicalIP } from '../../shared/ip.ts';
import type { DnsClusterState, DnsEndpoints, DnsPod, DnsService } from './model.ts';

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

const ipKey = (ip: string) => canonicalIP(ip) ?? ip;

export class ClusterIndex {
  private readonly svcByName = new Map<string, DnsService[]>();
  private readonly epByService = new Map<string, DnsEndpoints[]>();
  private readonly svcByIP = new Map<string, DnsService[]>();
  private readonly epByIP = new Map<string, DnsEndpoints[]>();
  private readonly podByIP = new Map<string, DnsPod[]>();

  constructor(readonly cluster: DnsClusterState) {
    // object.ServiceKey / EndpointsKey: "<name>.<namespace>"; requests are matched case-insensitively.
    for (const s of cluster.services) {
      push(this.svcByName, `${s.name}.${s.namespace}`.toLowerCase(), s);
      for (const ip of new Set(s.clusterIPs.map(ipKey))) push(this.svcByIP, ip, s);
    }
    for (const e of cluster.endpoints) {
      push(this.epByService, `${e.service}.${e.namespace}`, e);
      for (const ip of new Set(e.addresses.map((a) => ipKey(a.ip)))) push(this.epByIP, ip, e);
    }
    for (const p of cluster.pods) push(this.podByIP, p.podIP, p);
  }

  /** SvcIndex: Services named `name` in `namespace` (case-insensitive). */
  services(name: string, namespace: string): readonly DnsService[] {
    return this.svcByName.get(`${name}.${namespace}`.toLowerCase()) ?? [];
  }

  /** EpIndex for one Service: the Endpoints (one per EndpointSlice) labelled with it. */
  endpointsOf(svc: DnsService): readonly DnsEndpoints[] {
    return this.epByService.get(`${svc.name}.${svc.namespace}`) ?? [];
  }

  /** SvcIndexReverse: Services with this cluster IP. */
  servicesByIP(ip: string): readonly DnsService[] {
    return this.svcByIP.get(ipKey(ip)) ?? [];
  }

  /** EpIndexReverse: Endpoints holding this address. */
  endpointsByIP(ip: string): readonly DnsEndpoints[] {
    return this.epByIP.get(ipKey(ip)) ?? [];
  }

  /** PodIndex: Pods whose status.podIP is this string. */
  podsByIP(ip: string): readonly DnsPod[] {
    return this.podByIP.get(ip) ?? [];
  }
}
