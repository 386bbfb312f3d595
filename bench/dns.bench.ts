// engine/dns at scale: CoreDNS's kubernetes plugin over clusters of 1k and 10k Services (every
// 10th headless with 10 ready endpoints), a mix of queries, the zone transfer, and resolveName
// from a Pod (resolv.conf + glibc search walk + CoreDNS) over a snapshot of the same size.
// Target (interactive DNS tab): one lookup well inside a frame.
import type { ClusterObject, ClusterSnapshot, KubeObject } from '../src/engine/cluster/objects.ts';
import { ClusterDNS, PLUGIN_DEFAULTS, resolveName, type DnsClusterState } from '../src/engine/dns/index.ts';
import { timeMedian, type BenchRow, type BenchSuite } from './harness.ts';

const ip = (base: number, n: number) => `${base}.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

function objects(services: number): KubeObject[] {
  const out: KubeObject[] = [];
  for (let s = 0; s < services; s++) {
    const name = `svc-${s}`;
    const namespace = `team-${s % 20}`;
    const headless = s % 10 === 0;
    out.push({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { clusterIP: headless ? 'None' : ip(10, s + 1), ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } });
    out.push({
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
      metadata: { name: `${name}-1`, namespace, labels: { 'kubernetes.io/service-name': name } },
      endpoints: Array.from({ length: 10 }, (_, e) => ({ addresses: [ip(100, s * 10 + e + 1)], conditions: { ready: true } })),
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
  }
  out.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', namespace: 'team-0' }, spec: { containers: [{ name: 'c', image: 'busybox' }] }, status: { podIP: '10.244.0.2' } });
  return out;
}

function snapshot(services: number): ClusterSnapshot {
  const objs: ClusterObject[] = objects(services).map((o) => ({ key: `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`, object: o }));
  return { objects: objs, diagnostics: [] };
}

function state(services: number): DnsClusterState {
  const s = snapshot(services);
  const svc = s.objects.filter((o) => o.object.kind === 'Service').map((o) => o.object);
  const ns = new Set(svc.map((o) => o.metadata.namespace));
  return {
    services: svc.map((o) => ({ name: o.metadata.name, namespace: o.metadata.namespace!, type: 'ClusterIP', clusterIPs: [o.spec.clusterIP], ports: [{ name: 'http', protocol: 'TCP', port: 80 }] })),
    endpoints: s.objects.filter((o) => o.object.kind === 'EndpointSlice').map((o) => ({
      name: o.object.metadata.name, namespace: o.object.metadata.namespace!, service: o.object.metadata.labels!['kubernetes.io/service-name']!,
      addresses: (o.object['endpoints'] as { addresses: string[] }[]).map((e) => ({ ip: e.addresses[0]! })), ports: [{ name: 'http', protocol: 'TCP', port: 8080 }],
    })),
    pods: [],
    namespaceExists: (n) => ns.has(n),
  };
}

const suite: BenchSuite = {
  name: 'dns',
  run() {
    const rows: BenchRow[] = [];
    for (const n of [1000, 10000]) {
      const st = state(n);
      const tIndex = timeMedian(() => new ClusterDNS(st, PLUGIN_DEFAULTS, null), 3);
      // Built once per snapshot (cached by resolveName), like the informers' indexes.
      const limit = n <= 1000 ? 100 : 1000;
      rows.push({ suite: 'dns', case: `CoreDNS index: ${n} Services, ${n * 10} endpoints`, ms: tIndex, target: `< ${limit} ms`, ok: tIndex < limit });
      const dns = new ClusterDNS(st, PLUGIN_DEFAULTS, null);
      const qs: [string, string][] = [];
      for (let k = 0; k < 1000; k++) {
        const s = (k * 7919) % n;
        const base = `svc-${s}.team-${s % 20}.svc.cluster.local.`;
        qs.push([base, 'A'], [`_http._tcp.${base}`, 'SRV'], [`nope-${k}.team-1.svc.cluster.local.`, 'A'], [`${(s * 10 + 1) & 255}.${((s * 10 + 1) >> 8) & 255}.0.100.in-addr.arpa.`, 'PTR']);
      }
      const tQ = timeMedian(() => { for (const [q, t] of qs) dns.serve(q, t); }, 3);
      rows.push({ suite: 'dns', case: `${qs.length} queries (A/SRV/NXDOMAIN/PTR mix), ${n} Services`, ms: tQ, target: `< ${qs.length} ms (1 ms each)`, ok: tQ < qs.length, detail: `${((tQ / qs.length) * 1000).toFixed(1)} µs per query` });
      const tX = timeMedian(() => dns.serve('cluster.local.', 'AXFR'), 3);
      rows.push({ suite: 'dns', case: `AXFR of ${n} Services`, ms: tX, detail: `${dns.serve('cluster.local.', 'AXFR').message.answer.length} records` });
      const snap = snapshot(n);
      const tR = timeMedian(() => resolveName(snap, 'team-0', 'client', 'google.com'), 3);
      rows.push({ suite: 'dns', case: `resolveName google.com (4 names, 8 packets), ${n} Services`, ms: tR, target: '< 16 ms (one frame)', ok: tR < 16 });
    }
    return rows;
  },
};
export default suite;
