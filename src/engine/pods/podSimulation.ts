// The timeline API: every Pod an actor pair (podMachine + one containerMachine per container),
// stepped with XState's pure transition() on one simulated clock. The simulation plays the
// kubelet's sync loop (which container to start next, whom to kill, when termination is done),
// its probe workers, the eviction manager, and schedules every `after` delay the machines ask
// for in a deterministic timer queue. Nothing here reads the wall clock.
import type { AnyEventObject } from 'xstate';
import { PureStepper } from './pureStep.ts';
import { createRandom } from '../shared/random.ts';
import { DEFAULT_BEHAVIOR, readPodBehavior, type ContainerBehavior } from './behavior.ts';
import { containerMachine, type ContainerEvent, type ContainerInput, type ContainerKind, type KillReason } from './containerMachine.ts';
import { containerStateOf, isStoppedForGood } from './containerStatus.ts';
import { EventLog, type PodEventRecord } from './eventLog.ts';
import { evictionCandidates, runEvictionLoop, type SimNodeState } from './evictionManager.ts';
import { getPhase } from './getPhase.ts';
import { podMachine, type PodEvent, type PodInput } from './podMachine.ts';
import { lifecycleOf, nodeStateOf, type PodRuntime, type ProbeWorker } from './podRuntime.ts';
import { allStopped, computeStatusCore, containerStatuses, podObject, rememberConditions } from './podStatus.ts';
import { printPod, type PodRow } from './printPod.ts';
import { initialProbeResult, probeFailureOutput, probeLabel, probeSettings } from './probes.ts';
import { probePasses } from './behavior.ts';
import { quantityMilli } from './quantity.ts';
import { minTolerationMs, TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE, withDefaultTolerations } from './tolerations.ts';
import type { Container, Pod } from './types.ts';
import { EPOCH_MS } from './epoch.ts';

export interface SimNode {
  readonly name: string;
  readonly ip?: string;
}

export interface PodSimulationOptions {
  readonly pods: readonly Pod[];
  /** Nodes pods may be placed on when they have no spec.nodeName; undefined: one lab node "node-1". */
  readonly nodes?: readonly SimNode[];
  readonly seed?: number;
  /** Creation time of every pod, in simulated ms (default 0). */
  readonly startMs?: number;
  /** evictionHard memory.available (default 100Mi). */
  readonly evictionHardMemoryBytes?: number;
  /**
   * Keys (`ns/name`) of pods a scheduler bound, for the `Scheduled` event. Default: the pods the
   * simulation places itself; a pod written with spec.nodeName bypasses the scheduler.
   */
  readonly boundByScheduler?: ReadonlySet<string>;
  /** Place pods without spec.nodeName on `nodes` round-robin (default true); false leaves them unschedulable. */
  readonly bindUnassigned?: boolean;
}

/** What a user (or a scenario script) can do to a Pod. Node events apply to every pod on its node. */
export type LabEvent =
  | { type: 'pod.delete'; gracePeriodSeconds?: number }
  | { type: 'pod.scheduled'; nodeName: string; podIP?: string }
  | { type: 'pod.unschedulable'; message: string }
  | { type: 'kubelet.evict'; message: string }
  | { type: 'node.notReady' }
  | { type: 'node.unreachable' }
  | { type: 'node.ready' }
  /** The node's memory.available drops (node memory pressure). */
  | { type: 'node.memoryAvailable'; bytes: number }
  /** An emptyDir volume's usage (sizeLimit eviction). */
  | { type: 'volume.usage'; volume: string; bytes: number }
  | (DistributiveOmit<Exclude<ContainerEvent, { type: 'kubelet.start' | 'kubelet.kill' }>, 'now'> & { container: string });

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface ScriptStep {
  /** Simulated ms since the pods' creation. */
  readonly at: number;
  readonly pod: string;
  readonly event: LabEvent;
}

export interface PodView {
  readonly key: string;
  /** The object `kubectl get pod -o yaml` prints; null once the pod is gone. */
  readonly object: Pod | null;
  readonly row: PodRow | null;
  readonly lifecycle: string;
  readonly node: string;
  readonly containers: readonly { name: string; kind: ContainerKind; state: string }[];
}

export interface SimulationSnapshot {
  readonly now: number;
  readonly pods: readonly PodView[];
}

