// The DNS slice against the real engine (in-process client): each view is asked on demand,
// a slower older answer never overwrites a newer one, and Trace the lookup fills the Trace form.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInProcessClient } from '../worker/createInProcessClient.ts';
import type { EngineClient } from '../worker/protocol.ts';
import { createAppStore } from './appStore.ts';
import { connectEngine, type Timers } from './connectEngine.ts';

const text = (file: string) => readFileSync(path.resolve(process.cwd(), 'public/scenarios', file), 'utf8');
const now: Timers = { setTimeout: (fn) => { fn(); return 0; }, clearTimeout: () => {} };

async function storeWith(file: string, client: EngineClient = createInProcessClient()) {
  const store = createAppStore();
  store.getState().setText(text(file), 'scenario');
  connectEngine(store, client, now);
  await expect.poll(() => store.getState().snapshot).not.toBeNull();
  return store;
}

describe('dnsSlice', () => {
  it('looks a name up from the selected Pod, then fills the Trace form for the packet to the nameserver', async () => {
    const store = await storeWith('web-clusterip-nodeport.yaml');
    store.getState().select('Pod/default/client', 'diagram');
    store.getState().setDnsQuery({ dnsName: 'web' });
    await store.getState().lookupName();
    const v = store.getState().dnsView!;
    expect(v.pod).toBe('default/client');
    expect(v.lookup).toMatchObject({ ok: true, final: { success: true, qname: 'web.default.svc.cluster.local.' } });
    store.getState().traceDnsLookup();
    expect(store.getState().inspectorTab).toBe('trace');
    expect(store.getState().traceForm).toMatchObject({ from: 'pod/default/client', to: `${v.nameserver}:53`, proto: 'udp' });
  });

  it('an older answer that arrives late is dropped', async () => {
    const real = createInProcessClient();
    const gates: (() => void)[] = [];
    // Hold every dnsLookup answer until released, to release them out of order.
    const slow: EngineClient = {
      request: (type, payload) => (type === 'dnsLookup'
        ? new Promise((resolve) => { gates.push(() => { void real.request(type, payload).then(resolve); }); })
        : real.request(type, payload)),
      dispose() {},
    };
    const store = await storeWith('web-clusterip-nodeport.yaml', slow);
    store.getState().setDnsQuery({ dnsPod: 'default/client', dnsName: 'web' });
    const first = store.getState().lookupName();
    store.getState().setDnsQuery({ dnsName: 'kubernetes.default' });
    const second = store.getState().lookupName();
    gates[1]!();
    await second;
    gates[0]!();
    await first;
    const v = store.getState().dnsView!;
    expect(v.lookup).toMatchObject({ ok: true, final: { qname: 'kubernetes.default.svc.cluster.local.' } });
  });

  it('routes an Ingress request and loads a Pod\'s environment', async () => {
    const store = await storeWith('ingress.yaml');
    store.getState().setIngressQuery({ ingressHost: 'shop.example.com', ingressPath: 'api' });
    await store.getState().routeIngress();
    expect(store.getState().ingressView?.route).toMatchObject({ status: 200, request: { path: '/api' }, backend: { service: 'api' } });
    const pod = store.getState().snapshot!.objects.find((o) => o.object.kind === 'Pod' && String(o.object.metadata.name).startsWith('api-'))!.object;
    await store.getState().loadPodEnv(`${pod.metadata.namespace}/${pod.metadata.name}`);
    expect(store.getState().envView).toMatchObject({ found: true });
    expect(store.getState().envError).toBeNull();
  });
});
