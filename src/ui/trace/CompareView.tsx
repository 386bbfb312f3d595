// iptables vs ipvs, side by side: hook segments aligned, differences marked, and why in words.
import { useMemo } from 'react';
import type { TraceRun } from '../../worker/handlers/trace.ts';
import { useT } from '../i18n/useT.ts';
import { compareReasons, compareRuns, type Segment } from './compareRuns.ts';

function Cell({ seg }: { seg: Segment | null }) {
  const t = useT();
  if (!seg) return <td className="seg missing">{t('compare.none')}</td>;
  return (
    <td className={`seg${seg.dnat ? ' dnat' : ''}`}>
      {seg.chains.length > 0 && <div className="mono chains">{seg.chains.join(' → ')}</div>}
      <div className="seg-meta">
        {seg.rules > 0 && <span className="muted">{t('compare.rules', { n: seg.rules })}</span>}
        {seg.dnat && <span className="pill dnat-pill">{t('compare.dnatHere')}</span>}
        {seg.verdict && <span className={`verdict v-${seg.verdict}`}>{seg.verdict}</span>}
        {!seg.chains.length && !seg.rules && !seg.dnat && !seg.verdict && <span className="muted">{t('compare.passes')}</span>}
      </div>
    </td>
  );
}

export function CompareView({ runs, path, proto }: { runs: readonly TraceRun[]; path: number; proto: string }) {
  const t = useT();
  const c = useMemo(() => compareRuns(runs, path), [runs, path]);
  if (!c) return null;
  const reasons = compareReasons(c, proto);
  return (
    <section className="compare-view" aria-label={t('compare.title')} data-testid="compare-view">
      <h3>{t('compare.title')}</h3>
      <table className="compare-table">
        <thead>
          <tr>
            <th scope="col">{t('compare.hook')}</th>
            <th scope="col" data-testid="compare-iptables">iptables · {t('compare.result', { verdict: c.iptables.verdict, endpoint: c.iptables.dnat ?? c.iptables.endpoint })}</th>
            <th scope="col" data-testid="compare-ipvs">ipvs · {t('compare.result', { verdict: c.ipvs.verdict, endpoint: c.ipvs.dnat ?? c.ipvs.endpoint })}</th>
          </tr>
        </thead>
        <tbody>
          {c.rows.map((r, i) => {
            const seg = (r.iptables ?? r.ipvs)!;
            return (
              <tr key={i} className={r.differs ? 'differs' : ''} data-testid="compare-row" data-hook={seg.hook} data-differs={r.differs}>
                <th scope="row"><span>{seg.node}</span> <span className="mono">{seg.hook}</span>{r.differs && <span className="sr-only"> ({t('compare.differs')})</span>}</th>
                <Cell seg={r.iptables} />
                <Cell seg={r.ipvs} />
              </tr>
            );
          })}
        </tbody>
      </table>
      <h4>{t('compare.why')}</h4>
      <ul className="compare-why" data-testid="compare-why">
        {reasons.map((r, i) => <li key={i}>{t(r.key, r.vars)}</li>)}
      </ul>
    </section>
  );
}
