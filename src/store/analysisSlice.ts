import type { StateCreator } from 'zustand/vanilla';
import { foldAnalysis, initialAnalysis, type AnalysisResult, type AnalysisState } from './analysis.ts';
import type { AppState } from './appStore.ts';
import type { EngineClient } from '../worker/protocol.ts';

export interface AnalysisSlice extends AnalysisState {
  /** The engine connectEngine talks to, for views that ask it on demand (DNS, rules, trace). */
  engine: EngineClient | null;
  applyAnalysis(seq: number, result: AnalysisResult): void;
}

export const createAnalysisSlice: StateCreator<AppState, [], [], AnalysisSlice> = (set) => ({
  ...initialAnalysis,
  engine: null,
  applyAnalysis: (seq, result) => set((s) => {
    const next = foldAnalysis(s, seq, result);
    return next === s ? {} : next;
  }),
});
