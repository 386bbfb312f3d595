// The Pods slice over the in-process engine: a view per action, the cluster at the simulated
// time becoming the diagram's snapshot, and a broken text never replacing the last good one.
import { describe, expect, it } from 'vitest';
import { createInProcessClient } from '../worker/createInProcessClient.ts';
import { createAppStore } from './appStore.ts';
import { podsPodOf } from './podsSlice.ts';

const TEXT = `apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec: { containers: [{ name: nginx, image: nginx:1.27 }] }
`;

const phaseOf = (s: ReturnType<ReturnType<typeof createAppStore>['getState']>) => s.snapshot?.objects.find((o) => o.key === 'Pod/default/web')?.object.status?.phase;

describe('podsSlice', () => {
  it('open, replay and back: the view and the diagram snapshot follow the simulated time', async () => {
    const store = createAppStore();
    store.setState({ engine: createInProcessClient() });
    store.getState().setText(TEXT, 'scenario');
    await store.getState().podsAct({ op: 'settle' });
    expect(store.getState().podsView?.nowMs).toBe(300_000);
    expect(phaseOf(store.getState())).toBe('Running');
    await store.getState().podsAct({ op: 'replay' });
    expect(store.getState().podsView?.nowMs).toBe(0);
    expect(phaseOf(store.getState())).toBe('Pending');
    await store.getState().podsAct({ op: 'advance', ms: 60_000 });
    expect(phaseOf(store.getState())).toBe('Running');
    await store.getState().podsAct({ op: 'back' });
    expect(phaseOf(store.getState())).toBe('Pending');
  });

  it('a text with errors does not replace the diagram\'s snapshot', async () => {
    const store = createAppStore();
    store.setState({ engine: createInProcessClient() });
    store.getState().setText(TEXT, 'scenario');
    await store.getState().podsAct({ op: 'settle' });
    const good = store.getState().snapshot;
    store.getState().setText(`${TEXT}---\nkind: Pod\nmetadata: {}\n`, 'user');
    await store.getState().podsAct({ op: 'open' });
    expect(store.getState().snapshot).toBe(good);
  });

  it('an engine failure is shown and stops play', async () => {
    const store = createAppStore();
    store.setState({ engine: { request: () => Promise.reject(new Error('boom')), dispose() {} }, podsPlaying: true });
    await store.getState().podsAct({ op: 'open' });
    expect(store.getState()).toMatchObject({ podsError: 'boom', podsPlaying: false });
  });

  it.each([
    [{ podsPod: 'default/a', selected: 'Pod/default/b' }, 'default/a'],
    [{ podsPod: null, selected: 'Pod/default/b' }, 'default/b'],
    [{ podsPod: null, selected: 'Service/default/b' }, undefined],
  ])('podsPodOf(%j)', (s, expected) => expect(podsPodOf(s)).toBe(expected));
});
