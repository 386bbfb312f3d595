import { useT } from '../i18n/useT.ts';
import { useAppState, useAppStore } from '../useAppState.ts';

export function StaleBanner() {
  const t = useT();
  const store = useAppStore();
  const stale = useAppState((s) => s.stale);
  const line = useAppState((s) => s.staleLine);
  const engineError = useAppState((s) => s.engineError);
  if (!stale) return null;
  const text = engineError ? t('stale.engine', { error: engineError }) : line !== null ? t('stale.banner', { line }) : t('stale.bannerNoLine');
  return (
    <div className="stale-banner" role="status" data-testid="stale-banner">
      <span className="stale-dot" aria-hidden="true" />
      {line !== null && !engineError
        ? <button type="button" className="link" onClick={() => store.getState().revealAt(line)}>{text}</button>
        : <span>{text}</span>}
    </div>
  );
}
