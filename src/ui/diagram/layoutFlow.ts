// Lay out flow elements with ELK in a worker, memoised on the graph's structure (typing inside a
// Pod's spec does not re-layout); big graphs, or an ELK failure, get the column layout.
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { columnLayout, ELK_MAX_EDGES, layoutKey, placementsOf, toElkGraph, type Placement } from './elkGraph.ts';
import type { FlowEdge, FlowNode } from './toFlowElements.ts';

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, (r: { laid?: ElkNode; error?: string }) => void>();
let cache: { key: string; placements: Map<string, Placement> } | null = null;

function runElk(graph: ElkNode): Promise<ElkNode> {
  if (!worker) {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; laid?: ElkNode; error?: string }>) => {
      waiting.get(e.data.id)?.(e.data);
      waiting.delete(e.data.id);
    };
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, (r) => (r.laid ? resolve(r.laid) : reject(new Error(r.error ?? 'layout failed'))));
    worker!.postMessage({ id, graph });
  });
}

export async function layoutFlow(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): Promise<Map<string, Placement>> {
  const key = layoutKey(nodes, edges);
  if (cache?.key === key) return cache.placements;
  const graph = toElkGraph(nodes, edges);
  let placements: Map<string, Placement>;
  try {
    placements = (graph.edges?.length ?? 0) > ELK_MAX_EDGES ? columnLayout(nodes, edges) : placementsOf(await runElk(graph), nodes, edges);
  } catch {
    placements = columnLayout(nodes, edges);
  }
  cache = { key, placements };
  return placements;
}
