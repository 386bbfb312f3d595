// The UI's pure work at scale: toFlowElements and the ELK layout for clusters of 100 and 1000 Pods
// (10 Nodes, one Service per 10 Pods, EndpointSlices), and the permalink codec on a 1 MB scenario.
// ELK runs in a worker in the page, so its time delays the diagram but never blocks typing.
import ELK from 'elkjs/lib/elk.bundled.js';
import { performance } from 'node:perf_hooks';
import type { ClusterObject, ClusterSnapshot } from '../src/engine/cluster/objects.ts';
import { decodePermalink, encodePermalink } from '../src/store/permalink.ts';
import { columnLayout, ELK_MAX_EDGES, placementsOf, toElkGraph } from '../src/ui/diagram/elkGraph.ts';
import { toFlowElements } from '../src/ui/diagram/toFlowElements.ts';
import { timeMedian, type BenchRow, type BenchSuite } from './harness.ts';

function snapshot(pods: number): ClusterSnapshot {
  const objects: ClusterObject[] = [];
  for (let n = 0; n < 10; n++) objects.push({ key: `Node/node-${n}`, object: { apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${n}` } } });
  for (let s = 0; s < pods / 10; s++) {
    objects.push({ key: `Service/default/svc-${s}`, object: { apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${s}`, namespace: 'default' }, spec: { selector: { app: `a${s}` }, ports: [{ port: 80 }] } } });
    const endpoints = [];
    for (let i = 0; i < 10; i++) {
      const name = `p-${s}-${i}`;
      objects.push({ key: `Pod/default/${name}`, object: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: `a${s}` } }, spec: { nodeName: `node-${(s + i) % 10}` }, status: { phase: 'Running' } } });
      endpoints.push({ addresses: [`10.0.${s}.${i}`], conditions: { ready: true }, targetRef: { kind: 'Pod', name, namespace: 'default' } });
    }
    objects.push({ key: `EndpointSlice/default/svc-${s}-x`, object: { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: `svc-${s}-x`, namespace: 'default', labels: { 'kubernetes.io/service-name': `svc-${s}` } }, endpoints } });
  }
  return { objects, diagnostics: [] };
}

const suite: BenchSuite = {
  name: 'diagram',
  async run() {
    const rows: BenchRow[] = [];
    const warm = toFlowElements(snapshot(10));
    await new ELK().layout(toElkGraph(warm.nodes, warm.edges)); // ELK's one-time start-up
    for (const pods of [100, 1000]) {
      const snap = snapshot(pods);
      rows.push({ suite: 'diagram', case: `toFlowElements ${pods} pods`, ms: timeMedian(() => toFlowElements(snap)), target: '< 50 ms' });
      const { nodes, edges } = toFlowElements(snap);
      const graph = toElkGraph(nodes, edges);
      const t0 = performance.now();
      // the page's choice (layoutFlow.ts): ELK in its worker, or columns for big graphs
      const elk = (graph.edges?.length ?? 0) <= ELK_MAX_EDGES;
      if (elk) placementsOf(await new ELK().layout(graph), nodes, edges);
      else columnLayout(nodes, edges);
      rows.push({ suite: 'diagram', case: `layout ${pods} pods (${elk ? 'ELK, in a worker in the page' : 'columns'}; ${graph.edges?.length} edges)`, ms: performance.now() - t0, target: '< 2000 ms' });
    }
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n---\n'.repeat(22_000);
    rows.push({ suite: 'diagram', case: `permalink encode ${(text.length / 1e6).toFixed(1)} MB`, ms: timeMedian(() => encodePermalink(text)) });
    const link = encodePermalink(text);
    rows.push({ suite: 'diagram', case: `permalink decode (${link.length} chars)`, ms: timeMedian(() => decodePermalink(link)) });
    return rows.map((r) => ({ ...r, ok: r.target ? r.ms < Number(/\d+/.exec(r.target)![0]) : true }));
  },
};
export default suite;
