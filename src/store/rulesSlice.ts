// State of the Rules tab: which node and command it shows, its filter, the engine's last answer,
// and per node+view the previous render so a change is shown as a diff (added lines, removed count).
import type { StateCreator } from 'zustand/vanilla';
import type { RulesResponsePayload, RulesViewId } from '../worker/handlers/rulesTypes.ts';
import { SupersededError } from '../worker/protocol.ts';
import { lineDiff, sameLines, type LineDiff } from './rulesLineDiff.ts';
import type { AppState } from './appStore.ts';
import { EDITOR_FILE } from './editorSlice.ts';

export interface RulesSlice {
  /** Node picked in the tab; null = the first Node. */
  rulesNode: string | null;
  /** Command picked; null = the mode's first view. */
  rulesView: RulesViewId | null;
  rulesQuery: string;
  rulesSelectedOnly: boolean;
  rules: RulesResponsePayload | null;
  /** The change since this node+view was last rendered differently (null before any change). */
  rulesDiff: LineDiff | null;
  rulesError: string | null;
  setRulesNode(node: string | null): void;
  setRulesView(view: RulesViewId | null): void;
  setRulesQuery(q: string): void;
  setRulesSelectedOnly(on: boolean): void;
  /** Ask the engine for the current text, node, view and the selected Service's tree. */
  loadRules(service: string | null): Promise<void>;
}

interface History { readonly lines: readonly string[]; readonly diff: LineDiff | null }

/** Folds an answer into the per node+view history: a different render yields a new diff. */
export function foldRulesHistory(history: Map<string, History>, res: RulesResponsePayload): LineDiff | null {
  const key = `${res.mode}/${res.node}/${res.view}`;
  const prev = history.get(key);
  const lines = res.dump.lines;
  const diff = !prev ? null : sameLines(prev.lines, lines) ? prev.diff : lineDiff(prev.lines, lines);
  history.set(key, { lines, diff });
  return diff;
}

export const createRulesSlice: StateCreator<AppState, [], [], RulesSlice> = (set, get) => {
  let latest = 0;
  const history = new Map<string, History>();
  return {
    rulesNode: null,
    rulesView: null,
    rulesQuery: '',
    rulesSelectedOnly: false,
    rules: null,
    rulesDiff: null,
    rulesError: null,
    setRulesNode: (rulesNode) => set({ rulesNode }),
    setRulesView: (rulesView) => set({ rulesView }),
    setRulesQuery: (rulesQuery) => set({ rulesQuery }),
    setRulesSelectedOnly: (rulesSelectedOnly) => set({ rulesSelectedOnly }),
    loadRules: async (service) => {
      const s = get();
      const engine = s.engine;
      if (!engine) return;
      const mine = ++latest;
      try {
        const res = await engine.request('rules', {
          files: [{ name: EDITOR_FILE, text: s.text }],
          ...(s.rulesNode ? { node: s.rulesNode } : {}),
          ...(s.rulesView ? { view: s.rulesView } : {}),
          ...(service ? { service } : {}),
        });
        if (mine !== latest) return;
        if (!res.ok) return set({ rulesError: res.error });
        const { version: _v, id: _i, type: _t, ok: _o, ...payload } = res;
        set({ rules: payload, rulesDiff: foldRulesHistory(history, payload), rulesError: null });
      } catch (e) {
        if (e instanceof SupersededError || mine !== latest) return;
        set({ rulesError: e instanceof Error ? e.message : String(e) });
      }
    },
  };
};
