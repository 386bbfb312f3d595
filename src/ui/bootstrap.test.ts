import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../store/appStore.ts';
import { encodePermalink } from '../store/permalink.ts';
import { TEXT_KEY, type KeyValueStorage } from '../store/persistence.ts';
import { bootstrap } from './bootstrap.ts';
import { BUILTIN_SCENARIO, BUILTIN_TEXT } from './toolbar/builtinScenario.ts';

const INDEX = [{ id: 'web', file: 'web.yaml', title: 'Web' }, { id: 'dns', file: 'dns.yaml', title: 'DNS' }];
const FILES: Record<string, string> = { 'scenarios/index.json': JSON.stringify(INDEX), 'scenarios/web.yaml': 'kind: Service # web\n', 'scenarios/dns.yaml': 'kind: Pod # dns\n' };

function stubFetch(files: Record<string, string>) {
  const seen: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    seen.push(url);
    const body = files[url];
    return body === undefined ? new Response('nope', { status: 404 }) : new Response(body, { status: 200 });
  });
  return seen;
}

function env(hash = '', saved: Record<string, string> = {}) {
  const storage: KeyValueStorage = { getItem: (k) => saved[k] ?? null, setItem: (k, v) => { saved[k] = v; } };
  const location = { hash, pathname: '/lab/', search: '' } as Location;
  const replaced: string[] = [];
  const history = { replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) } as unknown as History;
  return { storage, location, history, replaced };
}

afterEach(() => vi.unstubAllGlobals());

describe('bootstrap: where the first text comes from', () => {
  it('a permalink wins, and is consumed from the URL', async () => {
    const seen = stubFetch(FILES);
    const store = createAppStore();
    const e = env(encodePermalink('kind: Namespace # shared\n'), { [TEXT_KEY]: 'kind: Pod # saved\n' });
    await bootstrap(store, e.storage, e.location, e.history);
    expect(store.getState()).toMatchObject({ text: 'kind: Namespace # shared\n', textOrigin: 'permalink', scenarioId: null });
    expect(e.replaced).toEqual(['/lab/']);
    expect(seen.every((u) => !/^[a-z]+:/.test(u))).toBe(true); // relative, same origin
  });

  it('then the autosaved work, with its scenario kept for reset', async () => {
    stubFetch(FILES);
    const store = createAppStore();
    store.setState({ scenarioId: 'dns' });
    const e = env('', { [TEXT_KEY]: 'kind: Pod # saved\n' });
    await bootstrap(store, e.storage, e.location, e.history);
    expect(store.getState()).toMatchObject({ text: 'kind: Pod # saved\n', textOrigin: 'restore', scenarioId: 'dns' });
    await vi.waitFor(() => expect(store.getState().scenarioText).toBe('kind: Pod # dns\n'));
  });

  it('then the first scenario', async () => {
    stubFetch(FILES);
    const store = createAppStore();
    const e = env('#not-a-permalink');
    await bootstrap(store, e.storage, e.location, e.history);
    expect(store.getState()).toMatchObject({ text: 'kind: Service # web\n', scenarioId: 'web', scenarioText: 'kind: Service # web\n' });
    expect(store.getState().scenarios.map((s) => s.id)).toEqual(['web', 'dns']);
  });

  it('falls back to the built-in scenario without public/scenarios', async () => {
    stubFetch({});
    const store = createAppStore();
    const e = env();
    await bootstrap(store, e.storage, e.location, e.history);
    expect(store.getState()).toMatchObject({ text: BUILTIN_TEXT, scenarioId: BUILTIN_SCENARIO.id });
  });

  it('a broken permalink falls through to the saved work', async () => {
    stubFetch(FILES);
    const store = createAppStore();
    const e = env('#s1=%%%', { [TEXT_KEY]: 'kind: Pod # saved\n' });
    await bootstrap(store, e.storage, e.location, e.history);
    expect(store.getState().text).toBe('kind: Pod # saved\n');
  });
});
