// Folding one engine answer into the store: drop stale answers by sequence number, keep the last
// good snapshot while the YAML has errors, and say where the first error is.
import type { ClusterSnapshot } from '../engine/cluster/objects.ts';
import type { Diagnostic } from '../engine/shared/diagnostics.ts';

export interface AnalysisState {
  /** The last snapshot built from YAML without errors (or the first one ever, so the page is never empty). */
  readonly snapshot: ClusterSnapshot | null;
  /** Diagnostics of the latest analysed text, good or not. */
  readonly diagnostics: readonly Diagnostic[];
  /** The diagram shows an older snapshot than the text. */
  readonly stale: boolean;
  /** Line of the first error, for the "fix the error at line N" banner. */
  readonly staleLine: number | null;
  readonly appliedSeq: number;
  readonly engineError: string | null;
}

export const initialAnalysis: AnalysisState = {
  snapshot: null, diagnostics: [], stale: false, staleLine: null, appliedSeq: 0, engineError: null,
};

export type AnalysisResult =
  | { readonly ok: true; readonly snapshot: ClusterSnapshot }
  | { readonly ok: false; readonly error: string };

export function firstError(diagnostics: readonly Diagnostic[]): Diagnostic | undefined {
  return diagnostics.find((d) => d.severity === 'error');
}

/** Returns the next state, or the same object when the answer is older than one already applied. */
export function foldAnalysis(prev: AnalysisState, seq: number, result: AnalysisResult): AnalysisState {
  if (seq <= prev.appliedSeq) return prev;
  if (!result.ok) {
    return { ...prev, appliedSeq: seq, stale: prev.snapshot !== null, staleLine: null, engineError: result.error };
  }
  const diagnostics = result.snapshot.diagnostics;
  const err = firstError(diagnostics);
  if (err && prev.snapshot) {
    return { ...prev, diagnostics, appliedSeq: seq, stale: true, staleLine: err.pos?.line ?? null, engineError: null };
  }
  return {
    snapshot: result.snapshot, diagnostics, appliedSeq: seq, engineError: null,
    stale: false, staleLine: err?.pos?.line ?? null,
  };
}
