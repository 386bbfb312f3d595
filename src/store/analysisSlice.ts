import type { StateCreator } from 'zustand/vanilla';
import { foldAnalysis, initialAnalysis, type AnalysisResult, type AnalysisState } from './analysis.ts';
import type { AppState } from './appStore.ts';

export interface AnalysisSlice extends AnalysisState {
  applyAnalysis(seq: number, result: AnalysisResult): void;
}

export const createAnalysisSlice: StateCreator<AppState, [], [], AnalysisSlice> = (set) => ({
  ...initialAnalysis,
  applyAnalysis: (seq, result) => set((s) => {
    const next = foldAnalysis(s, seq, result);
    return next === s ? {} : next;
  }),
});
