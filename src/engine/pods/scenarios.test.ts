// Every one-click scenario replayed through the simulation, with the upstream behaviour each one
// is there to show asserted at the instants that matter.
import { describe, expect, it } from 'vitest';
import { replay, type PodView } from './podSimulation.ts';
import {
  crashLoopScenario,
  deleteWithPreStopScenario,
  emptyDirScenario,
  failingReadinessScenario,
  memoryPressureScenario,
  nodeNotReadyScenario,
  oomScenario,
  SCENARIOS,
  slowStartScenario,
  type Scenario,
} from './scenarios.ts';

const S = 1000;
function at(s: Scenario, t: number, name?: string): PodView {
  const pods = replay(s.options, s.script, t).snapshot().pods;
  const v = name ? pods.find((p) => p.key === `default/${name}`) : pods[0];
  if (!v) throw new Error(`no pod ${name}`);
  return v;
}
const cond = (v: PodView, type: string) => v.object?.status?.conditions?.find((c) => c.type === type)?.status;

describe('scenarios', () => {
  it.each(SCENARIOS.map((f) => [f().id, f] as const))('%s plays to its end without throwing and is deterministic', (_id, f) => {
    const s = f();
    const a = JSON.stringify(replay(s.options, s.script, s.durationMs).snapshot());
    const b = JSON.stringify(replay(s.options, s.script, s.durationMs).snapshot());
    expect(a).toBe(b);
  });

  it('crash loop: Running phase, CrashLoopBackOff status, restarts counted', () => {
    const v = at(crashLoopScenario(), 75 * S);
    expect(v.object?.status?.phase).toBe('Running');
    expect(v.row?.status).toBe('CrashLoopBackOff');
    expect(v.row?.restarts).toMatch(/^3 \(\d+s ago\)$/);
  });

  it('OOM: exit 137 OOMKilled in lastState, phase stays Running, not evicted', () => {
    const v = at(oomScenario(), 50 * S);
    const cs = v.object?.status?.containerStatuses?.[0];
    expect(v.object?.status?.phase).toBe('Running');
    expect(v.object?.status?.reason).toBeUndefined();
    expect(cs?.lastState?.terminated?.reason ?? cs?.state?.terminated?.reason).toBe('OOMKilled');
    expect(cs?.lastState?.terminated?.exitCode ?? cs?.state?.terminated?.exitCode).toBe(137);
  });

  it('failing readiness: Ready=False after failureThreshold, no restart, Ready again after', () => {
    const s = failingReadinessScenario();
    expect(cond(at(s, 50 * S), 'Ready')).toBe('True');
    const during = at(s, 100 * S);
    expect(cond(during, 'Ready')).toBe('False');
    expect(during.row?.status).toBe('Running');
    expect(during.row?.ready).toBe('0/1');
    expect(during.row?.restarts).toBe('0');
    expect(cond(at(s, 150 * S), 'Ready')).toBe('True');
  });

  it('slow start: not ready while the startup probe gates, never restarted, ready after start', () => {
    const s = slowStartScenario();
    expect(at(s, 60 * S).row?.ready).toBe('0/1');
    const later = at(s, 120 * S);
    expect(later.row?.ready).toBe('1/1');
    expect(later.row?.restarts).toBe('0');
  });

  it('delete with preStop: Terminating with a deletionTimestamp, gone once the container stopped', () => {
    const s = deleteWithPreStopScenario();
    const t = at(s, 65 * S);
    expect(t.row?.status).toBe('Terminating');
    expect(t.object?.metadata.deletionTimestamp).toBe('2026-01-01T00:01:30Z'); // 60 s + 30 s grace
    expect(at(s, 74 * S).object).not.toBeNull(); // preStop 10 s, then SIGTERM, exit after 5 s
    expect(at(s, 76 * S).object).toBeNull();
  });

  it('node unreachable: Ready=False after 50 s, deleted after the 300 s toleration, stays Terminating', () => {
    const s = nodeNotReadyScenario();
    expect(cond(at(s, 109 * S), 'Ready')).toBe('True');
    const notReady = at(s, 111 * S);
    expect(cond(notReady, 'Ready')).toBe('False');
    expect(notReady.row?.status).toBe('Running');
    expect(at(s, 409 * S).row?.status).toBe('Running');
    const gone = at(s, 411 * S);
    expect(gone.row?.status).toBe('Terminating');
    expect(gone.object?.status?.conditions?.find((c) => c.type === 'DisruptionTarget')?.reason).toBe('DeletionByTaintManager');
    expect(at(s, 8 * 60 * S).row?.status).toBe('Terminating');
  });

  it('memory pressure: one eviction per pass, in rankMemoryPressure order, with the observed available in each message', () => {
    const s = memoryPressureScenario();
    const end = replay(s.options, s.script, s.durationMs);
    const low = (available: string) => `The node was low on resource: memory. Threshold quantity: 100Mi, available: ${available}. `;
    const over = (using: string, request: string) => `Container app was using ${using}, request is ${request}, has larger consumption of memory. `;
    // kubelet eviction_manager.go synchronize / evictionMessage: the container part only for
    // containers above their request. besteffort frees only 30Mi (20Mi -> 50Mi, still < 100Mi),
    // and the pass right after its cleanup (Start → waitForPodsCleanup, 1 s poll) evicts
    // guaranteed (400Mi of 512Mi: -112Mi) before burstable-under (200Mi of 400Mi: -200Mi):
    // usage minus request decides, not QoS class.
    const want = [
      { at: 70 * S, pod: 'default/burstable-over', message: low('50Mi') + over('300Mi', '100Mi') },
      { at: 100 * S, pod: 'default/besteffort', message: low('20Mi') + over('30Mi', '0') },
      { at: 101 * S, pod: 'default/guaranteed', message: low('50Mi') },
      { at: 130 * S, pod: 'default/burstable-under', message: low('20Mi') },
    ];
    const evicted = end.events.all.filter((e) => e.reason === 'Evicted').map((e) => ({ at: e.firstMs, pod: e.podKey, message: e.message }));
    expect(evicted).toEqual(want);
    // The description tells the same story: three drops, four pods, in this order.
    expect(s.description).toMatch(/three times/);
    expect(s.description).toMatch(/four pods/);
    const named = want.map((w) => w.pod.replace('default/', ''));
    const positions = named.map((n) => s.description.indexOf(`${n} (`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const w of want) {
      const v = end.snapshot().pods.find((p) => p.key === w.pod);
      expect(v?.object?.status?.phase, w.pod).toBe('Failed');
      expect(v?.object?.status?.reason, w.pod).toBe('Evicted');
      expect(v?.object?.status?.message, w.pod).toBe(w.message);
      expect(v?.object?.status?.conditions?.find((c) => c.type === 'DisruptionTarget')?.message, w.pod).toBe(w.message);
      expect(s.description).toContain(`${w.pod.replace('default/', '')} (${w.at / S} s)`);
    }
  });

  it('emptyDir over sizeLimit: evicted on the next loop, stays Failed/Evicted (not deleted)', () => {
    const s = emptyDirScenario();
    const v = at(s, 90 * S);
    expect(v.object?.status?.phase).toBe('Failed');
    expect(v.object?.status?.reason).toBe('Evicted');
    expect(v.object?.status?.message).toBe('Usage of EmptyDir volume "cache" exceeds the limit "100Mi". ');
  });
});
