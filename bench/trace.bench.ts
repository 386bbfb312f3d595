// Bench: one packet trace through kube-proxy's iptables rules for 10 vs 10 000 Services.
// Target (issue 4): the 10k trace costs ≤ 2× the 10-Service trace. The walker indexes long
// chains on -d/--dport (chainIndex.ts) but still reports the kernel's linear rule count.
import { buildProxyModel } from '../src/engine/kubeproxy/proxyModel.ts';
import { defaultProxierConfig } from '../src/engine/kubeproxy/proxierConfig.ts';
import { nodeStateAfterFirstSync, renderRestore, syncProxyRules } from '../src/engine/kubeproxy/iptables/index.ts';
import type { KubeObject } from '../src/engine/cluster/objects.ts';
import { dataplaneFromDump, makePacket, parseIptables, walkPacket, type Packet } from '../src/engine/netfilter/index.ts';
import { timeMedian, type BenchRow, type BenchSuite } from './harness.ts';
import { performance } from 'node:perf_hooks';

function objects(n: number): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = 0; i < n; i++) {
    const ip = `172.30.${(i >> 8) & 255}.${i & 255}`;
    out.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: `svc${i}`, namespace: 'ns' }, spec: { clusterIP: ip, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } });
    out.push({
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { name: `svc${i}-1`, namespace: 'ns', labels: { 'kubernetes.io/service-name': `svc${i}` } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [`10.${1 + ((i >> 16) & 127)}.${(i >> 8) & 255}.${i & 255}`] }, { addresses: [`10.${128 + ((i >> 16) & 127)}.${(i >> 8) & 255}.${i & 255}`] }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
  }
  return out;
}

function setup(n: number) {
  const config = defaultProxierConfig({ nodeName: 'node-1', nodeIPs: ['192.168.0.2'], localDetector: { mode: 'ClusterCIDR', clusterCIDR: '10.0.0.0/8' } });
  const rs = syncProxyRules(buildProxyModel(objects(n), config));
  const text = nodeStateAfterFirstSync(rs, renderRestore(rs));
  const t0 = performance.now();
  const ruleset = parseIptables(text);
  const parseMs = performance.now() - t0;
  const dp = dataplaneFromDump({ name: 'node-1', ruleset, localIPs: ['192.168.0.2'] });
  const last = n - 1;
  const pkt = makePacket({ proto: 'tcp', src: '10.99.0.7', dst: `172.30.${(last >> 8) & 255}.${last & 255}`, dport: 80 }) as Packet;
  const rules = [...ruleset.tables.values()].reduce((a, t) => a + [...t.chains.values()].reduce((b, c) => b + c.rules.length, 0), 0);
  return { dp, pkt, parseMs, rules, lines: text.split('\n').length };
}

const suite: BenchSuite = {
  name: 'trace',
  run() {
    const rows: BenchRow[] = [];
    const small = setup(10);
    const big = setup(10_000);
    const trace = (s: typeof small) => walkPacket(s.dp, { kind: 'wire', node: 'node-1', iface: 'eth0' }, s.pkt, { mode: { kind: 'all' } });
    // Warm both up first so the JIT has compiled the walker before either is timed.
    for (let i = 0; i < 30; i++) {
      trace(small);
      trace(big);
    }
    const tSmall = timeMedian(() => trace(small), 101);
    const tBig = timeMedian(() => trace(big), 101);
    const rSmall = trace(small).paths[0]?.rulesEvaluated ?? 0;
    const rBig = trace(big).paths[0]?.rulesEvaluated ?? 0;
    rows.push({ suite: 'trace', case: `parse 10 Services (${small.rules} rules)`, ms: small.parseMs });
    rows.push({ suite: 'trace', case: `parse 10k Services (${big.rules} rules, ${big.lines} lines)`, ms: big.parseMs });
    rows.push({ suite: 'trace', case: 'trace all paths, 10 Services (last Service)', ms: tSmall, detail: `${rSmall} rules evaluated (kernel count)` });
    rows.push({ suite: 'trace', case: 'trace all paths, 10k Services (last Service)', ms: tBig, target: '≤ 2× the 10-Service trace', ok: tBig <= 2 * tSmall, detail: `${rBig} rules evaluated (kernel count); ratio ${(tBig / tSmall).toFixed(2)}` });
    return rows;
  },
};
export default suite;
