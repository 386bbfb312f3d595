// The kubernetes plugin as a CoreDNS backend (plugin/kubernetes/kubernetes.go): Services,
// Records, Reverse, findServices, findPods, nsAddrs.
import { canonicalIP, parseIP } from '../../shared/ip.ts';
import type { DnsMessage, RR } from './dnsMessage.ts';
import { ClusterIndex } from './clusterIndex.ts';
import type { CoreDNSConfig, DnsClusterState, DnsEndpointAddress, DnsService } from './model.ts';
import { extractAddressFromReverse, isReverse, splitDomainName, trimZone } from './names.ts';
import { parseRequest, type RecordRequest } from './parseRequest.ts';

/** One answer candidate (CoreDNS plugin/etcd/msg.Service). */
export interface MsgService {
  /** An IP (A/AAAA), a name (CNAME target) or, with text set, a TXT owner. */
  readonly host: string;
  readonly port: number;
  readonly ttl: number;
  /** The name the record lives at (msg.Domain(Key)), fully qualified. */
  readonly key: string;
  readonly text?: string;
}

/** errNoItems, errNsNotExposed, errInvalidRequest: every one is a name error (IsNameError → NXDOMAIN). */
export type BackendError = 'NoItems' | 'NsNotExposed' | 'InvalidRequest';

export interface BackendResult {
  readonly services: MsgService[];
  readonly err: BackendError | null;
}

/** A query as request.Request sees it. */
export interface Query {
  /** As sent (case kept), fully qualified. */
  readonly qname: string;
  readonly qtype: string;
  /** The matched zone, in the query's case. */
  readonly zone: string;
}

/** msg.Service.HostType. */
export function hostType(s: MsgService): 'A' | 'AAAA' | 'CNAME' | 'TXT' {
  const ip = parseIP(s.host);
  if (!ip) return s.text !== undefined ? 'TXT' : 'CNAME';
  return ip.family === 'IPv4' ? 'A' : 'AAAA';
}

/** kubernetes.go DNSSchemaVersion, served as TXT at `dns-version.<zone>`. */
export const DNS_SCHEMA_VERSION = '1.1.0';

/** upstream.Lookup: the answer for a name outside the zone, or null when the lookup fails. */
export type UpstreamLookup = (name: string, qtype: string) => DnsMessage | null;

/** kubernetes.go endpointHostname: hostname, else (endpoint_pod_names) the Pod name, else the dashed IP. */
export function endpointHostname(addr: DnsEndpointAddress, endpointPodNames: boolean): string {
  if (addr.hostname) return addr.hostname;
  if (endpointPodNames && addr.targetRefName && addr.targetRefName.length < 64) return addr.targetRefName;
  if (addr.ip.includes('.')) return addr.ip.replaceAll('.', '-');
  if (addr.ip.includes(':')) {
    const h = addr.ip.replaceAll(':', '-');
    return h.endsWith('-') ? h + '0' : h;
  }
  return '';
}

const eqFold = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** kubernetes.go matchPortAndProtocol: an empty request port/protocol matches any. */
function matchPortAndProtocol(aPort: string, bPort: string, aProto: string, bProto: string): boolean {
  return (aPort === '' || eqFold(aPort, bPort)) && (aProto === '' || eqFold(aProto, bProto));
}

export const isHeadless = (s: DnsService) => s.clusterIPs[0] === 'None';

export class Kubernetes {
  readonly index: ClusterIndex;
  constructor(
    readonly cluster: DnsClusterState,
    readonly config: CoreDNSConfig,
    readonly upstream: UpstreamLookup | null,
  ) {
    this.index = new ClusterIndex(cluster);
  }

  /** namespace.go namespaceExposed: configured in `namespaces` (or none configured) and existing. */
  namespaceExposed(ns: string): boolean {
    if (this.config.namespaces.length > 0 && !this.config.namespaces.includes(ns)) return false;
    return this.cluster.namespaceExists(ns);
  }

