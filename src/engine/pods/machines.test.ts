// Model-based coverage of the two machines: @xstate/graph's getShortestPaths over every event
// (user events and each `after` delay's event) must reach every state node, and an explicit
// transition table pins the edges that carry upstream meaning.
import { getShortestPaths } from '@xstate/graph';
import { initialTransition, transition, type AnyStateMachine, type AnyStateNode } from 'xstate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BEHAVIOR } from './behavior.ts';
import { containerMachine, type ContainerEvent, type ContainerInput } from './containerMachine.ts';
import { podMachine, type PodEvent, type PodInput } from './podMachine.ts';

function stateNodes(m: AnyStateMachine): AnyStateNode[] {
  const out: AnyStateNode[] = [];
  const walk = (n: AnyStateNode) => {
    out.push(n);
    for (const c of Object.values(n.states)) walk(c as AnyStateNode);
  };
  walk(m.root);
  return out;
}
/** The `xstate.after.*` event of every delayed transition in the machine. */
function afterEvents(m: AnyStateMachine): { type: string; now: number }[] {
  return stateNodes(m).flatMap((n) => n.after.map((t: { eventType: string }) => ({ type: t.eventType, now: 0 })));
}
/** Every (source state node, event type) the definition declares, eventless ones aside. */
function declaredTransitions(m: AnyStateMachine): string[] {
  return stateNodes(m).flatMap((n) => [...(n.transitions as Map<string, unknown[]>).keys()].map((type) => `${n.id} on ${type}`));
}
/** The (source, event type) pairs enabled from the given snapshots. */
function enabledTransitions(m: AnyStateMachine, snapshots: readonly unknown[], events: readonly { type: string }[]): Set<string> {
  const out = new Set<string>();
  for (const s of snapshots) {
    for (const e of events) {
      for (const t of m.getTransitionData(s as never, e as never) as { source: AnyStateNode }[]) out.add(`${t.source.id} on ${e.type}`);
    }
  }
  return out;
}
/** Ids of the state nodes a snapshot is in (leaves and their ancestors). */
function activeIds(s: { _nodes: AnyStateNode[] }): string[] {
  return s._nodes.map((n) => n.id);
}

const baseContainer: ContainerInput = {
  name: 'app',
  kind: 'regular',
  image: 'nginx:1.27',
  imagePullPolicy: 'IfNotPresent',
  podRestartPolicy: 'Always',
  podRef: 'web_default(uid)',
  behavior: { ...DEFAULT_BEHAVIOR, exitAfterMs: 5000 },
  hasStartupProbe: true,
  hasReadinessProbe: true,
  hasPostStart: true,
  hasPreStop: true,
  podHasInitContainers: false,
  killGracePeriodMs: 30_000,
};
const variants: ContainerInput[] = [
  baseContainer,
  { ...baseContainer, behavior: { ...baseContainer.behavior, imagePullFails: true } },
  { ...baseContainer, podRestartPolicy: 'Never', hasPostStart: false, hasStartupProbe: false, hasPreStop: false },
  { ...baseContainer, memoryLimitBytes: 1, behavior: { ...baseContainer.behavior, postStartFails: true } },
  { ...baseContainer, image: 'NGINX' },
];
const userContainerEvents: ContainerEvent[] = [
  { type: 'kubelet.start', now: 0 },
  { type: 'image.pulled', now: 0 },
  { type: 'image.pullFailed', now: 0 },
  { type: 'container.exited', exitCode: 1, now: 0 },
  { type: 'container.oomKilled', now: 0 },
  { type: 'hook.postStart.succeeded', now: 0 },
  { type: 'hook.postStart.failed', now: 0 },
  { type: 'probe.startup.succeeded', now: 0 },
  { type: 'probe.startup.failed', now: 0 },
  { type: 'probe.liveness.failed', now: 0 },
  { type: 'probe.readiness.succeeded', now: 0 },
  { type: 'probe.readiness.failed', now: 0 },
  { type: 'kubelet.kill', gracePeriodMs: 30_000, reason: 'delete', now: 0 },
];

