// kube-proxy iptables mode at scale: N Services × 10 endpoints → ProxyModel → ruleset →
// iptables-save text of the node. Targets (issue 3): 10k Services in ≤ 1 s; per-Service cost
// from 1k → 10k → 50k grows at most 1.1× per step (linear). Also prints the seed's critique,
// measured: rule count, restore size, and full vs partial resync size after one endpoint change.
import type { KubeObject } from '../src/engine/cluster/objects.ts';
import { buildProxyModel } from '../src/engine/kubeproxy/proxyModel.ts';
import { defaultProxierConfig } from '../src/engine/kubeproxy/proxierConfig.ts';
import type { ProxyModel } from '../src/engine/kubeproxy/types.ts';
import { compareResync, firstSyncSaveTables, measureRestore, renderRestore, renderSaveTables, syncProxyRules } from '../src/engine/kubeproxy/iptables/index.ts';
import { performance } from 'node:perf_hooks';
import { timeMedian, type BenchRow, type BenchSuite } from './harness.ts';

const ENDPOINTS = 10;

function ip(base: number, n: number): string {
  return `${base}.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/**
 * The objects as the lab's parsers hand them over: strings built here with template literals are
 * V8 ropes, which no YAML or JSON parser produces, so they go through one JSON round trip.
 */
export function generateObjects(services: number): KubeObject[] {
  return JSON.parse(JSON.stringify(buildObjects(services))) as KubeObject[];
}

function buildObjects(services: number): KubeObject[] {
  const out: KubeObject[] = [];
  for (let s = 0; s < services; s++) {
    const name = `svc-${s}`;
    out.push({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'bench' }, spec: { type: s % 10 === 0 ? 'NodePort' : 'ClusterIP', clusterIP: ip(10, s + 1), ports: [{ name: 'http', port: 80, protocol: 'TCP', ...(s % 10 === 0 ? { nodePort: 30000 + (s % 2700) } : {}) }] } });
    out.push({
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
      metadata: { name: `${name}-1`, namespace: 'bench', labels: { 'kubernetes.io/service-name': name } },
      endpoints: Array.from({ length: ENDPOINTS }, (_, e) => ({ addresses: [ip(100, s * ENDPOINTS + e + 1)], nodeName: e % 3 === 0 ? 'node-1' : 'node-2' })),
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
  }
  return out;
}

const config = defaultProxierConfig({ nodeName: 'node-1', nodeIPs: ['192.168.0.2'], localDetector: { mode: 'ClusterCIDR', clusterCIDR: '100.0.0.0/8' } });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function renderAll(model: ProxyModel): string {
  return renderSaveTables(firstSyncSaveTables(syncProxyRules(model)), { family: 'IPv4' });
}

const suite: BenchSuite = {
  name: 'iptables',
  run() {
    const rows: BenchRow[] = [];
    const perService: number[] = [];
    for (const n of [1000, 10000, 50000]) {
      const objects = generateObjects(n);
      renderAll(buildProxyModel(objects, config)); // warm-up
      // Each sample is the whole pipeline as the lab runs it (model, then rules and save text),
      // with its CPU time: on a shared machine wall time is partly waiting for a core, and one
      // sample swings ±15% with GC timing, so the median of 5 decides (2 at 50k, ~7 s each).
      const samples: { model: number; render: number; cpu: number }[] = [];
      for (let r = 0; r < (n >= 50000 ? 2 : 5); r++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const m = buildProxyModel(objects, config);
        const t1 = performance.now();
        renderAll(m);
        const t2 = performance.now();
        const cpu = process.cpuUsage(c0);
        samples.push({ model: t1 - t0, render: t2 - t1, cpu: (cpu.user + cpu.system) / 1000 });
      }
      const msModel = median(samples.map((x) => x.model));
      const msRender = median(samples.map((x) => x.render));
      const total = median(samples.map((x) => x.model + x.render));
      const cpuMs = median(samples.map((x) => x.cpu));
      // Linearity is judged on CPU time: wall time on a shared machine swings with the load.
      perService.push(cpuMs / n);
      // (after the samples: a second model kept alive during them would only add GC work)
      const restore = renderRestore(syncProxyRules(buildProxyModel(objects, config)));
      const size = measureRestore(restore);
      rows.push({
        suite: 'iptables', case: `${n} Services × ${ENDPOINTS} endpoints → iptables-save`, ms: total,
        ...(n === 10000 ? { target: '≤ 1000 ms', ok: total <= 1000 } : {}),
        detail: `samples ${samples.map((x) => (x.model + x.render).toFixed(0)).join('/')} ms; cpu ${cpuMs.toFixed(0)} ms; model ${msModel.toFixed(0)} ms + rules/save ${msRender.toFixed(0)} ms; ${size.rules} rules, ${size.chains} chains, restore ${(size.bytes / 1e6).toFixed(1)} MB; ${(total / n * 1000).toFixed(1)} µs/Service`,
      });
    }
    for (let i = 1; i < perService.length; i++) {
      const ratio = perService[i]! / perService[i - 1]!;
      rows.push({ suite: 'iptables', case: `linear: per-Service cost step ${i}`, ms: 0, target: '≤ 1.1×', ok: ratio <= 1.1, detail: `${ratio.toFixed(2)}× (${(perService[i - 1]! * 1000).toFixed(1)} → ${(perService[i]! * 1000).toFixed(1)} µs CPU/Service)` });
    }
    // The critique, measured: one endpoint of one Service goes away at 10k Services.
    const objects = generateObjects(10000);
    const before = buildProxyModel(objects, config);
    const slice = objects.find((o) => o.kind === 'EndpointSlice' && o.metadata.name === 'svc-42-1')!;
    const changed = objects.map((o) => (o === slice ? { ...o, endpoints: (o.endpoints as unknown[]).slice(1) } : o));
    const after = buildProxyModel(changed, config);
    let cmp = compareResync(before, after);
    const ms = timeMedian(() => { cmp = compareResync(before, after); }, 1);
    rows.push({ suite: 'iptables', case: 'resync after 1 endpoint change (10k Services)', ms, detail: `full ${(cmp.full.bytes / 1e6).toFixed(2)} MB / ${cmp.full.rules} rules vs partial ${(cmp.partial.bytes / 1e3).toFixed(0)} kB / ${cmp.partial.rules} rules (changed: ${cmp.changedServicePorts.join(', ')})` });
    return rows;
  },
};

export default suite;
