import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createInProcessClient } from '../worker/createInProcessClient.ts';
import { createAppStore } from './appStore.ts';

const scenario = readFileSync(new URL('../../public/scenarios/web-clusterip-nodeport.yaml', import.meta.url), 'utf8');

describe('rulesSlice', () => {
  it('loads rules, then marks what a change added and removed', async () => {
    const store = createAppStore();
    store.setState({ engine: createInProcessClient() });
    store.getState().setText(scenario, 'scenario');
    await store.getState().loadRules('Service/default/web');
    const first = store.getState().rules;
    expect(first?.mode).toBe('iptables');
    expect(store.getState().rulesDiff).toBeNull();
    await store.getState().loadRules('Service/default/web');
    expect(store.getState().rulesDiff, 'same render: no diff').toBeNull();

    store.getState().setText(scenario.replace('replicas: 3', 'replicas: 2'), 'user');
    await store.getState().loadRules('Service/default/web');
    const diff = store.getState().rulesDiff!;
    const lines = store.getState().rules!.dump.lines;
    const added = [...diff.added].map((i) => lines[i]!);
    expect(added.some((l) => l.includes('--probability 0.50000000000')), added.join('\n')).toBe(true);
    expect(diff.removed).toBeGreaterThan(added.length - 1);
    expect(store.getState().rules!.resync).not.toBeNull();
  });

  it('without an engine it does nothing; an engine failure is reported', async () => {
    const store = createAppStore();
    await store.getState().loadRules(null);
    expect(store.getState().rules).toBeNull();
    store.setState({ engine: { request: () => Promise.reject(new Error('boom')), dispose() {} } });
    await store.getState().loadRules(null);
    expect(store.getState().rulesError).toBe('boom');
  });
});
