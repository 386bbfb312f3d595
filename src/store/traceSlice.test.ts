import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInProcessClient } from '../worker/createInProcessClient.ts';
import type { EngineClient, EngineResponse } from '../worker/protocol.ts';
import { createAppStore } from './appStore.ts';

const WEB = readFileSync(path.resolve(process.cwd(), 'public/scenarios/web-clusterip-nodeport.yaml'), 'utf8');

function storeWith(engine: EngineClient | null) {
  const store = createAppStore();
  store.setState({ engine, text: WEB });
  store.getState().setTraceForm({ from: 'pod/default/client', to: 'svc/default/web:80' });
  return store;
}

describe('traceSlice', () => {
  it('Send traces the form over the editor text; compare re-traces in both modes', async () => {
    const store = storeWith(createInProcessClient());
    await store.getState().sendTrace();
    const s = store.getState();
    expect(s.traceOutcome?.error).toBeNull();
    expect(s.traceOutcome?.runs.map((r) => r.mode)).toEqual(['iptables']);
    expect(s.traceBusy).toBe(false);
    store.getState().setTraceStep(5);
    store.getState().setTraceCompare(true);
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().traceOutcome?.runs.map((r) => r.mode)).toEqual(['iptables', 'ipvs']);
    expect(store.getState().traceStep).toBe(0);
  });

  it('an answer older than the latest request is dropped', async () => {
    const resolvers: ((r: EngineResponse<'trace'>) => void)[] = [];
    const fake: EngineClient = {
      request: () => new Promise((resolve) => resolvers.push(resolve as (r: EngineResponse<'trace'>) => void)) as never,
      dispose() {},
    };
    const store = storeWith(fake);
    const first = store.getState().sendTrace();
    const second = store.getState().sendTrace();
    const answer = (error: string): EngineResponse<'trace'> => ({ version: 1, id: 1, type: 'trace', ok: true, outcome: { runs: [], error } });
    resolvers[1]!(answer('newer'));
    await second;
    resolvers[0]!(answer('older'));
    await first;
    expect(store.getState().traceOutcome?.error).toBe('newer');
  });

  it('without an engine or an endpoint, Send does nothing', async () => {
    const store = storeWith(null);
    await store.getState().sendTrace();
    expect(store.getState().traceSeq).toBe(0);
    const s2 = storeWith(createInProcessClient());
    s2.getState().setTraceForm({ to: '' });
    await s2.getState().sendTrace();
    expect(s2.getState().traceOutcome).toBeNull();
  });
});
