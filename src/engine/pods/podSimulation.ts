// The timeline API: every Pod an actor pair (podMachine + one containerMachine per container),
// stepped with XState's pure transition() on one simulated clock. The simulation plays the
// kubelet's sync loop (which container to start next, whom to kill, when termination is done),
// its probe workers, the eviction manager, and schedules every `after` delay the machines ask
// for in a deterministic timer queue. Nothing here reads the wall clock.
import type { AnyEventObject } from 'xstate';
import { createRandom } from '../shared/random.ts';
import { WORKER_BACKOFF_MS, type ContainerEvent, type KillReason } from './containerMachine.ts';
import { containerStateOf } from './containerStatus.ts';
import { createRuntime, steppers, uidFrom } from './createRuntime.ts';
import { EventLog, type PodEventRecord } from './eventLog.ts';
import { evictionCandidates, runEvictionLoop, type SimNodeState } from './evictionManager.ts';
import { syncPod } from './kubeletSync.ts';
import { containerIndexOf, labEventCandidates } from './labEvents.ts';
import type { PodEvent } from './podMachine.ts';
import { lifecycleOf, nodeStateOf, type PodRuntime } from './podRuntime.ts';
import { computeStatusCore, rememberConditions } from './podStatus.ts';
import { podViewOf } from './podView.ts';
import { probeTick, startWorkers } from './prober.ts';
import type { LabEvent, PodSimulationOptions, ScriptStep, SimNode, SimulationSnapshot } from './simulationTypes.ts';
import { TimerQueue } from './timerQueue.ts';

export type { LabEvent, PodSimulationOptions, PodView, ScriptStep, SimNode, SimulationSnapshot } from './simulationTypes.ts';
export { defaultPullPolicy, SANDBOX_MS } from './createRuntime.ts';

type TimerPayload =
  | { kind: 'actor'; pod: number; target: number; id: string; gen: number; event: AnyEventObject }
  | { kind: 'probe'; pod: number; probe: number; instance: number }
  | { kind: 'eviction' }
  | { kind: 'evictionCleanup'; victims: readonly number[]; deadline: number }
  | { kind: 'deadline'; pod: number }
  | { kind: 'backOffEcho'; pod: number; container: number; finishedAt: number };

export const LAB_NODE: SimNode = { name: 'node-1', ip: '192.168.49.2' };
/** Eviction manager loop period (eviction_manager.go monitoringInterval). */
export const EVICTION_LOOP_MS = 10_000;
/** eviction_manager.go waitForPodsCleanup: podCleanupPollFreq and podCleanupTimeout. */
const POD_CLEANUP_POLL_MS = 1_000;
const POD_CLEANUP_TIMEOUT_MS = 30_000;
const POD_TARGET = -1;

export class PodSimulation {
  readonly pods: PodRuntime[] = [];
  readonly events = new EventLog();
  private readonly byKey = new Map<string, number>();
  private readonly queue = new TimerQueue<TimerPayload>();
  private readonly gens = new Map<string, number>();
  private readonly deferred = new Map<number, TimerPayload[]>();
  private readonly nodes = new Map<string, SimNodeState>();
  private readonly log: ScriptStep[] = [];
  private evictionScheduled = false;
  private genCounter = 0;
  /** Bumped by every machine step: syncPod's "did anything change". */
  private changes = 0;
  now: number;

