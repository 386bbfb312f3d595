import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './appStore.ts';

export type Theme = 'light' | 'dark';
export type Language = 'en' | 'zh';
/** Widths of the YAML, diagram and inspector panes, in percent of the window. */
export type PaneSizes = readonly [number, number, number];

export const MIN_PANE = 12;
export const DEFAULT_PANES: PaneSizes = [32, 40, 28];

export interface UiSlice {
  inspectorTab: string;
  theme: Theme;
  language: Language;
  paneSizes: PaneSizes;
  setInspectorTab(id: string): void;
  setTheme(t: Theme): void;
  setLanguage(l: Language): void;
  setPaneSizes(s: PaneSizes): void;
}

/** Move the splitter between pane `i` and `i + 1` by `deltaPct`, keeping every pane ≥ MIN_PANE. */
export function resizePanes(sizes: PaneSizes, i: 0 | 1, deltaPct: number): PaneSizes {
  const next = [...sizes] as [number, number, number];
  const a = next[i];
  const b = next[i + 1]!;
  const d = Math.max(MIN_PANE - a, Math.min(b - MIN_PANE, deltaPct));
  next[i] = a + d;
  next[i + 1] = b - d;
  return next;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  inspectorTab: 'object',
  theme: 'light',
  language: 'en',
  paneSizes: DEFAULT_PANES,
  setInspectorTab: (inspectorTab) => set({ inspectorTab }),
  setTheme: (theme) => set({ theme }),
  setLanguage: (language) => set({ language }),
  setPaneSizes: (paneSizes) => set({ paneSizes }),
});