  /** kubernetes.go Services: the per-type special cases, then Records. */
  services(q: Query): BackendResult {
    const name = q.qname.toLowerCase();
    if (q.qtype === 'TXT') {
      // "Hard code the only valid TXT - dns-version.<zone>"
      const segs = splitDomainName(trimZone(name, q.zone.toLowerCase()));
      if (segs.length === 1 && segs[0] === 'dns-version') {
        return { services: [{ host: '', port: 0, ttl: 28800, key: q.qname, text: DNS_SCHEMA_VERSION }], err: null };
      }
      // "Check if we have an existing record for this query of another type"
      const other = this.records({ ...q, qtype: 'A' });
      return other.services.length > 0 ? { services: [], err: null } : { services: [], err: 'NoItems' };
    }
    if (q.qtype === 'NS') {
      // Only reached for the zone apex (handler.go).
      return { services: this.nsAddrs(q.zone).map((rr) => ({ host: rr.data, port: 0, ttl: this.config.ttl, key: rr.name })), err: null };
    }
    if (name === `ns.dns.${q.zone.toLowerCase()}`) {
      // isDefaultNS: the name the NS record points at.
      const want = q.qtype === 'AAAA' ? 'AAAA' : 'A';
      return {
        services: this.nsAddrs(q.zone).filter((rr) => rr.type === want && q.qtype === want).map((rr) => ({ host: rr.data, port: 0, ttl: this.config.ttl, key: q.qname })),
        err: null,
      };
    }
    const r = this.records(q);
    // "SRV for external services is not yet implemented, so remove those records."
    if (q.qtype !== 'SRV') return r;
    return { services: r.services.filter((s) => hostType(s) !== 'CNAME'), err: r.err };
  }

  /** kubernetes.go Records. */
  records(q: Query): BackendResult {
    const p = parseRequest(q.qname.toLowerCase(), q.zone);
    if (!p.ok) return { services: [], err: p.error };
    if (p.r.podOrSvc === '') return { services: [], err: null };
    if (isReverse(q.qname) > 0) return { services: [], err: 'NoItems' };
    if (!this.namespaceExposed(p.r.namespace)) return { services: [], err: 'NsNotExposed' };
    return p.r.podOrSvc === 'pod' ? this.findPods(p.r, q.zone) : this.findServices(p.r, q.zone);
  }

  /** kubernetes.go findPods: `pods insecure` echoes any dashed IP; `pods verified` needs a Pod with it. */
  findPods(r: RecordRequest, zone: string): BackendResult {
    if (this.config.podMode === 'disabled') return { services: [], err: 'NoItems' };
    if (!this.namespaceExposed(r.namespace)) return { services: [], err: 'NoItems' };
    const podname = r.service;
    if (podname === '') return { services: [], err: null };
    const ip = (podname.match(/-/g) ?? []).length === 3 && !podname.includes('--') ? podname.replaceAll('-', '.') : podname.replaceAll('-', ':');
    const key = `${podname}.${r.namespace}.pod.${zone}`;
    if (this.config.podMode === 'insecure') {
      if (!parseIP(ip)) return { services: [], err: 'NoItems' };
      return { services: [{ host: ip, port: 0, ttl: this.config.ttl, key }], err: null };
    }
    const services = this.index.podsByIP(ip)
      .filter((p) => eqFold(r.namespace, p.namespace))
      .map(() => ({ host: ip, port: 0, ttl: this.config.ttl, key }));
    return { services, err: services.length > 0 ? null : 'NoItems' };
  }

  /** kubernetes.go findServices. */
  findServices(r: RecordRequest, zone: string): BackendResult {
    if (!this.namespaceExposed(r.namespace)) return { services: [], err: 'NoItems' };
    // "handle empty service name": NODATA for an exposed namespace.
    if (r.service === '') return { services: [], err: null };
    let err: BackendError | null = 'NoItems';
    const services: MsgService[] = [];
    const ttl = this.config.ttl;
    for (const svc of this.index.services(r.service, r.namespace)) {
      const endpoints = this.index.endpointsOf(svc);
      const svcDomain = `${svc.name}.${svc.namespace}.svc.${zone}`;
      // "ignore empty_service": NXDOMAIN for a ClusterIP Service without ready addresses.
      if (this.config.ignoreEmptyService && svc.type !== 'ExternalName' && !isHeadless(svc)) {
        if (endpoints.every((e) => e.addresses.length === 0)) continue;
      }
      if (svc.type === 'ExternalName') {
        // No endpoints and no _port._proto for an ExternalName; an IP-looking value is no CNAME target.
        if (r.endpoint !== '' || r.port !== '' || r.protocol !== '') continue;
        const s: MsgService = { host: svc.externalName ?? '', port: 0, ttl, key: svcDomain };
        if (hostType(s) === 'CNAME') {
          services.push(s);
          err = null;
        }
        continue;
      }
      // "Endpoint query or headless service"
      if (isHeadless(svc) || r.endpoint !== '') {
        for (const ep of endpoints) {
          for (const addr of ep.addresses) {
            const host = endpointHostname(addr, this.config.endpointPodNames);
            if (r.endpoint !== '' && !eqFold(r.endpoint, host)) continue;
            for (const p of ep.ports) {
              if (!matchPortAndProtocol(r.port, p.name, r.protocol, p.protocol)) continue;
              services.push({ host: addr.ip, port: p.port, ttl, key: `${host}.${svcDomain}` });
              err = null;
            }
          }
        }
        continue;
      }
      for (const p of svc.ports) {
        if (!matchPortAndProtocol(r.port, p.name, r.protocol, p.protocol)) continue;
        err = null;
        for (const ip of svc.clusterIPs) services.push({ host: ip, port: p.port, ttl, key: svcDomain });
      }
    }
    return { services, err };
  }

