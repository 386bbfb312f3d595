// Flow elements ⇄ an ELK graph. ELK's layered algorithm, left to right: Ingress → Service → Node
// groups holding their Pods. Hierarchy is laid out in one pass (INCLUDE_CHILDREN) so edges into a
// group are routed with the group's contents. Positions ELK returns for children are relative to
// their parent, which is what React Flow's `parentId` expects.
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { FlowEdge, FlowNode } from './toFlowElements.ts';

export const GROUP_MIN = { width: 260, height: 96 } as const;

export function toElkGraph(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): ElkNode {
  const children = new Map<string, ElkNode[]>();
  for (const n of nodes) {
    if (n.type !== 'pod') continue;
    children.set(n.parentId, [...(children.get(n.parentId) ?? []), { id: n.id, width: n.width, height: n.height }]);
  }
  const top: ElkNode[] = nodes.flatMap((n): ElkNode[] => {
    if (n.type === 'pod') return [];
    if (n.type === 'group') {
      return [{
        id: n.id,
        children: children.get(n.id) ?? [],
        layoutOptions: {
          'elk.padding': '[top=44,left=14,bottom=14,right=14]',
          'elk.nodeSize.constraints': 'MINIMUM_SIZE',
          'elk.nodeSize.minimum': `(${GROUP_MIN.width},${GROUP_MIN.height})`,
          'elk.spacing.nodeNode': '10',
        },
      }];
    }
    return [{ id: n.id, width: n.width, height: n.height }];
  });
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.spacing.nodeNode': '28',
      'elk.layered.spacing.nodeNodeBetweenLayers': '72',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
      'elk.separateConnectedComponents': 'false',
    },
    children: top,
    edges: edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

export interface Placement { x: number; y: number; width?: number; height?: number }

/** id → position (relative to the parent) and, for groups, size. */
export function placementsOf(laid: ElkNode): Map<string, Placement> {
  const out = new Map<string, Placement>();
  const walk = (n: ElkNode) => {
    for (const c of n.children ?? []) {
      out.set(c.id, { x: c.x ?? 0, y: c.y ?? 0, ...(c.children ? { width: c.width ?? GROUP_MIN.width, height: c.height ?? GROUP_MIN.height } : {}) });
      walk(c);
    }
  };
  walk(laid);
  return out;
}

/** A key that changes only when the layout could: which nodes, which parent, which edges. */
export function layoutKey(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): string {
  return JSON.stringify([nodes.map((n) => [n.id, n.type === 'pod' ? n.parentId : '']), edges.map((e) => e.id)]);
}
