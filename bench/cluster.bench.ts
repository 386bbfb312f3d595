// The cluster pipeline at scale: parse + validate + default + allocate + controllers + scheduler +
// EndpointSlice controller for generated clusters of 100, 1k and 10k Services, each backed by a
// Deployment of 10 replicas (so 1k, 10k and 100k Pods), on one Node per 1000 Pods (maxPods 1100).
import { buildCluster } from '../src/engine/cluster/buildCluster.ts';
import { parseManifests } from '../src/engine/cluster/parseManifests.ts';
import { timeMedian, type BenchRow, type BenchSuite } from './harness.ts';

function generate(services: number): string {
  const docs: string[] = [];
  const nodes = Math.max(2, Math.ceil((services * 10) / 1000));
  for (let n = 0; n < nodes; n++) {
    docs.push(`apiVersion: v1
kind: Node
metadata:
  name: node-${n}
status:
  capacity: {cpu: "64", memory: 256Gi, pods: "1100"}
  allocatable: {cpu: "64", memory: 256Gi, pods: "1100"}`);
  }
  for (let i = 0; i < services; i++) {
    const ns = `team-${i % 20}`;
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ${ns}
spec:
  replicas: 10
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}, tier: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - {name: http, containerPort: 8080}
        resources:
          requests: {cpu: 10m, memory: 16Mi}`);
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: ${ns}
spec:
  type: ${i % 10 === 0 ? 'NodePort' : 'ClusterIP'}
  selector: {app: app-${i}}
  ports:
  - {name: http, port: 80, targetPort: http}`);
  }
  return docs.join('\n---\n') + '\n';
}

const TARGET_MS: Record<number, number> = { 100: 200, 1000: 2000, 10000: 30000 };

const suite: BenchSuite = {
  name: 'cluster',
  run() {
    const rows: BenchRow[] = [];
    for (const services of [100, 1000, 10000]) {
      const text = generate(services);
      const files = [{ name: `gen-${services}.yaml`, text }];
      const runs = services >= 10000 ? 1 : 3;
      const parseMs = timeMedian(() => parseManifests(files), runs);
      rows.push({ suite: 'cluster', case: `parse ${services} svc (${(text.length / 1e6).toFixed(1)} MB)`, ms: parseMs });
      let detail = '';
      const ms = timeMedian(() => {
        const s = buildCluster(files);
        const count = (k: string) => s.objects.filter((o) => o.object.kind === k).length;
        const errors = s.diagnostics.filter((d) => d.severity === 'error').length;
        const pending = s.objects.filter((o) => o.object.kind === 'Pod' && o.object.status?.phase !== 'Running').length;
        detail = `${count('Pod')} pods (${pending} not running), ${count('EndpointSlice')} slices, ${errors} errors`;
      }, runs);
      rows.push({ suite: 'cluster', case: `buildCluster ${services} svc × 10 pods`, ms, target: `< ${TARGET_MS[services]} ms`, ok: ms < TARGET_MS[services]!, detail });
    }
    return rows;
  },
};

export default suite;
