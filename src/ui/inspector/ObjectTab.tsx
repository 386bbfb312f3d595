import { useMemo } from 'react';
import { useT } from '../i18n/useT.ts';
import { useAppState, useAppStore } from '../useAppState.ts';
import { kubectlDescribe, kubectlGet } from './printObject.ts';

export function ObjectTab() {
  const t = useT();
  const store = useAppStore();
  const selected = useAppState((s) => s.selected);
  const snapshot = useAppState((s) => s.snapshot);
  const obj = useMemo(() => snapshot?.objects.find((o) => o.key === selected), [snapshot, selected]);
  if (!selected) return <p className="empty-note">{t('object.none')}</p>;
  if (!obj) return <p className="empty-note">{t('object.gone')}</p>;
  return (
    <div className="object-tab">
      <div className="object-head">
        <h2 className="object-key mono">{obj.key}</h2>
        {obj.generatedBy && (
          <button type="button" className="link" onClick={() => store.getState().select(obj.generatedBy!, 'inspector')}>
            {t('object.generatedBy', { owner: obj.generatedBy })}
          </button>
        )}
        {obj.source && (
          <button type="button" className="btn small" onClick={() => store.getState().select(obj.key, 'inspector')}>{t('object.reveal')}</button>
        )}
      </div>
      <h3>{t('object.get')}</h3>
      <pre className="dump" data-testid="kubectl-get">{kubectlGet(obj)}</pre>
      <h3>{t('object.describe')}</h3>
      <pre className="dump" data-testid="kubectl-describe">{kubectlDescribe(obj)}</pre>
      <p className="fidelity-note">{t('object.fidelity')}</p>
    </div>
  );
}