describe('containerMachine', () => {
  it('every state node is reachable (getShortestPaths over user and delayed events)', () => {
    const reached = new Set<string>();
    for (const input of variants) {
      const paths = getShortestPaths(containerMachine, {
        input,
        events: [...userContainerEvents, ...(afterEvents(containerMachine) as unknown as ContainerEvent[])],
        serializeState: (s) => JSON.stringify(s.value) + (s.context.current ? '+exited' : '') + (s.context.podTerminating ? '+term' : '') + (s.context.backoff ? '+backoff' : ''),
      });
      for (const p of paths) for (const id of activeIds(p.state as never)) reached.add(id);
    }
    const all = stateNodes(containerMachine).map((n) => n.id);
    expect(all.filter((id) => !reached.has(id))).toEqual([]);
  });

  it('every declared transition is enabled in some reachable state', () => {
    const events = [...userContainerEvents, ...(afterEvents(containerMachine) as unknown as ContainerEvent[])];
    const enabled = new Set<string>();
    for (const input of variants) {
      const paths = getShortestPaths(containerMachine, {
        input,
        events,
        serializeState: (s) => JSON.stringify(s.value) + (s.context.current ? '+exited' : '') + (s.context.podTerminating ? '+term' : '') + (s.context.backoff ? '+backoff' : ''),
      });
      for (const t of enabledTransitions(containerMachine, paths.map((p) => p.state), events)) enabled.add(t);
    }
    const declared = declaredTransitions(containerMachine);
    expect(declared.length).toBeGreaterThan(30);
    expect(declared.filter((t) => !enabled.has(t))).toEqual([]);
  });

  // [from-path events, event, expected state] — the upstream edges.
  const table: [string, ContainerEvent[], string][] = [
    ['start pulls an image not present', [{ type: 'kubelet.start', now: 0 }], '{"waiting":"pulling"}'],
    ['a failed pull shows ErrImagePull', [{ type: 'kubelet.start', now: 0 }, { type: 'image.pullFailed', now: 1 }], '{"waiting":"ErrImagePull"}'],
    ['pulled → running, postStart runs first', [{ type: 'kubelet.start', now: 0 }, { type: 'image.pulled', now: 1 }], '{"running":"postStart"}'],
    [
      'startup probe gates started',
      [{ type: 'kubelet.start', now: 0 }, { type: 'image.pulled', now: 1 }, { type: 'hook.postStart.succeeded', now: 1 }],
      '{"running":"startup"}',
    ],
    [
      'liveness failure kills through preStop',
      [
        { type: 'kubelet.start', now: 0 },
        { type: 'image.pulled', now: 1 },
        { type: 'hook.postStart.succeeded', now: 1 },
        { type: 'probe.startup.succeeded', now: 2 },
        { type: 'probe.liveness.failed', now: 3 },
      ],
      '{"stopping":"preStop"}',
    ],
    ['an exit is observed as terminated', [{ type: 'kubelet.start', now: 0 }, { type: 'image.pulled', now: 1 }, { type: 'container.exited', exitCode: 1, now: 2 }], '{"terminated":"exited"}'],
    ['OOM kill terminates', [{ type: 'kubelet.start', now: 0 }, { type: 'image.pulled', now: 1 }, { type: 'container.oomKilled', now: 2 }], '{"terminated":"exited"}'],
    ['delete before start: stays waiting, abandoned', [{ type: 'kubelet.kill', gracePeriodMs: 30_000, reason: 'delete', now: 0 }], '{"waiting":"abandoned"}'],
  ];
  it.each(table)('%s', (_name, events, expected) => {
    let [s] = initialTransition(containerMachine, baseContainer);
    for (const e of events) [s] = transition(containerMachine, s, e);
    expect(JSON.stringify(s.value)).toBe(expected);
  });

  it('an OOM kill is exit 137 reason OOMKilled', () => {
    let [s] = initialTransition(containerMachine, { ...baseContainer, hasPostStart: false, hasStartupProbe: false, hasPreStop: false });
    for (const e of [{ type: 'kubelet.start', now: 0 }, { type: 'image.pulled', now: 1 }, { type: 'container.oomKilled', now: 2 }] as ContainerEvent[]) [s] = transition(containerMachine, s, e);
    expect(s.context.current).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });
});

const basePod: PodInput = { namespace: 'default', name: 'web', terminationGracePeriodMs: 30_000, notReadyTolerationMs: 300_000, unreachableTolerationMs: 300_000, sandboxMs: 1000 };
const podEvents: PodEvent[] = [
  { type: 'pod.scheduled', nodeName: 'node-1', now: 0 },
  { type: 'pod.unschedulable', message: '0/1 nodes are available', now: 0 },
  { type: 'pod.delete', now: 0 },
  { type: 'kubelet.evict', message: 'low on memory', now: 0 },
  { type: 'kubelet.regularContainersDone', now: 0 },
  { type: 'kubelet.allStopped', phase: 'Succeeded', now: 0 },
  { type: 'node.notReady', now: 0 },
  { type: 'node.unreachable', now: 0 },
  { type: 'node.ready', now: 0 },
  { type: 'taint.evict', now: 0 },
];

describe('podMachine', () => {
  it('every state node is reachable', () => {
    const paths = getShortestPaths(podMachine, {
      input: basePod,
      events: [...podEvents, ...(afterEvents(podMachine) as unknown as PodEvent[])],
      serializeState: (s) => JSON.stringify(s.value) + (s.context.nodeName ? '+bound' : ''),
    });
    const reached = new Set(paths.flatMap((p) => activeIds(p.state as never)));
    expect(stateNodes(podMachine).map((n) => n.id).filter((id) => !reached.has(id))).toEqual([]);
    const events = [...podEvents, ...(afterEvents(podMachine) as unknown as PodEvent[])];
    const enabled = enabledTransitions(podMachine, paths.map((p) => p.state), events);
    const declared = declaredTransitions(podMachine);
    expect(declared.length).toBeGreaterThan(20);
    expect(declared.filter((t) => !enabled.has(t))).toEqual([]);
  });

  it('an unbound pod is deleted at once; a bound one terminates first', () => {
    let [s] = initialTransition(podMachine, basePod);
    [s] = transition(podMachine, s, { type: 'pod.delete', now: 5 });
    expect((s.value as { lifecycle: string }).lifecycle).toBe('removed');
    [s] = initialTransition(podMachine, basePod);
    [s] = transition(podMachine, s, { type: 'pod.scheduled', nodeName: 'n', now: 0 });
    [s] = transition(podMachine, s, { type: 'pod.delete', now: 5000 });
    expect((s.value as { lifecycle: string }).lifecycle).toBe('terminating');
    expect(s.context.deletionTimestampMs).toBe(35_000);
  });

  it('snapshot.can lists what is valid now', () => {
    const [s] = initialTransition(podMachine, basePod);
    expect(s.can({ type: 'pod.scheduled', nodeName: 'n', now: 0 })).toBe(true);
    expect(s.can({ type: 'kubelet.allStopped', phase: 'Failed', now: 0 })).toBe(false);
  });
});
