// A query answered as a cluster's CoreDNS answers it: the kubernetes plugin
// (plugin/kubernetes/handler.go ServeDNS) in front of `forward` to the upstream resolver.
import { message, type DnsMessage, type RR } from './dnsMessage.ts';
import { address, cname, ns, ptr, srv, txt, type Lookup } from './backendLookup.ts';
import { Kubernetes, type Query, type UpstreamLookup } from './kubernetes.ts';
import type { CoreDNSConfig, DnsClusterState } from './model.ts';
import { fqdn, isSubDomain, matchZone } from './names.ts';
import { transfer } from './transfer.ts';

export interface ServeResult {
  readonly message: DnsMessage;
  /** Which plugin wrote the answer. */
  readonly answeredBy: 'kubernetes' | 'forward' | 'none';
}

/** handler.go ServeDNS for one question; 'next' when the name is not ours or falls through. */
export function kubernetesServeDNS(k: Kubernetes, qnameIn: string, qtypeIn: string): DnsMessage | 'next' {
  const qname = fqdn(qnameIn);
  const qtype = qtypeIn.toUpperCase();
  const matched = matchZone(k.config.zones, qname);
  if (matched === '') return 'next';
  // "maintain case of original query"
  const zone = qname.slice(qname.length - matched.length);
  const q: Query = { qname, qtype, zone };
  let res: Lookup = { records: [], extra: [], truncated: false, err: null };
  switch (qtype) {
    case 'AXFR':
    case 'IXFR':
      return message('NOERROR', transfer(k, zone));
    case 'A':
    case 'AAAA':
      res = address(k, q);
      break;
    case 'TXT':
      res = txt(k, q);
      break;
    case 'CNAME':
      res = cname(k, q);
      break;
    case 'PTR':
      res = ptr(k, q);
      break;
    case 'SRV':
      res = srv(k, q);
      break;
    case 'MX':
      // plugin.MX keeps only services marked Mail; the kubernetes plugin has none.
      res = { ...res, err: k.services(q).err };
      break;
    case 'SOA':
      if (qname === zone) res = { ...res, records: [k.soa(zone)] };
      break;
    default:
      if (qtype === 'NS' && qname.toLowerCase() === zone.toLowerCase()) {
        res = ns(k, q);
        break;
      }
      // NS below the apex and every other type: "Do a fake A lookup, so we can distinguish
      // between NODATA and NXDOMAIN".
      res = { ...res, err: address(k, { ...q, qtype: 'A' }).err };
  }
  if (res.err !== null) {
    // IsNameError: every backend error here is one.
    const fall = k.config.fallthrough;
    if (fall !== null && (fall.length === 0 || fall.some((z) => isSubDomain(z, qname)))) return 'next';
    return message(k.config.informerSynced ? 'NXDOMAIN' : 'SERVFAIL', [], [k.soa(zone)]);
  }
  if (res.records.length === 0) return message('NOERROR', [], [k.soa(zone)]);
  return message('NOERROR', res.records, [], res.extra, res.truncated);
}

/** A cluster DNS server: the kubernetes plugin, then (for other names, or fallthrough) forward. */
export class ClusterDNS {
  readonly kubernetes: Kubernetes;
  constructor(cluster: DnsClusterState, config: CoreDNSConfig, readonly upstream: UpstreamLookup | null) {
    this.kubernetes = new Kubernetes(cluster, config, upstream);
  }

  serve(qname: string, qtype: string): ServeResult {
    const m = kubernetesServeDNS(this.kubernetes, qname, qtype);
    if (m !== 'next') return { message: m, answeredBy: 'kubernetes' };
    const up = this.upstream?.(fqdn(qname), qtype.toUpperCase());
    // plugin.NextOrFailure with no next plugin, or forward with no healthy upstream: SERVFAIL.
    return up ? { message: up, answeredBy: 'forward' } : { message: message('SERVFAIL'), answeredBy: 'none' };
  }
}

export type { RR };
