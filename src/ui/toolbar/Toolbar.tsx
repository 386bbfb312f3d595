import { useEffect, useMemo, useState } from 'react';
import { encodePermalink } from '../../store/permalink.ts';
import type { Language } from '../../store/uiSlice.ts';
import { useT } from '../i18n/useT.ts';
import { useAppState, useAppStore } from '../useAppState.ts';
import { readProxyMode, setProxyMode, type ProxyMode } from './proxyModeText.ts';
import { fetchScenarioText } from './scenarios.ts';

const MODES: ProxyMode[] = ['iptables', 'ipvs'];

function ProxyModeSwitch() {
  const t = useT();
  const store = useAppStore();
  const text = useAppState((s) => s.text);
  const mode = useMemo(() => readProxyMode(text), [text]);
  const comparing = useAppState((s) => s.traceCompare && s.inspectorTab === 'trace');
  return (
    <div className="segmented" role="radiogroup" aria-label={t('toolbar.proxyMode')}>
      {MODES.map((m) => (
        <button key={m} type="button" role="radio" aria-checked={mode === m} className={mode === m ? 'on' : ''}
          onClick={() => store.getState().setText(setProxyMode(store.getState().text, m), 'toolbar')}>
          {t(`mode.${m}`)}
        </button>
      ))}
      {/* compare: the Trace tab's iptables-vs-ipvs view (src/ui/trace/CompareView.tsx). */}
      <button type="button" role="radio" aria-checked={comparing} className={comparing ? 'on' : ''} title={t('trace.compare')}
        onClick={() => { store.getState().setInspectorTab('trace'); store.getState().setTraceCompare(!comparing); }}>
        {t('mode.compare')}
      </button>
    </div>
  );
}

function PermalinkButton() {
  const t = useT();
  const store = useAppStore();
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (!note) return;
    const h = setTimeout(() => setNote(null), 2000);
    return () => clearTimeout(h);
  }, [note]);
  const copy = async () => {
    const url = new URL(window.location.href);
    url.hash = encodePermalink(store.getState().text);
    window.history.replaceState(null, '', url);
    try {
      await navigator.clipboard.writeText(url.toString());
      setNote(t('toolbar.permalinkCopied'));
    } catch {
      setNote(t('toolbar.permalinkFailed'));
    }
  };
  return (
    <>
      <button type="button" className="btn" onClick={() => void copy()}>{t('toolbar.permalink')}</button>
      <span className="toast" role="status" aria-live="polite">{note ?? ''}</span>
    </>
  );
}

export function Toolbar() {
  const t = useT();
  const store = useAppStore();
  const scenarios = useAppState((s) => s.scenarios);
  const scenarioId = useAppState((s) => s.scenarioId);
  const canReset = useAppState((s) => s.scenarioText !== null && s.scenarioText !== s.text);
  const language = useAppState((s) => s.language);
  const theme = useAppState((s) => s.theme);

  const pick = async (id: string) => {
    const entry = store.getState().scenarios.find((s) => s.id === id);
    if (entry) store.getState().loadScenario(entry.id, await fetchScenarioText(entry));
  };

  return (
    <header className="toolbar">
      <div className="brand">
        <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true"><polygon points="16,2 28,8.5 28,23.5 16,30 4,23.5 4,8.5" fill="#326ce5" /><circle cx="16" cy="16" r="5.5" fill="none" stroke="#fff" strokeWidth="2.5" /></svg>
        <span className="brand-name">{t('app.title')}</span>
        <span className="brand-tag">{t('app.tagline')}</span>
      </div>
      <label className="field">
        <span>{t('toolbar.scenario')}</span>
        <select value={scenarioId ?? ''} onChange={(e) => void pick(e.target.value)} aria-label={t('toolbar.scenario')}>
          {scenarioId === null && <option value="">{t('toolbar.scenarioNone')}</option>}
          {scenarios.map((s) => <option key={s.id} value={s.id} title={s.description}>{s.title}</option>)}
        </select>
      </label>
      <button type="button" className="btn" disabled={!canReset} onClick={() => { const s = store.getState(); if (s.scenarioText !== null) s.setText(s.scenarioText, 'scenario'); }}>
        {t('toolbar.reset')}
      </button>
      <ProxyModeSwitch />
      <div className="spacer" />
      <PermalinkButton />
      <label className="field">
        <span className="sr-only">{t('toolbar.language')}</span>
        <select value={language} aria-label={t('toolbar.language')} onChange={(e) => store.getState().setLanguage(e.target.value as Language)}>
          <option value="en">English</option>
          <option value="zh">简体中文</option>
        </select>
      </label>
      <button type="button" className="btn icon" aria-label={theme === 'dark' ? t('toolbar.themeToLight') : t('toolbar.themeToDark')}
        title={theme === 'dark' ? t('toolbar.themeToLight') : t('toolbar.themeToDark')}
        onClick={() => store.getState().setTheme(theme === 'dark' ? 'light' : 'dark')}>
        {theme === 'dark'
          ? <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="5" fill="currentColor" /><g stroke="currentColor" strokeWidth="2">{[0, 45, 90, 135, 180, 225, 270, 315].map((a) => <line key={a} x1="12" y1="1.5" x2="12" y2="4" transform={`rotate(${a} 12 12)`} />)}</g></svg>
          : <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true"><path d="M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5z" fill="currentColor" /></svg>}
      </button>
    </header>
  );
}
