// One machine's statechart drawn from its definition (the worker sends the state tree), with
// the active states lit.
import { useMemo } from 'react';
import type { ChartNode } from '../../worker/handlers/podsChart.ts';
import { layoutChart } from './layoutChart.ts';

export function Statechart({ title, chart, active, cols = 4 }: { title: string; chart: readonly ChartNode[]; active: readonly string[]; cols?: number }) {
  const { rects, width, height } = useMemo(() => layoutChart(chart, cols), [chart, cols]);
  const lit = new Set(active);
  const current = active.filter((p) => rects.some((r) => r.path === p && r.leaf)).join(', ');
  return (
    <figure className="pods-chart">
      <figcaption>{title} <span className="mono muted">{current}</span></figcaption>
      <svg viewBox={`-1 -1 ${width + 2} ${height + 2}`} width="100%" style={{ maxWidth: width + 2 }} role="img" aria-label={`${title}: ${current}`}>
        {rects.map((r) => (
          <g key={r.path} className={`chart-state${r.leaf ? ' leaf' : ' group'}${lit.has(r.path) ? ' active' : ''}${r.final ? ' final' : ''}`} data-path={r.path} data-active={lit.has(r.path) ? 'true' : undefined}>
            <rect x={r.x} y={r.y} width={r.w} height={r.h} rx={r.leaf ? 12 : 6} />
            <text x={r.leaf ? r.x + r.w / 2 : r.x + 6} y={r.leaf ? r.y + r.h / 2 + 4 : r.y + 13} textAnchor={r.leaf ? 'middle' : 'start'}>{r.key}</text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
