// One row per step (node, hook, table, chain, rule text, match, target): a grid the arrow keys
// walk (WAI-ARIA grid pattern, one tab stop), mirroring the stepper's current step.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useT } from '../i18n/useT.ts';
import type { StepRow } from './traceRows.ts';

/** What the rule column shows: the rule as loaded, or the event in words. */
export function stepText(r: StepRow): string {
  const s = r.step;
  switch (s.kind) {
    case 'rule': return s.rule ?? '';
    case 'policy': return `policy ${s.target ?? ''}`;
    case 'route': return `routing: ${s.route ?? ''}`;
    case 'hook': return `== ${s.hook ?? ''} ${s.note ?? ''}`;
    case 'verdict': return `${s.target ?? ''}: ${s.note ?? ''}`;
    default: return `${s.kind}: ${s.note ?? ''}`;
  }
}

export function StepTable({ rows, current, onMove }: { rows: readonly StepRow[]; current: number; onMove: (i: number) => void }) {
  const t = useT();
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    const tr = body.current?.querySelector<HTMLTableRowElement>(`tr[data-index="${current}"]`);
    tr?.scrollIntoView?.({ block: 'nearest' });
    if (body.current?.contains(document.activeElement)) tr?.focus();
  }, [current]);
  const onKey = (e: KeyboardEvent) => {
    const to = e.key === 'ArrowDown' ? current + 1 : e.key === 'ArrowUp' ? current - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? rows.length - 1 : e.key === 'PageDown' ? current + 10 : e.key === 'PageUp' ? current - 10 : null;
    if (to === null) return;
    e.preventDefault();
    onMove(Math.max(0, Math.min(rows.length - 1, to)));
  };
  return (
    <div className="trace-table-wrap">
      <table className="trace-table" role="grid" aria-label={t('trace.steps')} aria-rowcount={rows.length + 1} onKeyDown={onKey}>
        <thead>
          <tr>
            <th scope="col">#</th><th scope="col">{t('trace.col.node')}</th><th scope="col">{t('trace.col.hook')}</th>
            <th scope="col">{t('trace.col.table')}</th><th scope="col">{t('trace.col.chain')}</th><th scope="col">{t('trace.col.rule')}</th>
            <th scope="col">{t('trace.col.matched')}</th><th scope="col">{t('trace.col.target')}</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {rows.map((r) => {
            const s = r.step;
            const on = r.index === current;
            const changed = s.packetBefore !== undefined;
            return (
              <tr key={r.index} data-index={r.index} data-testid="trace-step" data-kind={s.kind} data-dir={r.dir} aria-selected={on} tabIndex={on ? 0 : -1}
                className={`k-${s.kind} dir-${r.dir}${on ? ' current' : ''}${changed ? ' changed' : ''}${s.matched === false ? ' unmatched' : ''}`}
                onClick={() => onMove(r.index)}>
                <td className="num">{r.index + 1}{r.dir === 'reply' && <span className="dir-tag">{t('trace.dir.reply')}</span>}</td>
                <td>{r.node}</td>
                <td className="mono">{r.hook ?? ''}</td>
                <td className="mono">{s.table ?? ''}</td>
                <td className="mono chain">{s.chain ?? ''}</td>
                <td className="mono rule">{stepText(r)}</td>
                <td>{s.matched === null ? '' : s.matched ? <span className="yes" aria-label={t('trace.yes')}>✓</span> : <span className="no" aria-label={t('trace.no')}>✗</span>}</td>
                <td className="mono target">{s.target ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
