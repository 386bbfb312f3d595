// ipvs mode at scale: one sync for 10k Services × 10 endpoints (target ≤ 1 s), and the cost of
// one ipvsLookup with 100 vs 10k Services (a hash lookup: it should not grow).
import { performance } from 'node:perf_hooks';
import type { KubeObject } from '../src/engine/cluster/objects.ts';
import { buildProxyModel } from '../src/engine/kubeproxy/proxyModel.ts';
import { defaultProxierConfig } from '../src/engine/kubeproxy/proxierConfig.ts';
import { formatIpvsadmList, syncIpvsProxyRules } from '../src/engine/kubeproxy/ipvs/index.ts';
import { ipvsKernelStateFrom, ipvsLookup } from '../src/engine/netfilter/ipvs/index.ts';
import { timeMedian, type BenchRow, type BenchSuite } from './harness.ts';

function cluster(services: number, endpoints: number): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = 0; i < services; i++) {
    const name = `svc-${i}`;
    const clusterIP = `10.${96 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
    out.push({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'bench' },
      spec: { type: i % 10 === 0 ? 'NodePort' : 'ClusterIP', clusterIP, ports: [{ name: 'http', port: 80, protocol: 'TCP', ...(i % 10 === 0 ? { nodePort: 30000 + (i / 10) % 2768 } : {}) }] } });
    out.push({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: `${name}-1`, namespace: 'bench', labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints: Array.from({ length: endpoints }, (_, j) => ({ addresses: [`10.${128 + (j % 64)}.${(i >> 8) & 255}.${i & 255}`], nodeName: j === 0 ? 'node-1' : `node-${j + 1}` })) });
  }
  return out;
}

const config = defaultProxierConfig({ nodeName: 'node-1', nodeIPs: ['192.168.0.10'], hostInterfaces: { eth0: ['192.168.0.10/24'] }, mode: 'ipvs' });

function lookupCost(services: number): number {
  const state = ipvsKernelStateFrom(syncIpvsProxyRules(buildProxyModel(cluster(services, 10), config)).virtualServers);
  const n = 20000;
  const t0 = performance.now();
  for (let k = 0; k < n; k++) {
    const i = (k * 7919) % services;
    ipvsLookup(state, { proto: 'tcp', src: '10.244.1.5', sport: 40000 + (k % 20000), dst: `10.${96 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, dport: 80 });
  }
  return ((performance.now() - t0) / n) * 1000; // µs per lookup
}

const suite: BenchSuite = {
  name: 'ipvs',
  run() {
    const rows: BenchRow[] = [];
    const objects = cluster(10_000, 10);
    let vsCount = 0;
    const model = buildProxyModel(objects, config);
    const modelMs = timeMedian(() => buildProxyModel(objects, config), 3);
    const syncMs = timeMedian(() => { vsCount = syncIpvsProxyRules(model).virtualServers.length; }, 3);
    const totalMs = modelMs + syncMs;
    rows.push({ suite: 'ipvs', case: 'proxy model, 10k Services × 10 endpoints', ms: modelMs });
    rows.push({ suite: 'ipvs', case: 'syncIpvsProxyRules (VSs, ipsets, iptables)', ms: syncMs, detail: `${vsCount} virtual servers` });
    rows.push({ suite: 'ipvs', case: 'model + sync', ms: totalMs, target: '≤ 1000 ms', ok: totalMs <= 1000 });
    const state = syncIpvsProxyRules(model);
    rows.push({ suite: 'ipvs', case: 'ipvsadm -Ln text (11k VSs, 100k dests)', ms: timeMedian(() => formatIpvsadmList(state.virtualServers), 3) });
    const small = lookupCost(100);
    const large = lookupCost(10_000);
    rows.push({ suite: 'ipvs', case: 'ipvsLookup, 100 Services', ms: small / 1000, detail: `${small.toFixed(2)} µs/lookup` });
    rows.push({ suite: 'ipvs', case: 'ipvsLookup, 10k Services', ms: large / 1000, target: 'independent of #Services', ok: large < small * 3,
      detail: `${large.toFixed(2)} µs/lookup (×${(large / small).toFixed(2)} vs 100)` });
    return rows;
  },
};
export default suite;