type TimerPayload =
  | { kind: 'actor'; pod: number; target: number; id: string; gen: number; event: AnyEventObject }
  | { kind: 'probe'; pod: number; probe: number; instance: number }
  | { kind: 'eviction' }
  | { kind: 'deadline'; pod: number };

import { TimerQueue } from './timerQueue.ts';

export const LAB_NODE: SimNode = { name: 'node-1', ip: '192.168.49.2' };
/** Sandbox creation and CNI setup time. */
export const SANDBOX_MS = 1000;
/** Eviction manager loop period (eviction_manager.go monitoringInterval). */
export const EVICTION_LOOP_MS = 10_000;
const POD_TARGET = -1;

const PROBE_POD_INPUT: PodInput = { namespace: '', name: '', terminationGracePeriodMs: 0, notReadyTolerationMs: 0, unreachableTolerationMs: 0, sandboxMs: 0 };
let podStepper: PureStepper<typeof podMachine> | undefined;
let containerStepper: PureStepper<typeof containerMachine> | undefined;
function steppers() {
  podStepper ??= new PureStepper(podMachine, PROBE_POD_INPUT);
  containerStepper ??= new PureStepper(containerMachine, { name: '', kind: 'regular', image: '', imagePullPolicy: 'Never', podRestartPolicy: 'Always', podRef: '', behavior: DEFAULT_BEHAVIOR, hasStartupProbe: false, hasReadinessProbe: false, hasPostStart: false, hasPreStop: false, podHasInitContainers: false, killGracePeriodMs: 0 } satisfies ContainerInput);
  return { pod: podStepper, container: containerStepper };
}

