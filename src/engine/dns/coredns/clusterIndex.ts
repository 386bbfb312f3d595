// The informer indexes the kubernetes plugin looks objects up by (plugin/kubernetes/controller.go:
// SvcIndex, EpIndex, SvcIndexReverse, EpIndexReverse, PodIndex), built once per cluster state.
import { canonicalIP } from '../../shared/ip.ts';
import type { DnsClusterState, DnsEndpoints, DnsPod, DnsService } from './model.ts';

/** Adds v under k once (an object listed twice under one IP would answer twice). */
function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const l = m.get(k);
  if (!l) m.set(k, [v]);
  else if (l[l.length - 1] !== v) l.push(v);
}

/** IPv6 has many spellings of one address; dotted quads (no leading zeros, as Go parses them) have one. */
const ipKey = (ip: string) => (ip.includes(':') ? (canonicalIP(ip) ?? ip) : ip);

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
      for (const ip of s.clusterIPs) push(this.svcByIP, ipKey(ip), s);
    }
    for (const e of cluster.endpoints) {
      push(this.epByService, `${e.service}.${e.namespace}`, e);
      for (const a of e.addresses) push(this.epByIP, ipKey(a.ip), e);
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
