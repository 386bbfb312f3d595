// Lays a statechart's state tree out as nested boxes: a leaf is a fixed box, a compound or
// parallel state a framed box holding its children in rows of `cols`. Pure, for the SVG.
import type { ChartNode } from '../../worker/handlers/podsChart.ts';

export interface ChartRect {
  readonly path: string;
  readonly key: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly leaf: boolean;
  readonly final: boolean;
}

export const LEAF_W = 104;
export const LEAF_H = 24;
export const GAP = 6;
export const HEADER = 18;

interface Laid { rects: ChartRect[]; w: number; h: number }

function size(node: ChartNode, cols: number): Laid {
  if (node.children.length === 0) return { rects: [], w: LEAF_W, h: LEAF_H };
  // Below the first level children stack in a column, so a region stays about `cols` leaves wide.
  const inner = grid(node.children, cols, GAP, HEADER);
  return { rects: inner.rects, w: inner.w + GAP, h: inner.h + GAP };
}

function grid(nodes: readonly ChartNode[], cols: number, x0: number, y0: number): Laid {
  const rects: ChartRect[] = [];
  let y = y0;
  let w = 0;
  for (let i = 0; i < nodes.length; i += cols) {
    let x = x0;
    let rowH = 0;
    for (const n of nodes.slice(i, i + cols)) {
      const s = size(n, 1);
      rects.push({ path: n.path, key: n.key, x, y, w: s.w, h: s.h, leaf: n.children.length === 0, final: n.type === 'final' });
      for (const r of s.rects) rects.push({ ...r, x: r.x + x, y: r.y + y });
      x += s.w + GAP;
      rowH = Math.max(rowH, s.h);
    }
    w = Math.max(w, x);
    y += rowH + GAP;
  }
  return { rects, w, h: y };
}

/** The boxes of `nodes` (top level stacked one per row when `cols` is 1), and the drawing's size. */
export function layoutChart(nodes: readonly ChartNode[], cols = 4): { rects: ChartRect[]; width: number; height: number } {
  const rects: ChartRect[] = [];
  let y = 0;
  let width = 0;
  for (const n of nodes) {
    const s = size(n, cols);
    rects.push({ path: n.path, key: n.key, x: 0, y, w: s.w, h: s.h, leaf: n.children.length === 0, final: n.type === 'final' });
    for (const r of s.rects) rects.push({ ...r, y: r.y + y });
    width = Math.max(width, s.w);
    y += s.h + GAP;
  }
  return { rects, width, height: Math.max(0, y - GAP) };
}
