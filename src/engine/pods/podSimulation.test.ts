// Timing on the simulated clock: restart back-off, its reset, grace periods, taint tolerations,
// probes; plus settlePod and replay. Times are asserted in ms since creation.
import { describe, expect, it } from 'vitest';
import { hasExpired, isInBackOffSince, nextBackoff } from './backoff.ts';
import { BEHAVIOR_ANNOTATION } from './behavior.ts';
import { containerStateOf } from './containerStatus.ts';
import { createPodSimulation, type PodSimulation } from './podSimulation.ts';
import { printPod } from './printPod.ts';
import { buildCluster } from '../cluster/buildCluster.ts';
import { kubeletSettlePod, settlePod } from './settlePod.ts';
import type { Container, Pod, PodSpec } from './types.ts';

const S = 1000;
const M = 60 * S;
function pod(name: string, containers: Container[], spec: Partial<PodSpec> = {}, behavior?: unknown): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...(behavior ? { annotations: { [BEHAVIOR_ANNOTATION]: JSON.stringify(behavior) } } : {}) },
    spec: { containers, ...spec },
  };
}
const app = (extra: Partial<Container> = {}): Container => ({ name: 'app', image: 'busybox:1.36', ...extra });

/** (start, finish) of each run of container 0, sampled every second up to `until`. */
function runs(sim: PodSimulation, until: number): { start: number; finish: number | null }[] {
  const out = new Map<number, { start: number; finish: number | null }>();
  for (let t = 0; t <= until; t += S) {
    sim.advanceTo(t);
    const c = sim.pods[0]?.containers[0];
    if (!c || c.context.instance === 0) continue;
    const cur = out.get(c.context.instance) ?? { start: c.context.startedAtMs ?? 0, finish: null };
    const [top] = containerStateOf(c);
    if (top !== 'running' && c.context.current) cur.finish = c.context.current.finishedAtMs;
    out.set(c.context.instance, cur);
  }
  return [...out.values()];
}

describe('restart back-off (kuberuntime doBackOff, flowcontrol.Backoff)', () => {
  it('is immediate first, then 10 s doubling to the 300 s cap', () => {
    const sim = createPodSimulation({ pods: [pod('crash', [app()], {}, { containers: { app: { exitAfter: '1s', exitCode: 1 } } })] });
    const r = runs(sim, 25 * M);
    const gaps = r.slice(1).map((run, i) => run.start - (r[i]?.finish ?? 0));
    // The first restart waits only for the kubelet to notice the exit (PLEG relist, 1 s).
    expect(gaps.slice(0, 8)).toEqual([1 * S, 10 * S, 20 * S, 40 * S, 80 * S, 160 * S, 300 * S, 300 * S]);
  });

  it('is forgotten after 10 minutes without a crash', () => {
    const sim = createPodSimulation({ pods: [pod('slowcrash', [app()], {}, { containers: { app: { exitAfter: '11m', exitCode: 1 } } })] });
    const r = runs(sim, 50 * M);
    const gaps = r.slice(1).map((run, i) => run.start - (r[i]?.finish ?? 0));
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    expect(gaps.every((g) => g === 1 * S)).toBe(true);
  });

  it('pure functions: window, doubling, expiry', () => {
    const e1 = nextBackoff(null, 0);
    expect(e1).toEqual({ delayMs: 10 * S, lastUpdateMs: 0 });
    expect(isInBackOffSince(e1, 0, 9 * S)).toBe(true);
    expect(isInBackOffSince(e1, 0, 10 * S)).toBe(false);
    let e = e1;
    for (let i = 0; i < 10; i++) e = nextBackoff(e, i * S);
    expect(e.delayMs).toBe(300 * S);
    expect(hasExpired(601 * S, 0)).toBe(true);
    expect(nextBackoff(e, e.lastUpdateMs + 601 * S).delayMs).toBe(10 * S);
  });
});

