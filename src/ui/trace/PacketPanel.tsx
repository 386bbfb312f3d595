// The current step's packet before and after, changed fields highlighted, and why.
import { useT } from '../i18n/useT.ts';
import { packetDiff } from './packetDiff.ts';
import type { StepRow } from './traceRows.ts';

export function PacketPanel({ row, prevCtstate }: { row: StepRow; prevCtstate: string | null }) {
  const t = useT();
  const diff = packetDiff(row.before, row.after, prevCtstate, row.ctstate);
  const s = row.step;
  const why = [s.kind === 'rule' ? `${s.table}:${s.chain} #${s.ruleIndex} ${s.matched ? '→' : '✗'} ${s.target ?? ''}` : null, s.rule, s.route, s.note].filter(Boolean);
  return (
    <section className="trace-packet" aria-label={t('trace.packet')} data-testid="trace-packet">
      <table className="packet-diff">
        <thead><tr><th scope="col" /><th scope="col">{t('trace.before')}</th><th scope="col">{t('trace.after')}</th></tr></thead>
        <tbody>
          {diff.map((d) => (
            <tr key={d.field} className={d.changed ? 'changed' : ''} data-field={d.field} data-changed={d.changed}>
              <th scope="row">{t(`trace.field.${d.field}`)}</th>
              <td className="mono">{d.before}</td>
              <td className="mono">{d.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="trace-why">
        <h4>{t('trace.why')}</h4>
        {why.map((w, i) => <p key={i} className={i === 0 ? '' : 'mono'}>{w}</p>)}
      </div>
    </section>
  );
}
