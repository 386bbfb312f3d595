// Flow elements ⇄ an ELK graph. ELK lays out only the top level — Ingresses → Services → Node
// groups — left to right (layered). Pods are placed inside their group here, in columns of at most
// POD_ROWS, ordered by where the Services that reach them ended up, so edges cross little. Laying
// out the hierarchy in ELK itself (INCLUDE_CHILDREN) was measured at 4.9 s for 100 Pods and 49 s
// for 1000 (bench/diagram.bench.ts); this is milliseconds.
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { POD_SIZE, type FlowEdge, type FlowNode } from './toFlowElements.ts';

export const GROUP_MIN = { width: 260, height: 96 } as const;
const GROUP_PAD = { top: 44, side: 14, bottom: 14 } as const;
const POD_GAP = 10;
export const POD_ROWS = 12;

export interface Placement { x: number; y: number; width?: number; height?: number }

function podsByGroup(nodes: readonly FlowNode[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const n of nodes) if (n.type === 'pod') out.set(n.parentId, [...(out.get(n.parentId) ?? []), n.id]);
  return out;
}

export function groupSize(pods: number): { width: number; height: number } {
  const cols = Math.max(1, Math.ceil(pods / POD_ROWS));
  const rows = Math.min(pods, POD_ROWS);
  return {
    width: Math.max(GROUP_MIN.width, GROUP_PAD.side * 2 + cols * POD_SIZE.width + (cols - 1) * POD_GAP),
    height: Math.max(GROUP_MIN.height, GROUP_PAD.top + GROUP_PAD.bottom + rows * POD_SIZE.height + Math.max(0, rows - 1) * POD_GAP),
  };
}

/** The top-level graph: one ELK node per Ingress, Service and group; Service→Pod edges become one
 * Service→group edge. */
export function toElkGraph(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): ElkNode {
  const parentOf = new Map(nodes.flatMap((n) => (n.type === 'pod' ? [[n.id, n.parentId] as const] : [])));
  const pods = podsByGroup(nodes);
  const top: ElkNode[] = nodes.flatMap((n): ElkNode[] => {
    if (n.type === 'pod') return [];
    if (n.type === 'group') return [{ id: n.id, ...groupSize(pods.get(n.id)?.length ?? 0) }];
    return [{ id: n.id, width: n.width, height: n.height }];
  });
  const seen = new Set<string>();
  const elkEdges = edges.flatMap((e) => {
    const target = parentOf.get(e.target) ?? e.target;
    const id = `${e.source}->${target}`;
    if (seen.has(id)) return [];
    seen.add(id);
    return [{ id, sources: [e.source], targets: [target] }];
  });
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '28',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.separateConnectedComponents': 'false',
    },
    children: top,
    edges: elkEdges,
  };
}

/** id → position (relative to the parent for Pods) and, for groups, size. */
export function placementsOf(laid: ElkNode, nodes: readonly FlowNode[], edges: readonly FlowEdge[]): Map<string, Placement> {
  const out = new Map<string, Placement>();
  for (const c of laid.children ?? []) out.set(c.id, { x: c.x ?? 0, y: c.y ?? 0, ...(c.id.startsWith('Node/') || c.id.startsWith('group/') ? { width: c.width, height: c.height } : {}) });
  placePods(out, nodes, edges);
  return out;
}

/** Past this many top-level edges ELK's layered layout takes seconds (17 s at 1000); use columns. */
export const ELK_MAX_EDGES = 250;

/** The same left-to-right shape without ELK: Ingresses, Services, groups as three columns; each
 * Service placed at the mean row of the groups it reaches (a one-pass barycenter). */
export function columnLayout(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): Map<string, Placement> {
  const out = new Map<string, Placement>();
  const pods = podsByGroup(nodes);
  const parentOf = new Map(nodes.flatMap((n) => (n.type === 'pod' ? [[n.id, n.parentId] as const] : [])));
  const GAP = 28;
  const COL_GAP = 80;
  let y = 0;
  const groups = nodes.filter((n) => n.type === 'group');
  const services = nodes.filter((n) => n.type === 'service');
  const ingresses = nodes.filter((n) => n.type === 'ingress');
  const svcX = ingresses.length ? ingresses[0]!.width + COL_GAP : 0;
  const groupX = svcX + (services.length ? services[0]!.width + COL_GAP : 0);
  for (const g of groups) {
    const size = groupSize(pods.get(g.id)?.length ?? 0);
    out.set(g.id, { x: groupX, y, ...size });
    y += size.height + GAP;
  }
  const wantY = (id: string, targetOf: (e: FlowEdge) => string | undefined) => {
    const ys = edges.filter((e) => e.source === id).map((e) => out.get(targetOf(e) ?? '')?.y).filter((v): v is number => v !== undefined);
    return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : Number.POSITIVE_INFINITY;
  };
  const stack = (list: FlowNode[], x: number, targetOf: (e: FlowEdge) => string | undefined) => {
    let next = 0;
    for (const n of [...list].sort((a, b) => wantY(a.id, targetOf) - wantY(b.id, targetOf) || a.id.localeCompare(b.id))) {
      const want = wantY(n.id, targetOf);
      const at = Math.max(next, Number.isFinite(want) ? want : next);
      out.set(n.id, { x, y: at });
      next = at + (n.type === 'group' ? 0 : n.height) + GAP;
    }
  };
  stack(services, svcX, (e) => parentOf.get(e.target));
  stack(ingresses, 0, (e) => e.target);
  placePods(out, nodes, edges);
  return out;
}

function placePods(out: Map<string, Placement>, nodes: readonly FlowNode[], edges: readonly FlowEdge[]): void {
  // A Pod's rank is the mean height of the Services that reach it; unreached Pods go last.
  const rank = new Map<string, number[]>();
  for (const e of edges) {
    const src = out.get(e.source);
    if (src) rank.set(e.target, [...(rank.get(e.target) ?? []), src.y]);
  }
  const score = (id: string) => {
    const ys = rank.get(id);
    return ys ? ys.reduce((a, b) => a + b, 0) / ys.length : Number.POSITIVE_INFINITY;
  };
  for (const [, ids] of podsByGroup(nodes)) {
    const ordered = [...ids].sort((a, b) => score(a) - score(b) || a.localeCompare(b));
    ordered.forEach((id, i) => {
      const col = Math.floor(i / POD_ROWS);
      const row = i % POD_ROWS;
      out.set(id, { x: GROUP_PAD.side + col * (POD_SIZE.width + POD_GAP), y: GROUP_PAD.top + row * (POD_SIZE.height + POD_GAP) });
    });
  }
}

/** A key that changes only when the layout could: which nodes, which parent, which edges. */
export function layoutKey(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): string {
  return JSON.stringify([nodes.map((n) => [n.id, n.type === 'pod' ? n.parentId : '']), edges.map((e) => e.id)]);
}
