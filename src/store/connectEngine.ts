// Text → engine → store. The text is sent after a debounce that grows with its size (a 10 MB paste
// is analysed once, not per keystroke), every request is numbered, and an answer older than one
// already applied is dropped (foldAnalysis), so a slow parse never overwrites a newer one.
import { SupersededError, type EngineClient } from '../worker/protocol.ts';
import type { AppStore } from './appStore.ts';
import { EDITOR_FILE } from './editorSlice.ts';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** 120 ms for a small file, +1 ms per 4 KB, at most 1.5 s. */
export function debounceFor(textLength: number): number {
  return Math.min(1500, 120 + Math.floor(textLength / 4096));
}

export function connectEngine(store: AppStore, client: EngineClient, timers: Timers = globalThis as unknown as Timers): () => void {
  let seq = 0;
  let handle: unknown = null;
  store.setState({ engine: client });

  const analyze = (text: string) => {
    const mine = ++seq;
    client.request('analyze', { files: [{ name: EDITOR_FILE, text }] }).then(
      (res) => store.getState().applyAnalysis(mine, res.ok ? { ok: true, snapshot: res.snapshot } : { ok: false, error: res.error }),
      (err: unknown) => {
        // A superseded request's answer is simply never wanted; the newer one is on its way.
        if (err instanceof SupersededError) return;
        store.getState().applyAnalysis(mine, { ok: false, error: err instanceof Error ? err.message : String(err) });
      },
    );
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.text === prev.text) return;
    if (handle !== null) timers.clearTimeout(handle);
    // Loading a scenario or a permalink is one deliberate change: answer it at once.
    const wait = s.textOrigin === 'user' ? debounceFor(s.text.length) : 0;
    handle = timers.setTimeout(() => { handle = null; analyze(store.getState().text); }, wait);
  });
  if (store.getState().text) analyze(store.getState().text);
  return () => {
    unsubscribe();
    if (handle !== null) timers.clearTimeout(handle);
  };
}
