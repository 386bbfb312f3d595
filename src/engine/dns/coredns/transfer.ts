// The zone transfer (AXFR) the kubernetes plugin serves (plugin/kubernetes/xfr.go Transfer).
import type { RR } from './dnsMessage.ts';
import { endpointHostname, hostType, isHeadless, type Kubernetes } from './kubernetes.ts';
import { parseIP } from '../../shared/ip.ts';

const addrType = (ip: string): 'A' | 'AAAA' => (parseIP(ip)?.family === 'IPv6' ? 'AAAA' : 'A');

/** xfr.go calcSRVWeight: 100 split evenly over the subset's addresses. */
function calcSRVWeight(n: number): number {
  return Math.floor((100 / (100 * Math.max(1, n))) * 100);
}

/**
 * SOA, NS (+ address), then per exposed Service sorted by name: ClusterIP → A/AAAA, an SRV at
 * the bare name and at `_proto._port` per named port (weight 100); headless → per ready address
 * an A at the Service and at the endpoint name and an SRV per named port; ExternalName → CNAME;
 * SOA again at the end.
 */
export function transfer(k: Kubernetes, zone: string): RR[] {
  const ttl = k.config.ttl;
  const soa = k.soa(zone);
  const out: RR[] = [soa];
  const nsHosts = new Set<string>();
  for (const a of k.nsAddrs(zone)) {
    if (!nsHosts.has(a.name)) {
      nsHosts.add(a.name);
      out.push({ name: zone, ttl, type: 'NS', data: a.name });
    }
    out.push(a);
  }
  const services = [...k.cluster.services].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0));
  for (const svc of services) {
    if (!k.namespaceExposed(svc.namespace)) continue;
    const base = `${svc.name}.${svc.namespace}.svc.${zone}`;
    if (svc.type === 'ExternalName') {
      const host = svc.externalName ?? '';
      if (hostType({ host, port: 0, ttl, key: base }) === 'CNAME') out.push({ name: base, ttl, type: 'CNAME', data: host.endsWith('.') ? host : host + '.' });
      continue;
    }
    if (!isHeadless(svc) && parseIP(svc.clusterIPs[0] ?? '')) {
      for (const ip of svc.clusterIPs) out.push({ name: base, ttl, type: addrType(ip), data: ip });
      for (const p of svc.ports) {
        out.push({ name: base, ttl, type: 'SRV', data: `0 100 ${p.port} ${base}` });
        // "As per spec unnamed ports do not have a srv record"
        if (p.name === '') continue;
        out.push({ name: `_${p.name.toLowerCase()}._${p.protocol.toLowerCase()}.${base}`, ttl, type: 'SRV', data: `0 100 ${p.port} ${base}` });
      }
      continue;
    }
    for (const ep of k.index.endpointsOf(svc)) {
      const weight = calcSRVWeight(ep.addresses.length);
      for (const addr of ep.addresses) {
        out.push({ name: base, ttl, type: addrType(addr.ip), data: addr.ip });
        const host = `${endpointHostname(addr, k.config.endpointPodNames)}.${base}`;
        out.push({ name: host, ttl, type: addrType(addr.ip), data: addr.ip });
        for (const p of ep.ports) {
          if (p.name === '') continue;
          out.push({ name: `_${p.name.toLowerCase()}._${p.protocol.toLowerCase()}.${base}`, ttl, type: 'SRV', data: `0 ${weight} ${p.port} ${host}` });
        }
      }
    }
  }
  out.push(soa);
  return out;
}
