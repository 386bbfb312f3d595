// The Pods requests through the worker's dispatch: start settled, events, clock, back, scenarios,
// and the other handlers seeing the cluster at the simulated time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPodsRequest } from './podsTypes.ts';
import { handleRequest } from '../engineHost.ts';
import { parseRequest, PROTOCOL_VERSION, type EngineRequests } from '../protocol.ts';

const TEXT = `apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec:
  containers: [{ name: nginx, image: nginx:1.27, readinessProbe: { httpGet: { path: /, port: 80 } } }]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
`;
const files = [{ name: 'lab.yaml', text: TEXT }];
let id = 0;
function pods(action: EngineRequests['pods']['action'], pod?: string) {
  const res = handleRequest({ version: PROTOCOL_VERSION, id: ++id, type: 'pods', files, action, ...(pod ? { pod } : {}) });
  if (!res.ok) throw new Error(res.error);
  return res.view;
}
const webReady = (s: { objects: readonly { object: { kind: string; metadata: { labels?: Record<string, string> }; [k: string]: unknown } }[] } | null) =>
  s?.objects.filter((o) => o.object.kind === 'EndpointSlice' && o.object.metadata.labels?.['kubernetes.io/service-name'] === 'web').flatMap((o) => ((o.object['endpoints'] ?? []) as { conditions: { ready: boolean } }[]).map((e) => e.conditions.ready));

describe('pods requests', () => {
  it('open starts settled; replay starts at creation; back restores the earlier instant', () => {
    const v = pods({ op: 'settle' }, 'default/web');
    expect(v.pods.find((p) => p.key === 'default/web')).toMatchObject({ ready: '1/1', status: 'Running' });
    expect(webReady(v.snapshot)).toEqual([true]);
    const r = pods({ op: 'replay' }, 'default/web');
    expect(r.nowMs).toBe(0);
    expect(r.selected?.podActive).toContain('lifecycle.sandbox');
    const later = pods({ op: 'advance', ms: 30_000 }, 'default/web');
    expect(later.nowMs).toBe(30_000);
    expect(later.canBack).toBe(true);
    const back = pods({ op: 'back' }, 'default/web');
    expect(back.nowMs).toBe(0);
    expect(back.getPods).toBe(r.getPods);
  });

  it('a readiness failure moves the endpoints that analyze and trace see', () => {
    pods({ op: 'settle' });
    const v = pods({ op: 'send', pod: 'default/web', event: { type: 'probe.readiness.failed', container: 'nginx' } }, 'default/web');
    expect(v.selected?.validEvents.map((e) => e.type)).toContain('probe.readiness.succeeded');
    expect(webReady(v.snapshot)).toEqual([false]);
    const analyzed = handleRequest({ version: PROTOCOL_VERSION, id: ++id, type: 'analyze', files });
    expect(analyzed.ok && webReady(analyzed.snapshot)).toEqual([false]);
  });

  it('delete: Terminating, then gone', () => {
    pods({ op: 'settle' });
    const t = pods({ op: 'send', pod: 'default/web', event: { type: 'pod.delete' } }, 'default/web');
    expect(t.pods.find((p) => p.key === 'default/web')?.status).toBe('Terminating');
    const g = pods({ op: 'advance', ms: 60_000 }, 'default/web');
    expect(g.pods.find((p) => p.key === 'default/web')?.gone).toBe(true);
    expect(webReady(g.snapshot)).toEqual([]);
  });

  it('the crash-loop scenario plays its script and shows CrashLoopBackOff', () => {
    pods({ op: 'scenario', id: 'crash-loop' });
    const v = pods({ op: 'advance', ms: 120_000 });
    expect(v.mode).toBe('scenario');
    expect(v.getPods).toMatch(/CrashLoopBackOff/);
    expect(v.snapshot).toBeNull();
  });

  it('node unreachable: the toleration counts down, then the Pod is Terminating', () => {
    pods({ op: 'scenario', id: 'node-not-ready' });
    expect(pods({ op: 'advance', ms: 100_000 }).selected?.taintCountdown).toBeNull();
    const v = pods({ op: 'advance', ms: 200_000 });
    expect(v.selected?.taintCountdown).toEqual({ taint: 'node.kubernetes.io/unreachable:NoExecute', tolerationSeconds: 300, remainingSeconds: 110 });
    expect(pods({ op: 'advance', ms: 120_000 }).getPods).toMatch(/Terminating/);
  });

  it('memory pressure: the evictions in order, each with the eviction manager\'s reason', () => {
    pods({ op: 'scenario', id: 'memory-pressure' });
    const v = pods({ op: 'advance', ms: 180_000 });
    // Usage above request goes first (eviction_manager.go rankMemoryPressure: exceedMemoryRequests, priority, memory).
    expect(v.evictions.slice(0, 2).map((e) => e.pod), JSON.stringify(v.evictions)).toEqual(['default/burstable-over', 'default/besteffort']);
    expect(v.evictions.every((e) => /low on resource: memory/.test(e.message))).toBe(true);
    expect(v.evictions.map((e) => e.atMs)).toEqual([...v.evictions.map((e) => e.atMs)].sort((a, b) => a - b));
  });

  it('fuzz: checkPodsRequest never throws and accepts only well-formed actions', () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), (action, pod) => {
      const err = checkPodsRequest({ files, action, pod });
      return err === undefined || typeof err === 'string';
    }), { numRuns: 500 });
  });

  it.each([
    [{ op: 'nope' }, /action.op/],
    [{ op: 'advance', ms: -1 }, /action.ms/],
    [{ op: 'send', pod: 'x' }, /action.event/],
    [{ op: 'scenario' }, /action.id/],
  ])('parseRequest rejects %j', (action, err) => {
    const r = parseRequest({ version: PROTOCOL_VERSION, id: 1, type: 'pods', files, action });
    expect(r.ok ? '' : r.error).toMatch(err);
  });
});
