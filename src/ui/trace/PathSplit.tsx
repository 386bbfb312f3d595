// All paths: the probability split across endpoints, as a small bar list; a row picks the path.
import type { TraceRun } from '../../worker/handlers/trace.ts';
import { useT } from '../i18n/useT.ts';

export function PathSplit({ run, current, onPick }: { run: TraceRun; current: number; onPick: (i: number) => void }) {
  const t = useT();
  return (
    <ul className="path-split" aria-label={t('trace.paths')}>
      {run.paths.map((p, i) => {
        const pct = Math.round(p.probability * 1000) / 10;
        const target = p.dnat ?? p.endpoint;
        return (
          <li key={i}>
            <button type="button" className={`path-row${i === current ? ' current' : ''}`} aria-pressed={i === current}
              aria-label={t('trace.pathRow', { n: i + 1, target, p: pct, verdict: p.verdict })} onClick={() => onPick(i)} data-testid="trace-path">
              <span className="mono path-target">{target}</span>
              <span className="bar" aria-hidden="true"><span style={{ width: `${Math.max(2, pct)}%` }} /></span>
              <span className="mono pct">{pct}%</span>
              <span className={`pill ${p.masquerade ? 'masq' : ''}`}>{p.masquerade ? t('trace.masq') : t('trace.noMasq')}</span>
              <span className={`verdict v-${p.verdict}`}>{p.verdict}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
