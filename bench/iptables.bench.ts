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
import { readFileSync } from 'node:fs';
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

/** `npm run bench` runs with --expose-gc; without it samples simply start from whatever heap is left. */
const collect = (globalThis as { gc?: () => void }).gc;

/** The host's CPU pressure (Linux PSI "some", avg10 %): how much of the time this VM waited for a CPU. */
function cpuPressure(): number | undefined {
  try {
    const m = /some avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

interface Sample { model: number; render: number; cpu: number }

/** One whole pipeline as the lab runs it (model, then rules and save text), with its CPU time. */
async function sample(json: string): Promise<Sample> {
  const objects = JSON.parse(json) as KubeObject[];
  if (collect) {
    // Each sample pays for its own garbage only, as a sync in the lab follows the worker's idle
    // time: collect, then wait until V8's background threads (sweeping a 50k sample's ~1.5 GB)
    // are done, i.e. until the process uses no CPU for 100 ms; otherwise that work lands on the next
    // sample of another size.
    collect();
    for (let waited = 0; waited < 10_000; waited += 100) {
      const c = process.cpuUsage();
      await new Promise((r) => setTimeout(r, 100));
      const used = process.cpuUsage(c);
      if (used.user + used.system < 5_000) break;
    }
  }
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const m = buildProxyModel(objects, config);
  const t1 = performance.now();
  renderAll(m);
  const t2 = performance.now();
  const cpu = process.cpuUsage(c0);
  return { model: t1 - t0, render: t2 - t1, cpu: (cpu.user + cpu.system) / 1000 };
}

const SIZES = [1000, 10000, 50000];
const ROUNDS = 5;
/** Warm-up runs per size, until V8 has optimised the pipeline (a 1k run is short: it takes several). */
const WARMUPS = [8, 2, 1];

const suite: BenchSuite = {
  name: 'iptables',
  async run() {
    const rows: BenchRow[] = [];
    // Each sample parses its own input (untimed), so only that sample's objects are live while it
    // runs: objects of the other sizes would be marked by every full GC of this one.
    const inputs = SIZES.map((n) => JSON.stringify(buildObjects(n)));
    const samples: Sample[][] = SIZES.map(() => []);
    const pressure: number[] = [];
    const warm = (k: number) => {
      for (let w = 0; w < WARMUPS[k]!; w++) renderAll(buildProxyModel(JSON.parse(inputs[k]!) as KubeObject[], config));
    };
    const take = async (k: number) => {
      samples[k]!.push(await sample(inputs[k]!));
      const p = cpuPressure();
      if (p !== undefined) pressure.push(p);
    };
    // 1k first, alone: a small run is slowed by the heap a large one leaves behind (V8 resizes its
    // young generation), which would flatter the 1k → 10k step. Then 10k and 50k in rounds, one
    // sample of each per round, so that load from other tenants of a shared host (which comes and
    // goes over seconds) falls on both sizes alike. Medians decide.
    warm(0);
    for (let r = 0; r < ROUNDS; r++) await take(0);
    warm(1);
    warm(2);
    for (let r = 0; r < ROUNDS; r++) {
      await take(1);
      await take(2);
    }
    const perService: number[] = [];
    SIZES.forEach((n, k) => {
      const ss = samples[k]!;
      const total = median(ss.map((x) => x.model + x.render));
      const cpuMs = median(ss.map((x) => x.cpu));
      // Linearity is judged on CPU time: wall time on a shared machine swings with the load.
      perService.push(cpuMs / n);
      const restore = renderRestore(syncProxyRules(buildProxyModel(JSON.parse(inputs[k]!) as KubeObject[], config)));
      const size = measureRestore(restore);
      rows.push({
        suite: 'iptables', case: `${n} Services × ${ENDPOINTS} endpoints → iptables-save`, ms: total,
        ...(n === 10000 ? { target: '≤ 1000 ms', ok: total <= 1000 } : {}),
        detail: `samples ${ss.map((x) => (x.model + x.render).toFixed(0)).join('/')} ms; cpu ${cpuMs.toFixed(0)} ms; model ${median(ss.map((x) => x.model)).toFixed(0)} ms + rules/save ${median(ss.map((x) => x.render)).toFixed(0)} ms; ${size.rules} rules, ${size.chains} chains, restore ${(size.bytes / 1e6).toFixed(1)} MB; ${(total / n * 1000).toFixed(1)} µs/Service`,
      });
    });
    for (let i = 1; i < perService.length; i++) {
      const ratio = perService[i]! / perService[i - 1]!;
      rows.push({ suite: 'iptables', case: `linear: per-Service cost step ${i}`, ms: 0, target: '≤ 1.1×', ok: ratio <= 1.1, detail: `${ratio.toFixed(2)}× (${(perService[i - 1]! * 1000).toFixed(1)} → ${(perService[i]! * 1000).toFixed(1)} µs CPU/Service)` });
    }
    if (pressure.length > 0) {
      rows.push({ suite: 'iptables', case: 'host CPU pressure during the samples', ms: 0, detail: `PSI some avg10 ${pressure.map((p) => p.toFixed(0)).join('/')} % after each sample (the share of time this VM waited for a CPU; above ~10% wall times are inflated)` });
    }
    // The critique, measured: one endpoint of one Service goes away at 10k Services.
    const objects = generateObjects(10000);
    const before = buildProxyModel(objects, config);
    const slice = objects.find((o) => o.kind === 'EndpointSlice' && o.metadata.name === 'svc-42-1')!;
    const changed = objects.map((o) => (o === slice ? { ...o, endpoints: (o.endpoints as unknown[]).slice(1) } : o));
    const after = buildProxyModel(changed, config);
    // As the lab's worker runs it: both rulesets are already synced (the node's last sync and this one).
    const synced = { before: syncProxyRules(before), after: syncProxyRules(after) };
    let cmp = compareResync(before, after, synced);
    const ms = timeMedian(() => { cmp = compareResync(before, after, synced); }, 3);
    rows.push({ suite: 'iptables', case: 'resync comparison after 1 endpoint change (10k Services)', ms, detail: `full ${(cmp.full.bytes / 1e6).toFixed(2)} MB / ${cmp.full.rules} rules vs partial ${(cmp.partial.bytes / 1e3).toFixed(0)} kB / ${cmp.partial.rules} rules (changed: ${cmp.changedServicePorts.join(', ')})` });
    return rows;
  },
};

export default suite;
