// The coupled timeline at 1,000 Pods (a Deployment behind a Service, on 10 nodes): what one click
// on the Pods tab costs. Settling the cluster's Pods (5 simulated minutes) happens when the tab
// opens; clusterAt (statuses + the EndpointSlice controller re-run) on every step; a step back
// replays from creation. Target: clusterAt ≤ 50 ms so a step stays interactive.
import { buildCluster } from '../src/engine/cluster/index.ts';
import { clusterAt, simulateCluster } from '../src/engine/simulation/index.ts';
import { timeMedian, type BenchRow, type BenchSuite } from './harness.ts';

function manifest(replicas: number): string {
  const nodes = Array.from({ length: 10 }, (_, i) => `apiVersion: v1\nkind: Node\nmetadata: { name: node-${i + 1} }\n`).join('---\n');
  return `${nodes}---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        readinessProbe: { httpGet: { path: /, port: 80 }, periodSeconds: 10 }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
`;
}

const suite: BenchSuite = {
  name: 'simulation',
  run(): BenchRow[] {
    const base = buildCluster([{ name: 'big.yaml', text: manifest(1000) }]);
    const pods = base.objects.filter((o) => o.object.kind === 'Pod').length;
    const settle = timeMedian(() => simulateCluster(base), 3);
    const sim = simulateCluster(base);
    const snap = sim.snapshot();
    const at = timeMedian(() => clusterAt(base, snap), 5);
    const first = snap.pods.find((p) => p.key.startsWith('default/web-'))!.key;
    sim.send(first, { type: 'probe.readiness.failed', container: 'nginx' });
    const script = [...sim.script()];
    const back = timeMedian(() => simulateCluster(base, script, sim.now), 3);
    const detail = `${pods} Pods`;
    return [
      { suite: 'simulation', case: 'settle the cluster\'s Pods (5 min simulated)', ms: settle, detail },
      { suite: 'simulation', case: 'clusterAt (statuses + EndpointSlice controller)', ms: at, target: '≤ 50 ms', ok: at <= 50, detail },
      { suite: 'simulation', case: 'step back (replay from creation)', ms: back, detail },
    ];
  },
};

export default suite;
