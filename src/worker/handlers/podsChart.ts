// A statechart's shape for drawing: the machine definition's state tree (XState StateNode.states),
// and the active paths of a snapshot value, so the page draws boxes and lights the current ones.
export interface ChartNode {
  /** Dotted path from the machine root, e.g. `lifecycle.active` or `node.NotReady.grace`. */
  readonly path: string;
  readonly key: string;
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  readonly children: readonly ChartNode[];
}

interface StateNodeLike {
  readonly key: string;
  readonly type: ChartNode['type'];
  readonly states: Record<string, StateNodeLike>;
}

export function chartOf(root: StateNodeLike, prefix = ''): ChartNode[] {
  return Object.values(root.states).map((n) => {
    const path = prefix ? `${prefix}.${n.key}` : n.key;
    return { path, key: n.key, type: n.type, children: chartOf(n, path) };
  });
}

/** Every path a snapshot value makes active: `{a: {b: 'c'}}` → a, a.b, a.b.c. */
export function activePaths(value: unknown, prefix = ''): string[] {
  const join = (k: string) => (prefix ? `${prefix}.${k}` : k);
  if (typeof value === 'string') return [join(value)];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [join(k), ...activePaths(v, join(k))]);
}