describe('termination (killContainer)', () => {
  it('SIGKILL arrives when the grace period ends for an app that ignores SIGTERM', () => {
    const sim = createPodSimulation({ pods: [pod('stubborn', [app()], {}, { containers: { app: { ignoreSigterm: true } } })] });
    sim.advanceTo(60 * S);
    sim.send('default/stubborn', { type: 'pod.delete' });
    sim.advanceTo(89 * S);
    const v = sim.snapshot().pods[0];
    expect(v?.row?.status).toBe('Terminating');
    expect(v?.object?.metadata.deletionGracePeriodSeconds).toBe(30);
    sim.advanceTo(91 * S);
    expect(sim.snapshot().pods[0]?.object).toBeNull();
    expect(sim.pods[0]?.containers[0]?.context.current).toMatchObject({ exitCode: 137, reason: 'Error', finishedAtMs: 90 * S });
  });

  it('preStop longer than the grace period is cut off; StopContainer still gets 2 s', () => {
    const sim = createPodSimulation({
      pods: [pod('long', [app({ lifecycle: { preStop: { exec: { command: ['sleep', '40'] } } } })], {}, { containers: { app: { preStopTime: '40s', ignoreSigterm: true } } })],
    });
    sim.advanceTo(60 * S);
    sim.send('default/long', { type: 'pod.delete' });
    sim.advanceTo(95 * S);
    expect(sim.pods[0]?.containers[0]?.context.current?.finishedAtMs).toBe(92 * S);
  });

  it('a Terminating pod shows Terminating even while crash-looping', () => {
    // On an unreachable node nobody stops the containers, so the last reported CrashLoopBackOff stays.
    const sim = createPodSimulation({ pods: [pod('c', [app()], {}, { containers: { app: { exitAfter: '1s', exitCode: 1 } } })] });
    sim.advanceTo(40 * S);
    expect(sim.snapshot().pods[0]?.row?.status).toBe('CrashLoopBackOff');
    sim.send('default/c', { type: 'node.unreachable' });
    sim.advanceTo(40 * S + 350 * S);
    const v = sim.snapshot().pods[0];
    expect(v?.object?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(v?.row?.status).toBe('Terminating');
  });
});

describe('taint-based eviction', () => {
  it('honours a shorter tolerationSeconds and never evicts without one', () => {
    const short = pod('short', [app()], { nodeName: 'node-1', tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] });
    const forever = pod('forever', [app()], { nodeName: 'node-1', tolerations: [{ operator: 'Exists' }] });
    const sim = createPodSimulation({ pods: [short, forever] });
    sim.advanceTo(10 * S);
    sim.send('default/short', { type: 'node.unreachable' });
    sim.advanceTo(10 * S + 50 * S + 60 * S - 1);
    expect(sim.snapshot().pods[0]?.object?.metadata.deletionTimestamp).toBeUndefined();
    sim.advanceTo(10 * S + 50 * S + 60 * S);
    expect(sim.snapshot().pods[0]?.row?.status).toBe('Terminating');
    sim.advanceTo(60 * M);
    expect(sim.snapshot().pods[1]?.row?.status).toBe('Running');
  });

  it('a node that comes back cancels the countdown and the kubelet finishes pending work', () => {
    const sim = createPodSimulation({ pods: [pod('p', [app()])] });
    sim.advanceTo(10 * S);
    sim.send('default/p', { type: 'node.unreachable' });
    sim.advanceTo(200 * S);
    sim.send('default/p', { type: 'node.ready' });
    sim.advanceTo(20 * M);
    const v = sim.snapshot().pods[0];
    expect(v?.row?.status).toBe('Running');
    expect(v?.object?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(sim.eventsFor('default/p').find((e) => e.reason === 'TaintManagerEviction')?.message).toBe('Cancelling deletion of Pod default/p');
  });
});

describe('probes', () => {
  it('a failing liveness probe kills after failureThreshold × period and the container restarts', () => {
    const sim = createPodSimulation({
      pods: [pod('live', [app({ livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10, failureThreshold: 3 } })], {}, { containers: { app: { livenessProbe: { failAfter: '30s' } } } })],
    });
    sim.advanceTo(3 * M);
    const events = sim.eventsFor('default/live');
    expect(events.find((e) => e.reason === 'Killing')?.message).toBe('Container app failed liveness probe, will be restarted');
    expect(events.find((e) => e.reason === 'Unhealthy')?.message).toBe('Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(sim.pods[0]?.containers[0]?.context.restartCount).toBeGreaterThan(0);
  });
});

describe('probe workers per container', () => {
  it("one container's restarts do not disturb another's readiness worker", () => {
    const p = pod('two', [app({ name: 'a', readinessProbe: { tcpSocket: { port: 1 } } }), app({ name: 'b', readinessProbe: { tcpSocket: { port: 2 } } })], {}, {
      containers: { a: { exitAfter: '20s', exitCode: 1 }, b: { readinessProbe: { failAfter: '60s' } } },
    });
    const sim = createPodSimulation({ pods: [p] });
    sim.advanceTo(2 * M);
    const st = sim.snapshot().pods[0]?.object?.status?.containerStatuses;
    expect(st?.[0]?.restartCount).toBeGreaterThan(0);
    expect(st?.[1]?.ready).toBe(false);
    expect(sim.eventsFor('default/two').find((e) => e.reason === 'Unhealthy')?.message).toBe('Readiness probe failed: dial tcp 10.244.0.2:2: connect: connection refused');
  });
});

describe('phases through the machines', () => {
  it('restartPolicy Never: a run-to-completion pod Succeeds, a failing one Fails', () => {
    const ok = pod('ok', [app()], { restartPolicy: 'Never' }, { containers: { app: { exitAfter: '5s', exitCode: 0 } } });
    const bad = pod('bad', [app()], { restartPolicy: 'Never' }, { containers: { app: { exitAfter: '5s', exitCode: 2 } } });
    const sim = createPodSimulation({ pods: [ok, bad] });
    sim.advanceTo(M);
    const [a, b] = sim.snapshot().pods;
    expect([a?.object?.status?.phase, a?.row?.status]).toEqual(['Succeeded', 'Completed']);
    expect([b?.object?.status?.phase, b?.row?.status]).toEqual(['Failed', 'Error']);
  });

  it('init containers run one at a time (Init:0/2, Init:1/2, PodInitializing), then Running', () => {
    const p = pod('init', [app({ name: 'main' })], { initContainers: [app({ name: 'one' }), app({ name: 'two' })] }, {
      containers: { one: { exitAfter: '10s' }, two: { exitAfter: '10s' } },
    });
    const sim = createPodSimulation({ pods: [p] });
    const seen: string[] = [];
    for (let t = 0; t <= 60 * S; t += S) {
      sim.advanceTo(t);
      const s = sim.snapshot().pods[0]?.row?.status ?? '';
      if (seen[seen.length - 1] !== s) seen.push(s);
    }
    expect(seen).toEqual(['Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
  });

  it('a sidecar counts in READY and keeps running', () => {
    const p = pod('side', [app({ name: 'main' })], { initContainers: [app({ name: 'proxy', restartPolicy: 'Always' })] });
    const sim = createPodSimulation({ pods: [p] });
    sim.advanceTo(M);
    expect(sim.snapshot().pods[0]?.row).toMatchObject({ ready: '2/2', status: 'Running' });
  });
});

describe('before the kubelet', () => {
  it('scheduling gates: PodScheduled=False SchedulingGated, STATUS SchedulingGated, no FailedScheduling', () => {
    const sim = createPodSimulation({ pods: [pod('gated', [app()], { schedulingGates: [{ name: 'example.com/wait' }] })] });
    sim.advanceTo(M);
    const v = sim.snapshot().pods[0];
    expect(v?.row?.status).toBe('SchedulingGated');
    expect(v?.object?.status?.conditions?.[0]).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' });
    expect(sim.eventsFor('default/gated').map((e) => e.reason)).not.toContain('FailedScheduling');
  });
  it('an unparsable image waits in InvalidImageName', () => {
    const sim = createPodSimulation({ pods: [pod('bad', [app({ image: 'Nginx:Latest' })])] });
    sim.advanceTo(M);
    const v = sim.snapshot().pods[0];
    expect(v?.row?.status).toBe('InvalidImageName');
    expect(v?.object?.status?.phase).toBe('Pending');
  });
});

describe('activeDeadlineSeconds', () => {
  it('fails the pod with reason DeadlineExceeded once it has been active that long', () => {
    const sim = createPodSimulation({ pods: [pod('job', [app()], { activeDeadlineSeconds: 60, restartPolicy: 'Never' })] });
    sim.advanceTo(59 * S);
    expect(sim.snapshot().pods[0]?.object?.status?.phase).toBe('Running');
    sim.advanceTo(2 * M);
    const st = sim.snapshot().pods[0]?.object?.status;
    expect([st?.phase, st?.reason, st?.message]).toEqual(['Failed', 'DeadlineExceeded', 'Pod was active on the node longer than the specified deadline']);
    expect(sim.eventsFor('default/job').find((e) => e.reason === 'DeadlineExceeded')?.type).toBe('Normal');
  });
});

describe('settlePod', () => {
  const ctx = { node: { metadata: { name: 'node-1' } }, podIPs: ['10.244.0.5'], hostIPs: ['192.168.49.2'], timestamp: '2026-01-01T00:00:00Z' };
  it('a healthy pod settles Running and Ready with its IPs', () => {
    const st = settlePod(pod('web', [app()]), ctx);
    expect(st.phase).toBe('Running');
    expect(st.podIP).toBe('10.244.0.5');
    expect(st.hostIP).toBe('192.168.49.2');
    expect(st.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });
  it('a missing image settles Pending in ImagePullBackOff or ErrImagePull', () => {
    const st = settlePod(pod('x', [app({ image: 'registry.example/nonexistent:1' })]), ctx);
    expect(st.phase).toBe('Pending');
    expect(['ImagePullBackOff', 'ErrImagePull']).toContain(st.containerStatuses?.[0]?.state?.waiting?.reason);
  });
  it('agrees with printPod of the simulation at the same instant', () => {
    const p = pod('web', [app()]);
    const st = settlePod(p, ctx);
    const row = printPod({ ...p, status: st }, Date.parse('2026-01-01T00:05:00Z'));
    expect(row.status).toBe('Running');
    expect(row.ready).toBe('1/1');
  });
});

describe('kubeletSettlePod in the cluster pipeline', () => {
  it('gives buildCluster the kubelet status: a missing image is not Running, a healthy pod is Ready', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: good}
spec: {containers: [{name: app, image: nginx:1.27}]}
---
apiVersion: v1
kind: Pod
metadata: {name: bad}
spec: {containers: [{name: app, image: example.com/nonexistent:1}]}
`;
    const snap = buildCluster([{ name: 'p.yaml', text }], { settlePod: kubeletSettlePod });
    const byName = new Map(snap.objects.filter((o) => o.object.kind === 'Pod').map((o) => [o.object.metadata.name, o.object]));
    expect(byName.get('good')?.status?.phase).toBe('Running');
    expect(byName.get('good')?.status?.podIP).toMatch(/^10\./);
    expect(byName.get('bad')?.status?.phase).toBe('Pending');
    expect(byName.get('bad')?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toMatch(/ImagePullBackOff|ErrImagePull/);
  });
});

describe('timeline API', () => {
  it('snapshotAt replays to the same state as stepping live', () => {
    const sim = createPodSimulation({ pods: [pod('a', [app()], {}, { containers: { app: { exitAfter: '20s', exitCode: 1 } } })] });
    sim.advanceTo(30 * S);
    sim.send('default/a', { type: 'pod.delete' });
    sim.advanceTo(45 * S);
    const live = JSON.stringify(sim.snapshot());
    expect(JSON.stringify(sim.snapshotAt(45 * S))).toBe(live);
    expect(sim.snapshotAt(20 * S).pods[0]?.row?.status).toBe('Running');
  });
  it('validEvents lists what can happen now', () => {
    const sim = createPodSimulation({ pods: [pod('a', [app()])] });
    sim.advanceTo(M);
    const types = sim.validEvents('default/a').map((e) => e.type);
    expect(types).toContain('pod.delete');
    expect(types).toContain('container.oomKilled');
    expect(types).not.toContain('image.pulled');
  });
});
