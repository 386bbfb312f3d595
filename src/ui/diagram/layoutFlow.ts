// Lay out flow elements with ELK in a worker, memoised on the graph's structure (typing inside a
// Pod's spec does not re-layout), and falling back to a simple grid if ELK fails.
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { layoutKey, placementsOf, toElkGraph, GROUP_MIN, type Placement } from './elkGraph.ts';
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

function gridFallback(nodes: readonly FlowNode[]): Map<string, Placement> {
  const out = new Map<string, Placement>();
  const counts = new Map<string, number>();
  let col = 0;
  for (const n of nodes) {
    if (n.type === 'pod') {
      const i = counts.get(n.parentId) ?? 0;
      counts.set(n.parentId, i + 1);
      out.set(n.id, { x: 14, y: 44 + i * (n.height + 10) });
    } else {
      out.set(n.id, { x: col++ * 280, y: 0 });
    }
  }
  for (const n of nodes) {
    if (n.type === 'group') out.set(n.id, { ...out.get(n.id)!, width: GROUP_MIN.width, height: Math.max(GROUP_MIN.height, 58 + (counts.get(n.id) ?? 0) * 68) });
  }
  return out;
}

export async function layoutFlow(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): Promise<Map<string, Placement>> {
  const key = layoutKey(nodes, edges);
  if (cache?.key === key) return cache.placements;
  let placements: Map<string, Placement>;
  try {
    placements = placementsOf(await runElk(toElkGraph(nodes, edges)));
  } catch {
    placements = gridFallback(nodes);
  }
  cache = { key, placements };
  return placements;
}
