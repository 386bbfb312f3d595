import { useT } from '../i18n/useT.ts';
import type { PodPhaseView } from './toFlowElements.ts';

const PHASES: PodPhaseView[] = ['Running', 'Pending', 'Succeeded', 'Failed', 'Terminating'];

export function PhaseLegend() {
  const t = useT();
  return (
    <ul className="legend" aria-label={t('diagram.legend')}>
      {PHASES.map((p) => <li key={p} className={`phase-${p}`}><span className="phase-dot" aria-hidden="true" />{t(`phase.${p}`)}</li>)}
    </ul>
  );
}
