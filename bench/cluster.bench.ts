// The cluster pipeline at scale: parse + validate + default + allocate + controllers + scheduler +
// EndpointSlice controller for generated clusters of 100, 1k and 10k Services, each backed by a
// Deployment of 10 replicas (so 1k, 10k and 100k Pods), on one Node per 1000 Pods (maxPods 1100).
// Plus two 10 MB pastes: one ConfigMap with ~90k `data` keys (quadratic in the yaml package's
// duplicate-key check before duplicateKeys.ts), and ~60k small ConfigMap documents.
import { buildCluster } from '../src/engine/cluster/buildCluster.ts';
import { parseManifests } from '../src/engine/cluster/parseManifests.ts';
import { stringify } from 'yaml';
import { timeMedian, type BenchRow, type BenchSuite } from './harness.ts';

/** The generated cluster as objects: Nodes, then a Deployment and a Service per app. */
function generate(services: number): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  const nodes = Math.max(2, Math.ceil((services * 10) / 1000));
  for (let n = 0; n < nodes; n++) {
    const res = { cpu: '64', memory: '256Gi', pods: '1100' };
    docs.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${n}` }, status: { capacity: res, allocatable: res } });
  }
  for (let i = 0; i < services; i++) {
    const namespace = `team-${i % 20}`;
    const app = `app-${i}`;
    docs.push({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: app, namespace },
      spec: {
        replicas: 10, selector: { matchLabels: { app } },
        template: {
          metadata: { labels: { app, tier: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }], resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
        },
      },
    });
    docs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: app, namespace }, spec: { type: i % 10 === 0 ? 'NodePort' : 'ClusterIP', selector: { app }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
  }
  return docs;
}

/** Multi-document block YAML, as people write manifests. */
function toYAML(docs: Record<string, unknown>[]): string {
  return docs.map((d) => stringify(d)).join('---\n');
}

/** One `kind: List` JSON document, as `kubectl get -o json` prints. */
function toJSON(docs: Record<string, unknown>[]): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items: docs, metadata: { resourceVersion: '' } }, null, 4);
}

/** One ConfigMap of about `bytes` with a `data` key per line. */
function bigConfigMap(bytes: number): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: big', 'data:'];
  for (let i = 0, size = 0; size < bytes; i++) {
    const l = `  key-${i}: "value ${i} ${'x'.repeat(80)}"`;
    lines.push(l);
    size += l.length + 1;
  }
  return lines.join('\n') + '\n';
}

/** About `bytes` of small ConfigMap documents. */
function manyConfigMaps(bytes: number): string {
  const docs: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    const d = stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: `ns-${i % 20}`, labels: { app: `app-${i}` } }, data: { 'a.txt': `hello ${i}`, 'b.txt': `world ${i}` } });
    docs.push(d);
    size += d.length + 4;
  }
  return docs.join('---\n');
}

/** A paste must not freeze the page: buildCluster on 10 MB of YAML, one run after a warm-up. */
function pasteRows(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const [label, text] of [['1 ConfigMap', bigConfigMap(10e6)], ['many ConfigMaps', manyConfigMaps(10e6)]] as const) {
    const files = [{ name: 'paste.yaml', text }];
    let detail = '';
    const ms = timeMedian(() => {
      const s = buildCluster(files);
      detail = `${text.split('\n').length} lines, ${s.objects.filter((o) => o.object.kind === 'ConfigMap').length} ConfigMaps, ${s.diagnostics.length} diagnostics`;
    }, 1);
    rows.push({ suite: 'cluster', case: `buildCluster 10 MB YAML, ${label}`, ms, target: '≤ 5000 ms', ok: ms <= 5000, detail });
  }
  return rows;
}

const suite: BenchSuite = {
  name: 'cluster',
  run() {
    const rows: BenchRow[] = pasteRows();
    for (const services of [100, 1000, 10000]) {
      const docs = generate(services);
      // YAML at 10k Services is dominated by the yaml package's parser; JSON takes the fast path.
      const inputs = services >= 10000 ? [['JSON', toJSON(docs)]] : [['YAML', toYAML(docs)], ['JSON', toJSON(docs)]];
      for (const [format, text] of inputs) {
        const files = [{ name: `gen-${services}.${format!.toLowerCase()}`, text: text! }];
        const runs = services >= 10000 ? 1 : 3;
        const mb = (text!.length / 1e6).toFixed(1);
        rows.push({ suite: 'cluster', case: `parse ${services} svc, ${format} ${mb} MB`, ms: timeMedian(() => parseManifests(files), runs) });
        let detail = '';
        const ms = timeMedian(() => {
          const s = buildCluster(files);
          const count = (k: string) => s.objects.filter((o) => o.object.kind === k).length;
          const errors = s.diagnostics.filter((d) => d.severity === 'error').length;
          const pending = s.objects.filter((o) => o.object.kind === 'Pod' && o.object.status?.phase !== 'Running').length;
          detail = `${count('Pod')} pods (${pending} not running), ${count('EndpointSlice')} slices, ${errors} errors`;
        }, runs);
        rows.push({ suite: 'cluster', case: `buildCluster ${services} svc × 10 pods, ${format}`, ms, detail: `${detail}; ${(ms / (services * 10) * 1000).toFixed(0)} µs/pod` });
      }
    }
    return rows;
  },
};

export default suite;
