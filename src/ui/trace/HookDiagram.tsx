// The netfilter hooks of one node (PREROUTING → routing → INPUT/FORWARD → OUTPUT → POSTROUTING),
// with IPVS at LOCAL_IN and LOCAL_OUT (ip_vs_core.c ip_vs_ops4), the current one lit.
import { useT } from '../i18n/useT.ts';
import type { LitHook } from './traceRows.ts';

const W = 84;
const H = 24;
const BOXES: readonly { id: LitHook; x: number; y: number; label: string }[] = [
  { id: 'PREROUTING', x: 4, y: 8, label: 'PREROUTING' },
  { id: 'ROUTING', x: 100, y: 8, label: 'routing' },
  { id: 'FORWARD', x: 196, y: 8, label: 'FORWARD' },
  { id: 'POSTROUTING', x: 292, y: 8, label: 'POSTROUTING' },
  { id: 'INPUT', x: 100, y: 58, label: 'INPUT' },
  { id: 'OUTPUT', x: 292, y: 58, label: 'OUTPUT' },
];
const IPVS: readonly { id: LitHook; x: number; y: number }[] = [
  { id: 'LOCAL_IN', x: 100, y: 86 },
  { id: 'LOCAL_OUT', x: 292, y: 86 },
];

export function HookDiagram({ lit, ipvs }: { lit: LitHook | null; ipvs: boolean }) {
  const t = useT();
  return (
    <svg className="hook-diagram" viewBox="0 0 380 150" role="img" aria-label={`${t('trace.hooks')}${lit ? `: ${lit}` : ''}`} data-testid="hook-diagram" data-lit={lit ?? ''}>
      <defs>
        <marker id="trace-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L8,4 L0,8 z" className="arrow-head" />
        </marker>
      </defs>
      <g className="hook-edges" markerEnd="url(#trace-arrow)">
        <line x1={4 + W} y1={20} x2={100} y2={20} />
        <line x1={100 + W} y1={20} x2={196} y2={20} />
        <line x1={196 + W} y1={20} x2={292} y2={20} />
        <line x1={142} y1={8 + H} x2={142} y2={58} />
        <line x1={334} y1={58} x2={334} y2={8 + H} />
        <path d={`M142,${58 + H} L142,130 L196,130`} fill="none" />
        <path d={`M${196 + W},130 L334,130 L334,${ipvs ? 86 + 18 : 58 + H}`} fill="none" />
      </g>
      <rect x={196} y={120} width={W} height={20} rx={4} className="hook-box local" />
      <text x={196 + W / 2} y={134} className="hook-label small">{t('trace.localProcess')}</text>
      {BOXES.map((b) => (
        <g key={b.id} className={`hook${lit === b.id ? ' lit' : ''}`} data-hook={b.id}>
          <rect x={b.x} y={b.y} width={W} height={H} rx={4} className="hook-box" />
          <text x={b.x + W / 2} y={b.y + 16} className="hook-label">{b.label}</text>
        </g>
      ))}
      {ipvs && IPVS.map((b) => (
        <g key={b.id} className={`hook ipvs${lit === b.id ? ' lit' : ''}`} data-hook={b.id}>
          <rect x={b.x} y={b.y} width={W} height={18} rx={9} className="hook-box" />
          <text x={b.x + W / 2} y={b.y + 13} className="hook-label small">{`IPVS ${b.id}`}</text>
        </g>
      ))}
    </svg>
  );
}
