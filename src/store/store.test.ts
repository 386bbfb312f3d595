import { describe, expect, it } from 'vitest';
import { createInProcessClient } from '../worker/createInProcessClient.ts';
import { SupersededError, type EngineClient } from '../worker/protocol.ts';
import { createAppStore } from './appStore.ts';
import { connectEngine, debounceFor, type Timers } from './connectEngine.ts';
import { persist, PREFS_KEY, readPrefs, TEXT_KEY, type KeyValueStorage } from './persistence.ts';
import { parseScenarioIndex } from './scenarioSlice.ts';
import { resizePanes } from './uiSlice.ts';

/** Manual timers: tests decide when time passes. */
function fakeTimers() {
  let next = 1;
  const due = new Map<number, { fn: () => void; ms: number }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => { due.set(next, { fn, ms }); return next++; },
    clearTimeout: (h) => { due.delete(h as number); },
  };
  const flush = () => { const all = [...due.values()]; due.clear(); all.forEach((t) => t.fn()); return all.map((t) => t.ms); };
  return { timers, flush, pending: () => due.size };
}

function memoryStorage(init: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...init };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => { data[k] = v; } };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!cond()) throw new Error('condition not reached');
};

const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: default\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n';

describe('store + engine connection', () => {
  it('analyses loaded text at once and typed text after a debounce, through the real protocol', async () => {
    const store = createAppStore();
    const { timers, flush, pending } = fakeTimers();
    connectEngine(store, createInProcessClient(), timers);
    store.getState().loadScenario('s', SVC);
    expect(flush()).toEqual([0]);
    await until(() => store.getState().snapshot !== null);
    expect(store.getState().snapshot?.objects.map((o) => o.key)).toContain('Service/default/web');

    store.getState().setText(SVC + 'x: [\n', 'user');
    store.getState().setText(SVC + 'x: [1\n', 'user');
    expect(pending()).toBe(1); // the first keystroke's timer was replaced
    const [ms] = flush();
    expect(ms).toBe(debounceFor(SVC.length + 6));
    await until(() => store.getState().appliedSeq === 2);
    const s = store.getState();
    expect(s.stale).toBe(true);
    expect(s.staleLine).toBeGreaterThan(0);
    expect(s.snapshot?.objects.map((o) => o.key)).toContain('Service/default/web');
  });

  it('ignores a superseded request and reports a real engine failure', async () => {
    const store = createAppStore();
    const { timers, flush } = fakeTimers();
    let n = 0;
    const client: EngineClient = {
      request: () => (++n === 1 ? Promise.reject(new SupersededError()) : Promise.reject(new Error('engine worker: boom'))) as never,
      dispose() {},
    };
    connectEngine(store, client, timers);
    store.getState().loadScenario('s', SVC);
    flush();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().engineError).toBeNull();
    store.getState().setText(SVC + '# x\n', 'user');
    flush();
    await until(() => store.getState().engineError !== null);
    expect(store.getState().engineError).toBe('engine worker: boom');
  });

  it('debounce grows with size and is capped', () => {
    expect(debounceFor(100)).toBe(120);
    expect(debounceFor(10 * 1024 * 1024)).toBe(1500);
  });

  it('persists text (debounced) and prefs, and restores prefs', () => {
    const storage = memoryStorage({ [PREFS_KEY]: JSON.stringify({ theme: 'dark', language: 'zh', paneSizes: [30, 40, 30] }) });
    const store = createAppStore();
    const { timers, flush } = fakeTimers();
    persist(store, storage, timers);
    expect(store.getState()).toMatchObject({ theme: 'dark', language: 'zh', paneSizes: [30, 40, 30] });
    store.getState().setText('kind: Pod\n', 'user');
    expect(storage.data[TEXT_KEY]).toBeUndefined();
    flush();
    expect(storage.data[TEXT_KEY]).toBe('kind: Pod\n');
    store.getState().setTheme('light');
    expect(readPrefs(storage).theme).toBe('light');
  });

  it('ignores malformed prefs and a full storage', () => {
    expect(readPrefs(memoryStorage({ [PREFS_KEY]: '{nope' }))).toEqual({});
    expect(readPrefs(memoryStorage({ [PREFS_KEY]: JSON.stringify({ theme: 'pink', paneSizes: [1, 2] }) }))).toEqual({});
    const full: KeyValueStorage = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    const store = createAppStore();
    const { timers, flush } = fakeTimers();
    persist(store, full, timers);
    store.getState().setText('x', 'user');
    expect(() => flush()).not.toThrow();
  });
});

describe('resizePanes', () => {
  it.each([
    [[30, 40, 30], 0, 5, [35, 35, 30]],
    [[30, 40, 30], 1, -10, [30, 30, 40]],
    [[30, 40, 30], 0, 50, [58, 12, 30]],
    [[30, 40, 30], 0, -50, [12, 58, 30]],
  ] as const)('%j splitter %i by %i → %j', (sizes, i, d, want) => {
    expect(resizePanes(sizes, i, d)).toEqual(want);
  });
});

describe('parseScenarioIndex', () => {
  it('keeps valid same-origin entries only', () => {
    expect(parseScenarioIndex([
      { id: 'a', file: 'a.yaml', title: 'A', description: 'first' },
      { id: 'b', file: 'https://evil.example/b.yaml', title: 'B' },
      { id: 'c', file: '../c.yaml', title: 'C' },
      { id: 'd', title: 'no file' },
      null,
    ])).toEqual([{ id: 'a', file: 'a.yaml', title: 'A', description: 'first' }]);
    expect(parseScenarioIndex({})).toEqual([]);
  });
});
