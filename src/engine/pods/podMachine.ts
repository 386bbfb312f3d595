// The Pod as one actor: scheduling, sandbox, running, termination and eviction (the kubelet's
// pod worker, pod_workers.go: SyncPod → SyncTerminatingPod → SyncTerminatedPod), in parallel with
// what the node lifecycle and taint-eviction controllers do to it when its node fails.
// Containers are their own actors (containerMachine.ts); the simulation drives both.
import { assign, raise, setup } from 'xstate';
import type { RecordedEvent } from './containerMachine.ts';
import { NODE_MONITOR_GRACE_PERIOD_MS } from './tolerations.ts';

export interface PodInput {
  readonly namespace: string;
  readonly name: string;
  /** spec.terminationGracePeriodSeconds after defaulting, in ms. */
  readonly terminationGracePeriodMs: number;
  /** Smallest tolerationSeconds for the node.kubernetes.io/not-ready NoExecute taint (ms; Infinity: never). */
  readonly notReadyTolerationMs: number;
  readonly unreachableTolerationMs: number;
  /** Sandbox creation and network setup (CNI ADD). */
  readonly sandboxMs: number;
}

export interface PodContext extends PodInput {
  nodeName: string | null;
  podIP: string | null;
  schedulingMessage: string | null;
  /** PodScheduled=False reason: Unschedulable, or SchedulingGated while spec.schedulingGates is set. */
  schedulingReason: string | null;
  scheduledAtMs: number | null;
  sandboxReadyAtMs: number | null;
  deletionTimestampMs: number | null;
  deletionGracePeriodMs: number | null;
  evictionMessage: string | null;
  /** status.reason of a pod the kubelet failed: Evicted or DeadlineExceeded. */
  failureReason: string | null;
  /** Grace for that kill: 1 s for hard eviction (2 s with the minimum), the pod's for a deadline. */
  failureGracePeriodMs: number;
  /** DisruptionTarget condition, when a disruptive deletion was decided. */
  disruption: { reason: string; message: string; atMs: number } | null;
  /** The node controller marked the pod Ready=False (MarkPodsNotReady). */
  markedNotReadyAtMs: number | null;
  /** A terminal phase, once reached, never changes. */
  terminalPhase: 'Succeeded' | 'Failed' | null;
  taintedAtMs: number | null;
}

type T = { now: number };
export type PodEvent =
  /** `announce: false` when the pod came with spec.nodeName: no scheduler, no Scheduled event. */
  | ({ type: 'pod.scheduled'; nodeName: string; podIP?: string; announce?: boolean } & T)
  | ({ type: 'pod.unschedulable'; message: string; reason?: 'Unschedulable' | 'SchedulingGated' } & T)
  | ({ type: 'pod.delete'; gracePeriodSeconds?: number } & T)
  /** The kubelet fails the pod: node-pressure eviction (reason Evicted) or activeDeadlineSeconds (DeadlineExceeded). */
  | ({ type: 'kubelet.evict'; message: string; reason?: 'Evicted' | 'DeadlineExceeded'; gracePeriodMs?: number } & T)
  | ({ type: 'kubelet.regularContainersDone' } & T)
  | ({ type: 'kubelet.allStopped'; phase: 'Succeeded' | 'Failed' } & T)
  | ({ type: 'node.notReady' } & T)
  | ({ type: 'node.unreachable' } & T)
  | ({ type: 'node.ready' } & T)
  | ({ type: 'taint.evict' } & T);

const now = (e: { now?: number }): number => e.now ?? 0;
const ref = (c: PodContext) => `${c.namespace}/${c.name}`;
function rec(type: RecordedEvent['type'], reason: string, message: (c: PodContext) => string, source = 'kubelet') {
  return { type: 'record' as const, params: ({ context }: { context: PodContext }) => ({ type, reason, message: message(context), source }) };
}

/**
 * A node that stopped being Ready: after node-monitor-grace-period the pods are marked NotReady
 * and the node tainted; after the pod's toleration the taint-eviction controller deletes it.
 */
function nodeDownRegion(toleration: 'notReadyToleration' | 'unreachableToleration', on: Record<string, string>) {
  return {
    on,
    initial: 'grace',
    states: {
      grace: {
        after: {
          nodeMonitorGracePeriod: {
            target: 'tainted',
            actions: ['markPodsNotReady', rec('Warning', 'NodeNotReady', () => 'Node is not ready', 'node-controller')],
          },
        },
      },
      tainted: {
        after: { [toleration]: { target: 'evicted', actions: 'raiseTaintEvict' } },
        // The taint went away before the toleration ran out: the scheduled deletion is cancelled.
        on: {
          'node.ready': [
            {
              guard: toleration === 'notReadyToleration' ? 'notReadyDeletionScheduled' : 'unreachableDeletionScheduled',
              target: '#pod.node.Ready',
              actions: rec('Normal', 'TaintManagerEviction', (c) => `Cancelling deletion of Pod ${ref(c)}`, 'taint-eviction-controller'),
            },
            { target: '#pod.node.Ready' },
          ],
        },
      },
      evicted: {},
    },
    exit: 'clearNodeMarks',
  } as const;
}

