import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './appStore.ts';

/** One entry of public/scenarios/index.json. */
export interface ScenarioEntry {
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly description?: string;
}

export interface ScenarioSlice {
  scenarios: readonly ScenarioEntry[];
  scenarioId: string | null;
  /** The scenario's text as loaded, for "reset to scenario". */
  scenarioText: string | null;
  setScenarios(list: readonly ScenarioEntry[]): void;
  loadScenario(id: string, text: string): void;
}

/** Validate index.json; a bad entry is skipped rather than breaking the picker. */
export function parseScenarioIndex(v: unknown): ScenarioEntry[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((e) => {
    if (typeof e !== 'object' || e === null) return [];
    const { id, file, title, description } = e as Record<string, unknown>;
    if (typeof id !== 'string' || typeof file !== 'string' || typeof title !== 'string') return [];
    // Same origin only: a scenario file is a relative path inside scenarios/.
    if (/^[a-z]+:|^\/|\.\./i.test(file)) return [];
    return [{ id, file, title, ...(typeof description === 'string' ? { description } : {}) }];
  });
}

export const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice> = (set, get) => ({
  scenarios: [],
  scenarioId: null,
  scenarioText: null,
  setScenarios: (scenarios) => set({ scenarios }),
  loadScenario: (id, text) => {
    set({ scenarioId: id, scenarioText: text, selected: null });
    get().setText(text, 'scenario');
  },
});
