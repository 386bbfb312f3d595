// The YAML the user edits. Undo lives in Monaco; this is the text of record that autosave,
// permalink and the engine read.
import type { StateCreator } from 'zustand/vanilla';
import type { Diagnostic } from '../engine/shared/diagnostics.ts';
import type { AppState } from './appStore.ts';

/** The single manifest file name the engine sees; diagnostics carry it back. */
export const EDITOR_FILE = 'lab.yaml';

export type TextOrigin = 'user' | 'scenario' | 'permalink' | 'restore' | 'toolbar';

export interface EditorSlice {
  text: string;
  /** Bumped on every change; lets the editor tell its own echo from an outside replacement. */
  textVersion: number;
  textOrigin: TextOrigin;
  setText(text: string, origin: TextOrigin): void;
  /** What monaco-yaml found against the Kubernetes schema (owner `yaml`), for the Problems tab. */
  schemaProblems: readonly Diagnostic[];
  setSchemaProblems(d: readonly Diagnostic[]): void;
}

export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set) => ({
  text: '',
  textVersion: 0,
  textOrigin: 'restore',
  setText: (text, origin) =>
    set((s) => (s.text === text ? {} : { text, textOrigin: origin, textVersion: s.textVersion + 1 })),
  schemaProblems: [],
  setSchemaProblems: (schemaProblems) => set({ schemaProblems }),
});
