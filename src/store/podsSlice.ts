// State of the Pods tab: the worker holds the simulation; the page holds its last view, which Pod
// is shown, and the play controls. Each action is one request; an answer older than the latest
// is dropped. In cluster mode the view carries the cluster at the simulated time, which becomes
// the store's snapshot so the diagram's Pod colours follow the simulated phase.
import type { StateCreator } from 'zustand/vanilla';
import type { PodsAction, PodsView } from '../worker/handlers/podsTypes.ts';
import type { AppState } from './appStore.ts';
import { podOfSelection } from './dnsSlice.ts';
import { EDITOR_FILE } from './editorSlice.ts';

export const POD_SPEEDS = [1, 10, 60] as const;

export interface PodsSlice {
  podsView: PodsView | null;
  podsError: string | null;
  /** `ns/name` picked in the tab; null follows the diagram's selected Pod. */
  podsPod: string | null;
  podsSpeed: number;
  podsPlaying: boolean;
  podsAct(action: PodsAction): Promise<void>;
  setPodsPod(pod: string | null): void;
  setPodsSpeed(speed: number): void;
  setPodsPlaying(playing: boolean): void;
}

/** The Pod the tab shows: the one picked, else the selected one, else the engine's first. */
export function podsPodOf(s: Pick<AppState, 'podsPod' | 'selected'>): string | undefined {
  return s.podsPod ?? podOfSelection(s.selected) ?? undefined;
}

export const createPodsSlice: StateCreator<AppState, [], [], PodsSlice> = (set, get) => {
  let latest = 0;
  return {
    podsView: null,
    podsError: null,
    podsPod: null,
    podsSpeed: 10,
    podsPlaying: false,
    setPodsPod: (podsPod) => {
      set({ podsPod });
      void get().podsAct({ op: 'open' });
    },
    setPodsSpeed: (podsSpeed) => set({ podsSpeed }),
    setPodsPlaying: (podsPlaying) => set({ podsPlaying }),
    podsAct: async (action) => {
      const s = get();
      const engine = s.engine;
      if (!engine) return set({ podsError: 'the engine is not connected' });
      const mine = ++latest;
      const pod = podsPodOf(s);
      try {
        const res = await engine.request('pods', { files: [{ name: EDITOR_FILE, text: s.text }], action, ...(pod ? { pod } : {}) });
        if (mine !== latest) return;
        if (!res.ok) return set({ podsError: res.error, podsPlaying: false });
        // The diagram keeps the last good snapshot while the YAML has errors (analysis.ts), so a
        // cluster built from broken text does not replace it here either.
        const good = res.view.snapshot && !res.view.snapshot.diagnostics.some((d) => d.severity === 'error');
        set({ podsView: res.view, podsError: null, ...(good ? { snapshot: res.view.snapshot } : {}) });
      } catch (e) {
        if (mine === latest) set({ podsError: e instanceof Error ? e.message : String(e), podsPlaying: false });
      }
    },
  };
};
