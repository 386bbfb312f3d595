// One zustand store made of slices (zustand's slices pattern; aesthetics.md §3). It is a vanilla
// store so tests and the engine connection use it without React; the UI reads it with
// `useStore(store, selector)`.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAnalysisSlice, type AnalysisSlice } from './analysisSlice.ts';
import { createDnsSlice, type DnsSlice } from './dnsSlice.ts';
import { createEditorSlice, type EditorSlice } from './editorSlice.ts';
import { createPodsSlice, type PodsSlice } from './podsSlice.ts';
import { createRulesSlice, type RulesSlice } from './rulesSlice.ts';
import { createScenarioSlice, type ScenarioSlice } from './scenarioSlice.ts';
import { createSelectionSlice, type SelectionSlice } from './selectionSlice.ts';
import { createTraceSlice, type TraceSlice } from './traceSlice.ts';
import { createUiSlice, type UiSlice } from './uiSlice.ts';

export type AppState = EditorSlice & AnalysisSlice & SelectionSlice & UiSlice & ScenarioSlice & DnsSlice & TraceSlice & RulesSlice & PodsSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createEditorSlice(...a),
    ...createAnalysisSlice(...a),
    ...createSelectionSlice(...a),
    ...createUiSlice(...a),
    ...createScenarioSlice(...a),
    ...createRulesSlice(...a),
    ...createDnsSlice(...a),
    ...createTraceSlice(...a),
    ...createPodsSlice(...a),
  }));
}