  constructor(readonly options: PodSimulationOptions) {
    this.now = options.startMs ?? 0;
    const rand = createRandom(options.seed ?? 1);
    const nodes = options.nodes ?? [LAB_NODE];
    nodes.forEach((n) => this.nodes.set(n.name, { name: n.name, ip: n.ip ?? null, memoryAvailableBytes: null, thresholdBytes: options.evictionHardMemoryBytes ?? 100 * 1024 * 1024 }));
    const podsPerNode = new Map<string, number>();
    let rr = 0;
    for (const pod of options.pods) {
      const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
      const rt = createRuntime(pod, key, uidFrom(rand.next), this.now);
      this.byKey.set(key, this.pods.length);
      this.pods.push(rt);
      // Bind: the user's (or the cluster scheduler's) nodeName, else round-robin over the lab's nodes.
      let nodeName = pod.spec.nodeName;
      const gated = (pod.spec.schedulingGates ?? []).length > 0;
      if (!nodeName && !gated && nodes.length > 0 && options.bindUnassigned !== false) nodeName = (nodes[rr++ % nodes.length] as SimNode).name;
      const idx = this.pods.length - 1;
      if (nodeName) {
        const n = podsPerNode.get(nodeName) ?? 0;
        podsPerNode.set(nodeName, n + 1);
        const nodeIndex = [...this.nodes.keys()].indexOf(nodeName);
        const podIP = (pod.status?.podIP as string | undefined) ?? `10.244.${Math.max(0, nodeIndex)}.${(n % 250) + 2}`;
        rt.hostIP = (pod.status?.hostIP as string | undefined) ?? this.nodes.get(nodeName)?.ip ?? null;
        const announce = options.boundByScheduler ? options.boundByScheduler.has(key) : !pod.spec.nodeName;
        this.applyPod(idx, { type: 'pod.scheduled', nodeName, podIP, announce, now: this.now });
        // activeDeadlineSeconds counts from status.startTime (kubelet active_deadline.go).
        const deadline = pod.spec['activeDeadlineSeconds'];
        if (typeof deadline === 'number' && deadline > 0) this.queue.push(this.now + deadline * 1000, { kind: 'deadline', pod: idx });
      } else {
        // Keep the scheduler's own words when the cluster already tried (PodScheduled=False).
        const written = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False')?.message;
        if (gated) {
          // kube-scheduler's SchedulingGates PreEnqueue plugin keeps the pod out of the queue.
          this.applyPod(idx, { type: 'pod.unschedulable', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates', now: this.now });
        } else {
          const message = written ?? (nodes.length === 0 ? 'no nodes available to schedule pods' : `0/${nodes.length} nodes are available.`);
          this.applyPod(idx, { type: 'pod.unschedulable', message, now: this.now });
        }
      }
      this.settle(idx);
      if (rt.behavior.volumeUsageBytes.size > 0) this.ensureEvictionLoop();
    }
  }

  // ---- actors ------------------------------------------------------------------------------

  private timerKey(pod: number, target: number, id: string): string {
    return `${pod}|${target}|${id}`;
  }

  private handleActions(pod: number, target: number, actions: readonly { type: string; params?: unknown }[]): void {
    const rt = this.pods[pod] as PodRuntime;
    for (const a of actions) {
      const p = a.params as Record<string, unknown> | undefined;
      if (a.type === 'record' && p) {
        this.events.record(rt.key, p as unknown as Parameters<EventLog['record']>[1], this.now);
      } else if (a.type === 'xstate.raise' && p && typeof p['delay'] === 'number') {
        const id = String(p['id']);
        const key = this.timerKey(pod, target, id);
        const gen = ++this.genCounter;
        this.gens.set(key, gen);
        const delay = p['delay'];
        if (Number.isFinite(delay)) this.queue.push(this.now + delay, { kind: 'actor', pod, target, id, gen, event: p['event'] as AnyEventObject });
      } else if (a.type === 'xstate.cancel' && p) {
        this.gens.delete(this.timerKey(pod, target, String(p['sendId'])));
      }
    }
  }

  private applyPod(pod: number, event: PodEvent): void {
    const rt = this.pods[pod] as PodRuntime;
    const [next, actions] = steppers().pod.step(rt.pod$, event);
    this.changes++;
    rt.pod$ = next;
    this.handleActions(pod, POD_TARGET, actions);
  }

  private applyContainer(pod: number, i: number, event: ContainerEvent): void {
    const rt = this.pods[pod] as PodRuntime;
    const before = rt.containers[i];
    if (!before) return;
    const [next, actions] = steppers().container.step(before, event);
    this.changes++;
    rt.containers[i] = next;
    this.handleActions(pod, i, actions);
    if (next.context.instance !== before.context.instance) this.startProbes(pod, i);
    // The kubelet retries a pod in back-off every pod-worker back-off period and records BackOff
    // each time (kuberuntime_manager.go doBackOff); the machine records the first, these the rest.
    if (next.context.current && containerStateOf(next)[1] === 'CrashLoopBackOff' && containerStateOf(before)[1] !== 'CrashLoopBackOff') {
      this.queue.push(this.now + WORKER_BACKOFF_MS, { kind: 'backOffEcho', pod, container: i, finishedAt: next.context.current.finishedAtMs });
    }
  }

  // ---- the kubelet's sync loop -----------------------------------------------------------

  /** Runs syncPod until nothing changes, then stamps condition transition times. */
  private settle(pod: number): void {
    for (let guard = 0; guard < 16 && this.syncPod(pod); guard++);
    const rt = this.pods[pod] as PodRuntime;
    const core = computeStatusCore(rt);
    rememberConditions(rt, core.conditions, this.now);
    rt.lastPhase = core.phase;
  }

  private kill(pod: number, i: number, gracePeriodMs: number, reason: KillReason): void {
    const rt = this.pods[pod] as PodRuntime;
    if (rt.killed[i]) return;
    rt.killed[i] = true;
    this.applyContainer(pod, i, { type: 'kubelet.kill', gracePeriodMs, reason, now: this.now });
  }

  /** One pass of computePodActions; true if it changed something. */
  private syncPod(pod: number): boolean {
    const before = this.changes;
    syncPod(this.pods[pod] as PodRuntime, this.now, {
      start: (i) => this.applyContainer(pod, i, { type: 'kubelet.start', now: this.now }),
      kill: (i, gracePeriodMs, reason) => this.kill(pod, i, gracePeriodMs, reason),
      applyPod: (event) => this.applyPod(pod, event),
    });
    return this.changes !== before;
  }

  // ---- probes ----------------------------------------------------------------------------

  private startProbes(pod: number, i: number): void {
    const rt = this.pods[pod] as PodRuntime;
    const instance = rt.containers[i]?.context.instance ?? 0;
    for (const { index, firstAt } of startWorkers(rt, i)) this.queue.push(this.now + firstAt, { kind: 'probe', pod, probe: index, instance });
  }

  private probeTick(pod: number, index: number, instance: number): void {
    const rt = this.pods[pod] as PodRuntime;
    const w = rt.probes[index];
    if (!w) return;
    const next = probeTick(rt, w, instance, this.now, {
      report: (container, event) => {
        this.applyContainer(pod, container, event);
        this.settle(pod);
      },
      unhealthy: (message) => this.events.record(rt.key, { type: 'Warning', reason: 'Unhealthy', message }, this.now),
    });
    if (next !== null) this.queue.push(next, { kind: 'probe', pod, probe: index, instance });
  }

  // ---- eviction manager -------------------------------------------------------------------

  private ensureEvictionLoop(): void {
    if (this.evictionScheduled) return;
    this.evictionScheduled = true;
    const next = Math.floor(this.now / EVICTION_LOOP_MS) * EVICTION_LOOP_MS + EVICTION_LOOP_MS;
    this.queue.push(next, { kind: 'eviction' });
  }

  private evictionLoop(): void {
    this.evictionScheduled = false;
    const evictions = runEvictionLoop(this.pods, this.nodes);
    for (const e of evictions) {
      const idx = this.byKey.get(e.podKey);
      if (idx === undefined) continue;
      this.applyPod(idx, { type: 'kubelet.evict', message: e.message, now: this.now });
      this.settle(idx);
    }
    if (evictions.length > 0) {
      // eviction_manager.go Start: after a pass that evicted, the loop does not sleep
      // monitoringInterval; it waits for the evicted pods to be cleaned up (waitForPodsCleanup,
      // polled every second, given up after 30 s) and synchronizes again at once.
      const victims = evictions.map((e) => this.byKey.get(e.podKey)).filter((i): i is number => i !== undefined);
      this.evictionScheduled = true;
      this.queue.push(this.now + POD_CLEANUP_POLL_MS, { kind: 'evictionCleanup', victims, deadline: this.now + POD_CLEANUP_TIMEOUT_MS });
      return;
    }
    const pending = evictionCandidates(this.pods, this.nodes);
    if (pending) this.ensureEvictionLoop();
  }

  /** podResourcesAreReclaimed, as far as the lab models it: none of the pod's containers still runs. */
  private cleanedUp(pod: number): boolean {
    return (this.pods[pod] as PodRuntime).containers.every((c) => {
      const [top] = containerStateOf(c);
      return top !== 'running' && top !== 'stopping';
    });
  }

  private evictionCleanupPoll(t: { victims: readonly number[]; deadline: number }): void {
    if (this.now >= t.deadline || t.victims.every((i) => this.cleanedUp(i))) return this.evictionLoop();
    this.queue.push(this.now + POD_CLEANUP_POLL_MS, { kind: 'evictionCleanup', victims: t.victims, deadline: t.deadline });
  }

  // ---- time and input ----------------------------------------------------------------------

  private dispatch(t: TimerPayload): void {
    if (t.kind === 'eviction') return this.evictionLoop();
    if (t.kind === 'evictionCleanup') return this.evictionCleanupPoll(t);
    if (t.kind === 'backOffEcho') {
      const c = (this.pods[t.pod] as PodRuntime).containers[t.container];
      if (!c || containerStateOf(c)[1] !== 'CrashLoopBackOff' || c.context.current?.finishedAtMs !== t.finishedAt) return;
      const rt = this.pods[t.pod] as PodRuntime;
      if (nodeStateOf(rt) === 'Unreachable') return;
      this.events.record(rt.key, { type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container ${c.context.name} in pod ${c.context.podRef}` }, this.now);
      this.queue.push(this.now + WORKER_BACKOFF_MS, t);
      return;
    }
    if (t.kind === 'deadline') {
      const lc = lifecycleOf(this.pods[t.pod] as PodRuntime);
      if (lc !== 'active' && lc !== 'finishing') return;
      this.applyPod(t.pod, { type: 'kubelet.evict', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline', now: this.now });
      return this.settle(t.pod);
    }
    const rt = this.pods[t.pod] as PodRuntime;
    // While the node is unreachable the kubelet's work waits; the controllers' timers do not.
    if (nodeStateOf(rt) === 'Unreachable' && !(t.kind === 'actor' && t.target === POD_TARGET)) {
      const list = this.deferred.get(t.pod) ?? [];
      list.push(t);
      this.deferred.set(t.pod, list);
      return;
    }
    if (t.kind === 'probe') return this.probeTick(t.pod, t.probe, t.instance);
    const key = this.timerKey(t.pod, t.target, t.id);
    if (this.gens.get(key) !== t.gen) return;
    this.gens.delete(key);
    const event = { ...t.event, now: this.now };
    if (t.target === POD_TARGET) this.applyPod(t.pod, event as PodEvent);
    else this.applyContainer(t.pod, t.target, event as ContainerEvent);
    this.settle(t.pod);
  }

  /** Runs every timer due up to `t` (simulated ms) in order; the clock then reads `t`. */
  advanceTo(t: number): void {
    for (let top = this.queue.peek(); top && top.at <= t; top = this.queue.peek()) {
      this.queue.pop();
      this.now = Math.max(this.now, top.at);
      this.dispatch(top.payload);
    }
    this.now = Math.max(this.now, t);
  }

  advance(ms: number): void {
    this.advanceTo(this.now + ms);
  }

  podIndex(podKey: string): number {
    const idx = this.byKey.get(podKey) ?? this.byKey.get(`default/${podKey}`);
    if (idx === undefined) throw new Error(`no pod ${podKey}`);
    return idx;
  }

  /** Applies a user event now. Node events reach every pod on the pod's node. */
  send(podKey: string, event: LabEvent): void {
    const idx = this.podIndex(podKey);
    const rt = this.pods[idx] as PodRuntime;
    this.log.push({ at: this.now - (this.options.startMs ?? 0), pod: rt.key, event });
    const nodeName = rt.pod$.context.nodeName;
    if (event.type === 'node.notReady' || event.type === 'node.unreachable' || event.type === 'node.ready' || event.type === 'node.memoryAvailable') {
      const targets = this.pods.map((p, i) => [p, i] as const).filter(([p]) => p.pod$.context.nodeName === nodeName);
      if (event.type === 'node.memoryAvailable') {
        const n = nodeName ? this.nodes.get(nodeName) : undefined;
        if (n) n.memoryAvailableBytes = event.bytes;
        this.ensureEvictionLoop();
        return;
      }
      for (const [, i] of targets) {
        const wasUnreachable = nodeStateOf(this.pods[i] as PodRuntime) === 'Unreachable';
        this.applyPod(i, { ...event, now: this.now });
        if (wasUnreachable && nodeStateOf(this.pods[i] as PodRuntime) !== 'Unreachable') this.resume(i);
        this.settle(i);
      }
      return;
    }
    if (event.type === 'volume.usage') {
      (rt.behavior.volumeUsageBytes as Map<string, number>).set(event.volume, event.bytes);
      this.ensureEvictionLoop();
      return;
    }
    if ('container' in event) {
      const ci = containerIndexOf(rt, event.container);
      if (ci < 0) throw new Error(`pod ${rt.key} has no container ${event.container}`);
      const { container: _c, ...rest } = event;
      this.applyContainer(idx, ci, { ...rest, now: this.now } as ContainerEvent);
    } else {
      this.applyPod(idx, { ...event, now: this.now } as PodEvent);
    }
    this.settle(idx);
  }

  private resume(pod: number): void {
    const list = this.deferred.get(pod) ?? [];
    this.deferred.delete(pod);
    for (const t of list) this.queue.push(this.now, t);
  }

  /** Whether `event` would do anything to this pod now (XState snapshot.can). */
  can(podKey: string, event: LabEvent): boolean {
    const rt = this.pods[this.podIndex(podKey)] as PodRuntime;
    if ('container' in event) {
      const c = rt.containers[containerIndexOf(rt, event.container)];
      const { container: _c, ...rest } = event;
      return !!c && c.can({ ...rest, now: this.now } as ContainerEvent);
    }
    if (event.type === 'node.memoryAvailable' || event.type === 'volume.usage') return lifecycleOf(rt) === 'active';
    return rt.pod$.can({ ...event, now: this.now } as PodEvent);
  }

  /** The user events that are valid for this pod now, for the UI's buttons. */
  validEvents(podKey: string): LabEvent[] {
    return labEventCandidates(this.pods[this.podIndex(podKey)] as PodRuntime).filter((e) => this.can(podKey, e));
  }

  snapshot(): SimulationSnapshot {
    return { now: this.now, pods: this.pods.map((rt) => podViewOf(rt, this.now)) };
  }

  eventsFor(podKey: string): PodEventRecord[] {
    return this.events.forPod(this.pods[this.podIndex(podKey)]?.key ?? podKey);
  }

  /** The user events sent so far, with their times (for replay and sharing). */
  script(): readonly ScriptStep[] {
    return this.log;
  }

  /** The state at simulated time `t` (ms since creation), by replaying the same inputs from the start. */
  snapshotAt(t: number): SimulationSnapshot {
    return replay(this.options, this.log, t).snapshot();
  }
}

/** A fresh simulation with `script` applied in time order, advanced to `t` (ms since creation). */
export function replay(options: PodSimulationOptions, script: readonly ScriptStep[], t: number): PodSimulation {
  const sim = new PodSimulation(options);
  const start = options.startMs ?? 0;
  for (const step of [...script].sort((a, b) => a.at - b.at)) {
    if (step.at > t) break;
    sim.advanceTo(start + step.at);
    sim.send(step.pod, step.event);
  }
  sim.advanceTo(start + t);
  return sim;
}

export function createPodSimulation(options: PodSimulationOptions): PodSimulation {
  return new PodSimulation(options);
}