const recScheduled = rec('Normal', 'Scheduled', (c) => `Successfully assigned ${ref(c)} to ${c.nodeName}`, 'default-scheduler');

/** The context a pod starts with (also used to resolve initial snapshots cheaply). */
export function initialPodContext(input: PodInput): PodContext {
  return {
    ...input,
    nodeName: null,
    podIP: null,
    schedulingMessage: null,
    schedulingReason: null,
    scheduledAtMs: null,
    sandboxReadyAtMs: null,
    deletionTimestampMs: null,
    deletionGracePeriodMs: null,
    evictionMessage: null,
    failureReason: null,
    failureGracePeriodMs: 1000,
    disruption: null,
    markedNotReadyAtMs: null,
    terminalPhase: null,
    taintedAtMs: null,
  };
}

/** Evicted: `Warning Evicted`; activeDeadlineSeconds: `Normal DeadlineExceeded` (active_deadline.go). */
const recFailure = {
  type: 'record' as const,
  params: ({ context }: { context: PodContext }) =>
    context.failureReason === 'DeadlineExceeded'
      ? { type: 'Normal' as const, reason: 'DeadlineExceeded', message: context.evictionMessage ?? '', source: 'kubelet' }
      : { type: 'Warning' as const, reason: 'Evicted', message: context.evictionMessage ?? '', source: 'kubelet' },
};