  /** kubernetes.go Reverse / serviceRecordForIP: a cluster IP first, else every endpoint with the IP. */
  reverse(q: Query): BackendResult {
    const ip = extractAddressFromReverse(q.qname);
    if (ip === '') return { services: [], err: this.records(q).err };
    const zone = this.primaryZone();
    const sameIP = (a: string) => canonicalIP(a) === ip;
    const exposed = (ns: string) => this.config.namespaces.length === 0 || this.namespaceExposed(ns);
    for (const svc of this.index.servicesByIP(ip)) {
      if (!exposed(svc.namespace)) continue;
      return { services: [{ host: `${svc.name}.${svc.namespace}.svc.${zone}`, port: 0, ttl: this.config.ttl, key: q.qname }], err: null };
    }
    const services: MsgService[] = [];
    for (const ep of this.index.endpointsByIP(ip)) {
      if (!exposed(ep.namespace)) continue;
      for (const addr of ep.addresses) {
        if (!sameIP(addr.ip)) continue;
        const host = `${endpointHostname(addr, this.config.endpointPodNames)}.${ep.service}.${ep.namespace}.svc.${zone}`;
        services.push({ host, port: 0, ttl: this.config.ttl, key: q.qname });
      }
    }
    return { services, err: services.length > 0 ? null : 'NoItems' };
  }

  /** kubernetes.go primaryZone: the first configured zone. */
  primaryZone(): string {
    return this.config.zones[0] ?? 'cluster.local.';
  }

  /**
   * kubernetes.go nsAddrs: the Services whose endpoints are CoreDNS's own IPs (cluster IPs, or
   * endpoint names for a headless one); without such endpoints, `ns.dns.<zone>` at the local IPs.
   */
  nsAddrs(zone: string): RR[] {
    const names: string[] = [];
    const ips: string[] = [];
    let found = false;
    for (const local of this.config.localIPs) {
      for (const ep of this.index.endpointsByIP(local)) {
        found = true;
        for (const svc of this.index.services(ep.service, ep.namespace)) {
          const svcName = `${svc.name}.${svc.namespace}.svc.${zone}`;
          if (isHeadless(svc)) {
            for (const a of ep.addresses) {
              names.push(`${endpointHostname(a, this.config.endpointPodNames)}.${svcName}`);
              ips.push(a.ip);
            }
          } else {
            for (const ip of svc.clusterIPs) {
              names.push(svcName);
              ips.push(ip);
            }
          }
        }
      }
    }
    if (!found) {
      for (const local of this.config.localIPs) {
        names.push(`ns.dns.${zone}`);
        ips.push(local);
      }
    }
    return ips.map((ip, i) => ({ name: names[i]!, ttl: this.config.ttl, type: parseIP(ip)?.family === 'IPv6' ? 'AAAA' : 'A', data: ip }));
  }

  /** plugin.SOA: `ns.dns.<zone> hostmaster.<zone> <serial> 7200 1800 86400 <ttl>`, TTL min(ttl, 300). */
  soa(zone: string): RR {
    const ttl = this.config.ttl;
    // "if zone[0] != '.'": the root zone's SOA names are just ns.dns. and hostmaster.
    const z = zone.startsWith('.') ? '' : zone;
    return { name: zone, ttl: Math.min(ttl, 300), type: 'SOA', data: `ns.dns.${z} hostmaster.${z} ${this.config.serial} 7200 1800 86400 ${ttl}` };
  }

  /** b.Lookup: resolve a name outside the zone through the upstream (the Corefile's forward). */
  lookup(name: string, qtype: string): DnsMessage | null {
    return this.upstream ? this.upstream(name, qtype) : null;
  }
}