function uidFrom(rand: () => number): string {
  const hex = () => Math.floor(rand() * 0x10000).toString(16).padStart(4, '0');
  return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-8${hex().slice(1)}-${hex()}${hex()}${hex()}`;
}

/** A `sleep` lifecycle handler (KEP-3960) takes exactly its seconds. */
function hookTimes(c: Container, b: ContainerBehavior): ContainerBehavior {
  const pre = c.lifecycle?.preStop?.sleep?.seconds;
  const post = c.lifecycle?.postStart?.sleep?.seconds;
  return { ...b, ...(pre !== undefined ? { preStopMs: pre * 1000 } : {}), ...(post !== undefined ? { postStartMs: post * 1000 } : {}) };
}

function containerKind(c: Container, isInit: boolean): ContainerKind {
  return isInit ? (c.restartPolicy === 'Always' ? 'sidecar' : 'init') : 'regular';
}

/** imagePullPolicy defaulting (defaults.go SetDefaults_Container): Always for :latest or no tag. */
export function defaultPullPolicy(c: Container): 'Always' | 'IfNotPresent' | 'Never' {
  if (c.imagePullPolicy === 'Always' || c.imagePullPolicy === 'IfNotPresent' || c.imagePullPolicy === 'Never') return c.imagePullPolicy;
  const image = c.image ?? '';
  if (image.includes('@')) return 'IfNotPresent';
  const last = image.slice(image.lastIndexOf('/') + 1);
  const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

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
      const rt = this.createRuntime(pod, key, uidFrom(rand.next));
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

  private createRuntime(pod: Pod, key: string, uid: string): PodRuntime {
    const spec = pod.spec;
    const behavior = readPodBehavior(pod);
    const tolerations = withDefaultTolerations(spec.tolerations);
    const podRef = `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid ?? uid})`;
    const graceMs = (spec.terminationGracePeriodSeconds ?? 30) * 1000;
    const [pod$] = steppers().pod.initial({
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
      terminationGracePeriodMs: graceMs,
      notReadyTolerationMs: minTolerationMs(tolerations, [{ key: TAINT_NODE_NOT_READY, effect: 'NoExecute' }]),
      unreachableTolerationMs: minTolerationMs(tolerations, [{ key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' }]),
      sandboxMs: SANDBOX_MS,
    });
    const inits = spec.initContainers ?? [];
    const list = [...inits.map((c) => [c, true] as const), ...(spec.containers ?? []).map((c) => [c, false] as const)];
    const containers = list.map(([c, isInit]) => {
      const limit = c.resources?.limits?.['memory'];
      const [snap] = steppers().container.initial({
        name: c.name,
        kind: containerKind(c, isInit),
        image: c.image ?? '',
        imagePullPolicy: defaultPullPolicy(c),
        podRestartPolicy: spec.restartPolicy ?? 'Always',
        podRef,
        behavior: hookTimes(c, behavior.containers.get(c.name) ?? DEFAULT_BEHAVIOR),
        hasStartupProbe: !!c.startupProbe,
        hasReadinessProbe: !!c.readinessProbe,
        hasPostStart: !!c.lifecycle?.postStart,
        hasPreStop: !!c.lifecycle?.preStop,
        ...(limit !== undefined ? { memoryLimitBytes: Number(quantityMilli(limit) / 1000n) } : {}),
        podHasInitContainers: inits.length > 0,
        killGracePeriodMs: graceMs,
        ...(c.livenessProbe?.terminationGracePeriodSeconds !== undefined ? { livenessGracePeriodMs: c.livenessProbe.terminationGracePeriodSeconds * 1000 } : {}),
        ...(c.startupProbe?.terminationGracePeriodSeconds !== undefined ? { startupGracePeriodMs: c.startupProbe.terminationGracePeriodSeconds * 1000 } : {}),
      });
      return snap;
    });
    return {
      key,
      pod,
      uid: pod.metadata.uid ?? uid,
      createdAtMs: this.now,
      behavior,
      pod$,
      containers,
      initCount: inits.length,
      probes: [],
      conditions: new Map(),
      lastPhase: 'Pending',
      killed: containers.map(() => false),
      hostIP: null,
    };
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

  private startContainer(pod: number, i: number): void {
    this.applyContainer(pod, i, { type: 'kubelet.start', now: this.now });
  }

  private kill(pod: number, i: number, gracePeriodMs: number, reason: KillReason): void {
    const rt = this.pods[pod] as PodRuntime;
    if (rt.killed[i]) return;
    rt.killed[i] = true;
    this.applyContainer(pod, i, { type: 'kubelet.kill', gracePeriodMs, reason, now: this.now });
  }

  /** One pass of computePodActions; true if it changed something. */
  private syncPod(pod: number): boolean {
    const rt = this.pods[pod] as PodRuntime;
    // An unreachable node's kubelet does nothing the control plane can see.
    if (nodeStateOf(rt) === 'Unreachable') return false;
    const lc = lifecycleOf(rt);
    const before = this.changes;
    const cs = rt.containers;
    if (lc === 'active') {
      // Init containers one at a time; a sidecar only has to have started.
      let initsDone = true;
      for (let i = 0; i < rt.initCount; i++) {
        const c = cs[i];
        if (!c) continue;
        const [top, sub] = containerStateOf(c);
        if (c.context.kind === 'sidecar') {
          if (top === 'waiting' && sub === 'notCreated') {
            this.startContainer(pod, i);
            initsDone = false;
            break;
          }
          if (c.context.started || c.context.restartCount > 0 || c.context.current) continue;
          initsDone = false;
          break;
        }
        if (top === 'terminated' && c.context.current?.exitCode === 0) continue;
        if (top === 'waiting' && sub === 'notCreated') this.startContainer(pod, i);
        initsDone = false;
        break;
      }
      if (initsDone) {
        for (let i = rt.initCount; i < cs.length; i++) {
          const c = cs[i];
          if (c && containerStateOf(c)[0] === 'waiting' && containerStateOf(c)[1] === 'notCreated') this.startContainer(pod, i);
        }
      }
      // Every regular container done for good (or a failed init under Never): the pod is finished.
      const regular = rt.containers.slice(rt.initCount);
      const initFailed = rt.containers.slice(0, rt.initCount).some((c) => c.context.kind === 'init' && isStoppedForGood(c) && (c.context.current?.exitCode ?? 0) !== 0);
      if ((regular.length > 0 && regular.every(isStoppedForGood)) || initFailed) {
        this.applyPod(pod, { type: 'kubelet.regularContainersDone', now: this.now });
      }
    }
    const lc2 = lifecycleOf(rt);
    if (lc2 === 'finishing' || lc2 === 'terminating' || lc2 === 'evicting') {
      const ctx = rt.pod$.context;
      const grace = lc2 === 'evicting' ? ctx.failureGracePeriodMs : lc2 === 'terminating' ? Math.max(0, (ctx.deletionTimestampMs ?? this.now) - this.now) : ctx.terminationGracePeriodMs;
      const reason: KillReason = lc2 === 'evicting' ? 'evict' : 'delete';
      // Regular (and init) containers first; sidecars only once those have stopped (KEP-753 termination order).
      let nonSidecarsStopped = true;
      cs.forEach((c, i) => {
        if (c.context.kind === 'sidecar') return;
        this.kill(pod, i, grace, reason);
        if (!isStoppedForGood(rt.containers[i] as typeof c)) nonSidecarsStopped = false;
      });
      if (nonSidecarsStopped) cs.forEach((c, i) => c.context.kind === 'sidecar' && this.kill(pod, i, grace, reason));
      if (allStopped(rt)) {
        const { init, regular } = containerStatuses(rt);
        const phase = getPhase(rt.pod, [...init, ...regular], { podIsTerminal: true, podHasInitialized: true });
        this.applyPod(pod, { type: 'kubelet.allStopped', phase: phase === 'Succeeded' ? 'Succeeded' : 'Failed', now: this.now });
      }
    }
    return this.changes !== before;
  }

  // ---- probes ----------------------------------------------------------------------------

  private startProbes(pod: number, i: number): void {
    const rt = this.pods[pod] as PodRuntime;
    const c = rt.containers[i];
    if (!c) return;
    const spec = (i < rt.initCount ? rt.pod.spec.initContainers : rt.pod.spec.containers)?.[i < rt.initCount ? i : i - rt.initCount];
    if (!spec) return;
    rt.probes = rt.probes.filter((w) => w.container !== i);
    const instance = c.context.instance;
    for (const type of ['startup', 'liveness', 'readiness'] as const) {
      const probe = spec[`${type}Probe`];
      if (!probe) continue;
      const w: ProbeWorker = { type, settings: probeSettings(probe), container: i, instance, result: initialProbeResult(type), successes: 0, failures: 0 };
      rt.probes.push(w);
      this.scheduleProbe(pod, rt.probes.length - 1, instance, this.now + w.settings.initialDelayMs);
    }
  }

  private scheduleProbe(pod: number, index: number, instance: number, at: number): void {
    this.queue.push(at, { kind: 'probe', pod, probe: index, instance });
  }

  /**
   * One prober worker tick (prober/worker.go doProbe). Ticks whose outcome cannot change the
   * result are coalesced: while the app's behaviour keeps the probe passing and the result is
   * already Success, the worker jumps to the first period tick at or after the next instant the
   * behaviour changes (or stops, if it never does). Results and events are the same as ticking.
   */
  private probeTick(pod: number, index: number, instance: number): void {
    const rt = this.pods[pod] as PodRuntime;
    const w = rt.probes[index];
    if (!w || w.instance !== instance) return;
    const c = rt.containers[w.container];
    if (!c || c.context.instance !== instance) return;
    const [top, sub] = containerStateOf(c);
    if (top !== 'running' && top !== 'stopping') return;
    const deleting = rt.pod$.context.deletionTimestampMs !== null;
    // Liveness and startup workers stop when the pod is being deleted; readiness keeps probing.
    if (w.type !== 'readiness' && (deleting || top === 'stopping')) return;
    const period = w.settings.periodMs;
    if (w.type === 'startup') {
      if (sub === 'started') return;
      if (sub !== 'startup') return this.scheduleProbe(pod, index, instance, this.now + period);
    } else if (!c.context.started) return this.scheduleProbe(pod, index, instance, this.now + period);
    const b = c.context.behavior;
    const startedAt = c.context.startedAtMs ?? this.now;
    const pb = b[w.type];
    const pass = probePasses(pb, b.startMs, this.now - startedAt);
    if (pass) {
      w.successes++;
      w.failures = 0;
      if (w.successes >= w.settings.successThreshold && w.result !== 'success') {
        w.result = 'success';
        if (w.type !== 'liveness') this.applyContainer(pod, w.container, { type: `probe.${w.type}.succeeded`, now: this.now } as ContainerEvent);
        this.settle(pod);
        if (w.type === 'startup') return;
      }
      if (w.result === 'success') {
        // Coalesce: the next instant the behaviour can turn the outcome.
        let change = Infinity;
        for (const bp of [pb.passAfterMs ?? b.startMs, pb.failAfterMs, pb.failUntilMs]) {
          if (bp !== undefined && startedAt + bp > this.now) change = Math.min(change, startedAt + bp);
        }
        if (change === Infinity) return;
        return this.scheduleProbe(pod, index, instance, this.now + Math.ceil((change - this.now) / period) * period);
      }
      return this.scheduleProbe(pod, index, instance, this.now + period);
    }
    w.failures++;
    w.successes = 0;
    const list = w.container < rt.initCount ? rt.pod.spec.initContainers : rt.pod.spec.containers;
    const probe = list?.[w.container < rt.initCount ? w.container : w.container - rt.initCount]?.[`${w.type}Probe`];
    this.events.record(rt.key, { type: 'Warning', reason: 'Unhealthy', message: `${probeLabel(w.type)} probe failed: ${probeFailureOutput(probe ?? {}, rt.pod$.context.podIP, pb.output)}` }, this.now);
    if (w.failures >= w.settings.failureThreshold && w.result !== 'failure') {
      w.result = 'failure';
      this.applyContainer(pod, w.container, { type: `probe.${w.type}.failed`, now: this.now } as ContainerEvent);
      this.settle(pod);
      // A liveness/startup failure kills the container; the worker waits for the next instance.
      if (w.type !== 'readiness') return;
    }
    this.scheduleProbe(pod, index, instance, this.now + period);
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
    const pending = evictionCandidates(this.pods, this.nodes);
    if (pending) this.ensureEvictionLoop();
  }

  // ---- time and input ----------------------------------------------------------------------

  private dispatch(t: TimerPayload): void {
    if (t.kind === 'eviction') return this.evictionLoop();
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
      const names = [...(rt.pod.spec.initContainers ?? []), ...(rt.pod.spec.containers ?? [])].map((c) => c.name);
      const ci = names.indexOf(event.container);
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
      const names = [...(rt.pod.spec.initContainers ?? []), ...(rt.pod.spec.containers ?? [])].map((c) => c.name);
      const c = rt.containers[names.indexOf(event.container)];
      const { container: _c, ...rest } = event;
      return !!c && c.can({ ...rest, now: this.now } as ContainerEvent);
    }
    if (event.type === 'node.memoryAvailable' || event.type === 'volume.usage') return lifecycleOf(rt) === 'active';
    return rt.pod$.can({ ...event, now: this.now } as PodEvent);
  }

  /** The user events that are valid for this pod now, for the UI's buttons. */
  validEvents(podKey: string): LabEvent[] {
    const rt = this.pods[this.podIndex(podKey)] as PodRuntime;
    const candidates: LabEvent[] = [
      { type: 'pod.delete' },
      { type: 'node.notReady' },
      { type: 'node.unreachable' },
      { type: 'node.ready' },
      { type: 'kubelet.evict', message: 'The node was low on resource: memory. ' },
    ];
    for (const c of rt.containers) {
      const container = c.context.name;
      candidates.push(
        { type: 'container.exited', exitCode: 1, container },
        { type: 'container.exited', exitCode: 0, container },
        { type: 'container.oomKilled', container },
        { type: 'image.pulled', container },
        { type: 'image.pullFailed', container },
        { type: 'probe.liveness.failed', container },
        { type: 'probe.readiness.failed', container },
        { type: 'probe.readiness.succeeded', container },
        { type: 'probe.startup.succeeded', container },
        { type: 'probe.startup.failed', container },
        { type: 'hook.postStart.succeeded', container },
        { type: 'hook.postStart.failed', container },
      );
    }
    return candidates.filter((e) => this.can(podKey, e));
  }

  view(rt: PodRuntime): PodView {
    const object = podObject(rt, this.now);
    return {
      key: rt.key,
      object,
      row: object ? printPod(object, EPOCH_MS + this.now) : null,
      lifecycle: lifecycleOf(rt),
      node: nodeStateOf(rt),
      containers: rt.containers.map((c) => {
        const [top, sub] = containerStateOf(c);
        return { name: c.context.name, kind: c.context.kind, state: sub ? `${top}.${sub}` : top };
      }),
    };
  }

  snapshot(): SimulationSnapshot {
    return { now: this.now, pods: this.pods.map((rt) => this.view(rt)) };
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
