import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './appStore.ts';

/** Where a selection came from, so the place that made it does not echo it back (e.g. the editor
 * does not scroll itself when the user clicked into it). */
export type SelectionOrigin = 'diagram' | 'editor' | 'inspector';

export interface SelectionSlice {
  /** ClusterObject key, e.g. `Service/default/web`. */
  selected: string | null;
  selectionOrigin: SelectionOrigin | null;
  /** Bumped on every select, so re-selecting the same object reveals it again. */
  selectionVersion: number;
  select(key: string | null, origin: SelectionOrigin): void;
  /** A request for the editor to show a line (Problems tab → "go to line"). */
  reveal: { line: number; col: number; version: number } | null;
  revealAt(line: number, col?: number): void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selected: null,
  selectionOrigin: null,
  selectionVersion: 0,
  select: (key, origin) => set((s) => ({ selected: key, selectionOrigin: origin, selectionVersion: s.selectionVersion + 1 })),
  reveal: null,
  revealAt: (line, col = 1) => set((s) => ({ reveal: { line, col, version: (s.reveal?.version ?? 0) + 1 } })),
});
