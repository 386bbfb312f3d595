// Reload restores the work: the editor text and the UI preferences are saved to localStorage
// (debounced; a quota error — a 10 MB paste — is swallowed, the session just is not saved).
import type { AppStore } from './appStore.ts';
import type { Timers } from './connectEngine.ts';
import { DEFAULT_PANES, type Language, type PaneSizes, type Theme } from './uiSlice.ts';

export const TEXT_KEY = 'podlab.text.v1';
export const PREFS_KEY = 'podlab.prefs.v1';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface Prefs {
  theme: Theme;
  language: Language;
  paneSizes: PaneSizes;
  inspectorTab: string;
  scenarioId: string | null;
}

export function readPrefs(storage: KeyValueStorage): Partial<Prefs> {
  try {
    const v = JSON.parse(storage.getItem(PREFS_KEY) ?? '{}') as Record<string, unknown>;
    const out: Partial<Prefs> = {};
    if (v.theme === 'light' || v.theme === 'dark') out.theme = v.theme;
    if (v.language === 'en' || v.language === 'zh') out.language = v.language;
    if (Array.isArray(v.paneSizes) && v.paneSizes.length === 3 && v.paneSizes.every((n) => typeof n === 'number' && n >= 5 && n <= 90)) {
      out.paneSizes = v.paneSizes as unknown as PaneSizes;
    }
    if (typeof v.inspectorTab === 'string') out.inspectorTab = v.inspectorTab;
    if (typeof v.scenarioId === 'string') out.scenarioId = v.scenarioId;
    return out;
  } catch {
    return {};
  }
}

export function readSavedText(storage: KeyValueStorage): string | null {
  try {
    return storage.getItem(TEXT_KEY);
  } catch {
    return null;
  }
}

function safeSet(storage: KeyValueStorage, key: string, value: string): void {
  try {
    storage.setItem(key, value);
  } catch {
    // QuotaExceededError or storage disabled: keep working without autosave.
  }
}

/** Apply saved prefs now and save text and prefs on change. Returns an unsubscribe. */
export function persist(store: AppStore, storage: KeyValueStorage, timers: Timers, delayMs = 400): () => void {
  const prefs = readPrefs(storage);
  store.setState({ paneSizes: DEFAULT_PANES, ...prefs });
  let handle: unknown = null;
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.theme !== prev.theme || s.language !== prev.language || s.paneSizes !== prev.paneSizes
      || s.inspectorTab !== prev.inspectorTab || s.scenarioId !== prev.scenarioId) {
      const p: Prefs = { theme: s.theme, language: s.language, paneSizes: s.paneSizes, inspectorTab: s.inspectorTab, scenarioId: s.scenarioId };
      safeSet(storage, PREFS_KEY, JSON.stringify(p));
    }
    if (s.text !== prev.text) {
      if (handle !== null) timers.clearTimeout(handle);
      handle = timers.setTimeout(() => { handle = null; safeSet(storage, TEXT_KEY, store.getState().text); }, delayMs);
    }
  });
  return () => {
    unsubscribe();
    if (handle !== null) {
      timers.clearTimeout(handle);
      safeSet(storage, TEXT_KEY, store.getState().text);
    }
  };
}