export const podMachine = setup({
  types: {
    context: {} as PodContext,
    events: {} as PodEvent,
    input: {} as PodInput,
  },
  delays: {
    sandboxCreation: ({ context }) => context.sandboxMs,
    nodeMonitorGracePeriod: NODE_MONITOR_GRACE_PERIOD_MS,
    notReadyToleration: ({ context }) => context.notReadyTolerationMs,
    unreachableToleration: ({ context }) => context.unreachableTolerationMs,
  },
  guards: {
    /** A pod that was never bound is deleted at once: there is no kubelet to wait for. */
    unbound: ({ context }) => context.nodeName === null,
    notReadyDeletionScheduled: ({ context }) => Number.isFinite(context.notReadyTolerationMs) && context.notReadyTolerationMs > 0,
    unreachableDeletionScheduled: ({ context }) => Number.isFinite(context.unreachableTolerationMs) && context.unreachableTolerationMs > 0,
    preBound: ({ event }) => event.type === 'pod.scheduled' && event.announce === false,
    gated: ({ event }) => event.type === 'pod.unschedulable' && event.reason === 'SchedulingGated',
  },
  actions: {
    record: (_, _params: RecordedEvent & { source: string }) => {},
    bind: assign(({ event }) => (event.type === 'pod.scheduled' ? { nodeName: event.nodeName, scheduledAtMs: now(event), schedulingMessage: null } : {})),
    setUnschedulable: assign(({ event }) =>
      event.type === 'pod.unschedulable' ? { schedulingMessage: event.message, schedulingReason: event.reason ?? 'Unschedulable' } : {},
    ),
    sandboxReady: assign(({ event }) => ({ sandboxReadyAtMs: now(event) })),
    setIP: assign(({ context, event }) => (event.type === 'pod.scheduled' && event.podIP ? { podIP: event.podIP } : { podIP: context.podIP })),
    /** The apiserver's graceful delete: deletionTimestamp = now + grace. */
    markDeleted: assign(({ context, event }) => {
      if (context.deletionTimestampMs !== null) return {};
      const grace = event.type === 'pod.delete' && event.gracePeriodSeconds !== undefined ? event.gracePeriodSeconds * 1000 : context.terminationGracePeriodMs;
      return { deletionTimestampMs: now(event) + grace, deletionGracePeriodMs: grace };
    }),
    markEvicted: assign(({ context, event }) => {
      if (event.type !== 'kubelet.evict') return {};
      const reason = event.reason ?? 'Evicted';
      return {
        evictionMessage: event.message,
        failureReason: reason,
        failureGracePeriodMs: event.gracePeriodMs ?? (reason === 'Evicted' ? 1000 : context.terminationGracePeriodMs),
        // Only a node-pressure eviction is a disruption the kubelet announces (DisruptionTarget).
        disruption: reason === 'Evicted' ? { reason: 'TerminationByKubelet', message: event.message, atMs: now(event) } : context.disruption,
      };
    }),
    markTerminal: assign(({ event }) => (event.type === 'kubelet.allStopped' ? { terminalPhase: event.phase } : {})),
    markPodsNotReady: assign(({ event }) => ({ markedNotReadyAtMs: now(event), taintedAtMs: now(event) })),
    clearNodeMarks: assign({ markedNotReadyAtMs: null, taintedAtMs: null }),
    markTaintDisruption: assign(({ event }) => ({
      disruption: { reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', atMs: now(event) },
    })),
    raiseTaintEvict: raise(({ event }) => ({ type: 'taint.evict' as const, now: now(event) })),
  },
}).createMachine({
  id: 'pod',
  type: 'parallel',
  context: ({ input }) => initialPodContext(input),
  states: {
    lifecycle: {
      initial: 'unscheduled',
      states: {
        unscheduled: {
          on: {
            'pod.scheduled': [
              { guard: 'preBound', target: 'sandbox', actions: ['bind', 'setIP'] },
              { target: 'sandbox', actions: ['bind', 'setIP', recScheduled] },
            ],
            'pod.unschedulable': [
              // A gated pod never reaches the scheduling cycle: no FailedScheduling event.
              { guard: 'gated', target: 'unschedulable', actions: 'setUnschedulable' },
              {
                target: 'unschedulable',
                actions: ['setUnschedulable', rec('Warning', 'FailedScheduling', (c) => c.schedulingMessage ?? '', 'default-scheduler')],
              },
            ],
            'pod.delete': { target: 'removed', actions: 'markDeleted' },
          },
        },
        unschedulable: {
          on: {
            'pod.scheduled': [
              { guard: 'preBound', target: 'sandbox', actions: ['bind', 'setIP'] },
              { target: 'sandbox', actions: ['bind', 'setIP', recScheduled] },
            ],
            'pod.delete': { target: 'removed', actions: 'markDeleted' },
          },
        },
        sandbox: {
          // RunPodSandbox + CNI: PodReadyToStartContainers turns True when this is done.
          after: { sandboxCreation: { target: 'active', actions: 'sandboxReady' } },
          on: {
            'pod.delete': { target: 'terminating', actions: ['markDeleted'] },
            'taint.evict': { target: 'terminating', actions: ['markTaintDisruption', 'markDeleted', rec('Normal', 'TaintManagerEviction', (c) => `Marking for deletion Pod ${ref(c)}`, 'taint-eviction-controller')] },
          },
        },
        active: {
          on: {
            'pod.delete': { target: 'terminating', actions: 'markDeleted' },
            'taint.evict': {
              target: 'terminating',
              actions: ['markTaintDisruption', 'markDeleted', rec('Normal', 'TaintManagerEviction', (c) => `Marking for deletion Pod ${ref(c)}`, 'taint-eviction-controller')],
            },
            'kubelet.evict': { target: 'evicting', actions: ['markEvicted', recFailure] },
            'kubelet.regularContainersDone': 'finishing',
          },
        },
        finishing: {
          // restartPolicy Never/OnFailure and every regular container is done: sidecars are stopped, then the phase is terminal.
          on: {
            'kubelet.allStopped': { target: 'completed', actions: 'markTerminal' },
            'pod.delete': { target: 'terminating', actions: 'markDeleted' },
            'kubelet.evict': { target: 'evicting', actions: ['markEvicted', recFailure] },
          },
        },
        terminating: {
          // The object stays until the kubelet has stopped every container (never, if the node is gone).
          on: { 'kubelet.allStopped': { target: 'removed', actions: 'markTerminal' } },
        },
        evicting: {
          on: {
            'kubelet.allStopped': 'evicted',
            'pod.delete': { actions: 'markDeleted' },
          },
        },
        evicted: {
          // Evicted pods are not deleted: they stay Failed/Evicted until someone deletes them.
          on: { 'pod.delete': { target: 'removed', actions: 'markDeleted' } },
        },
        completed: {
          on: { 'pod.delete': { target: 'removed', actions: 'markDeleted' } },
        },
        removed: { type: 'final' },
      },
    },
    node: {
      // nodelifecycle controller: after node-monitor-grace-period without a healthy status the node
      // gets NoExecute taints and its pods Ready=False; the taint-eviction controller deletes
      // each pod after its smallest matching tolerationSeconds (300 s by default).
      initial: 'Ready',
      states: {
        Ready: {
          on: { 'node.notReady': 'NotReady', 'node.unreachable': 'Unreachable' },
        },
        NotReady: nodeDownRegion('notReadyToleration', { 'node.ready': 'Ready', 'node.unreachable': 'Unreachable' }),
        Unreachable: nodeDownRegion('unreachableToleration', { 'node.ready': 'Ready', 'node.notReady': 'NotReady' }),
      },
    },
  },
});
