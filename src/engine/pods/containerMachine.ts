// One container as the kubelet sees it (kuberuntime_manager.go computePodActions/SyncPod,
// kuberuntime_container.go startContainer/killContainer): waiting → running → terminated,
// restarts with CrashLoopBackOff, image pull back-off, hooks and probe-driven kills.
// Time is the engine's simulated clock: every event carries `now` (ms), and `after` delays are
// scheduled by the pod simulation from the actions transition() returns, never by real timers.
import { assign, setup } from 'xstate';
import { isInBackOffSince, nextBackoff } from './backoff.ts';
import { invalidImageMessage, isValidImageReference } from './imageReference.ts';
import {
  rec,
  recKilling,
  recPostStartFailed,
  recProbeKill,
  recPullBackOff,
  recPulling,
  recPullFailed,
  startFresh,
  startPulled,
} from './containerEvents.ts';

import {
  MINIMUM_GRACE_PERIOD_MS, PLEG_RELIST_MS, WORKER_BACKOFF_MS,
  type ContainerContext, type ContainerEvent, type ContainerInput, type KillReason, type RecordedEvent, type TerminatedInfo,
} from './containerTypes.ts';

// The data model travels with the machine, so importers keep one path.
export * from './containerTypes.ts';

const now = (e: { now?: number }): number => e.now ?? 0;
const containerID = (c: ContainerContext) => `containerd://${c.podRef.replace(/[^a-z0-9]/gi, '').slice(0, 24)}${c.name}${c.instance}`;

function shouldRestartAfter(c: ContainerContext, exitCode: number): boolean {
  if (c.podTerminating) return false;
  if (c.kind === 'sidecar') return true; // sidecars restart whatever the pod policy
  if (c.kind === 'init') return exitCode !== 0 && c.podRestartPolicy !== 'Never';
  if (c.podRestartPolicy === 'Always') return true;
  if (c.podRestartPolicy === 'OnFailure') return exitCode !== 0;
  return false;
}

function needsPull(c: ContainerContext): boolean {
  if (c.imagePullPolicy === 'Never') return false;
  return c.imagePullPolicy === 'Always' || !c.imagePresent;
}

function terminatedWith(c: ContainerContext, nowMs: number, exitCode: number, reason: string, message?: string): TerminatedInfo {
  return {
    exitCode,
    reason,
    ...(message ? { message } : {}),
    startedAtMs: c.startedAtMs ?? nowMs,
    finishedAtMs: nowMs,
    containerID: containerID(c),
  };
}

/** The context a container starts with (also used to resolve initial snapshots cheaply). */
export function initialContainerContext(input: ContainerInput): ContainerContext {
  return {
    ...input,
    imagePresent: false,
    restartCount: 0,
    instance: 0,
    startedAtMs: null,
    started: false,
    readinessOk: false,
    current: null,
    last: null,
    backoff: null,
    pullBackoff: null,
    podTerminating: false,
    killReason: null,
    graceEndMs: 0,
    sigkillAtMs: 0,
  };
}

export const containerMachine = setup({
  types: {
    context: {} as ContainerContext,
    events: {} as ContainerEvent,
    input: {} as ContainerInput,
  },
  delays: {
    pullTime: ({ context }) => context.behavior.pullMs,
    workerBackOff: WORKER_BACKOFF_MS,
    pullBackOffRemaining: ({ context, event }) =>
      Math.max(0, (context.pullBackoff?.lastUpdateMs ?? 0) + (context.pullBackoff?.delayMs ?? 0) - now(event)),
    crashLoopRemaining: ({ context, event }) =>
      Math.max(0, (context.current?.finishedAtMs ?? 0) + (context.backoff?.delayMs ?? 0) - now(event)),
    plegRelist: PLEG_RELIST_MS,
    exitAfter: ({ context }) => context.behavior.exitAfterMs ?? Infinity,
    oomAfter: ({ context }) =>
      context.memoryLimitBytes !== undefined && context.behavior.memoryBytes > context.memoryLimitBytes ? Math.max(context.behavior.startMs, 1000) : Infinity,
    postStartTime: ({ context }) => context.behavior.postStartMs,
    preStopTime: ({ context, event }) => Math.max(0, Math.min(context.behavior.preStopMs, context.graceEndMs - now(event))),
    sigtermExit: ({ context }) => context.behavior.sigtermExitMs ?? Infinity,
    sigkill: ({ context, event }) => Math.max(0, context.sigkillAtMs - now(event)),
  },
  guards: {
    needsPull: ({ context }) => needsPull(context),
    imageInvalid: ({ context }) => !isValidImageReference(context.image),
    imagePullFails: ({ context }) => context.behavior.imagePullFails,
    inPullBackOff: ({ context, event }) =>
      !!context.pullBackoff && now(event) - context.pullBackoff.lastUpdateMs < context.pullBackoff.delayMs,
    noRestart: ({ context }) => !shouldRestartAfter(context, context.current?.exitCode ?? 0),
    inCrashLoopBackOff: ({ context, event }) => isInBackOffSince(context.backoff, context.current?.finishedAtMs ?? 0, now(event)),
    hasPostStart: ({ context }) => context.hasPostStart,
    postStartFails: ({ context }) => context.behavior.postStartFails,
    hasStartupProbe: ({ context }) => context.hasStartupProbe,
    hasPreStop: ({ context }) => context.hasPreStop,
    isTerminalKill: ({ event }) => event.type === 'kubelet.kill' && (event.reason === 'delete' || event.reason === 'evict'),
    hasExitedBefore: ({ context }) => context.current !== null,
  },
  actions: {
    /** Recorded by the simulation as a Kubernetes Event on the pod. */
    record: (_, _params: RecordedEvent) => {},
    markImagePresent: assign({ imagePresent: true, pullBackoff: null }),
    pullFailed: assign({
      pullBackoff: ({ context, event }) => nextBackoff(context.pullBackoff, now(event)),
      waitingMessage: ({ context, event }) =>
        event.type === 'image.pullFailed' && event.message
          ? event.message
          : `rpc error: code = NotFound desc = failed to pull and unpack image "${context.image}": not found`,
    }),
    /** A new container instance: the previous exit becomes lastState, restartCount counts re-creations. */
    beginRun: assign(({ context, event }) => {
      const again = context.current !== null || context.last !== null || context.instance > 0;
      return {
        last: context.current ?? context.last,
        current: null,
        restartCount: again ? context.restartCount + 1 : context.restartCount,
        instance: context.instance + 1,
        startedAtMs: now(event),
        started: false,
        readinessOk: false,
        killReason: null,
        waitingMessage: undefined,
      };
    }),
    markStarted: assign({ started: true }),
    readinessOk: assign({ readinessOk: true }),
    readinessFailed: assign({ readinessOk: false }),
    exit: assign(({ context, event }) => {
      const nowMs = now(event);
      if (event.type === 'container.oomKilled') return { current: terminatedWith(context, nowMs, 137, 'OOMKilled'), started: false, readinessOk: false };
      if (event.type === 'container.exited') {
        return { current: terminatedWith(context, nowMs, event.exitCode, event.reason ?? (event.exitCode === 0 ? 'Completed' : 'Error')), started: false, readinessOk: false };
      }
      // A delayed transition: the app exits by itself, the kernel OOM-kills it, or SIGTERM/SIGKILL ends it.
      const t = String(event.type);
      if (t.includes('oomAfter')) return { current: terminatedWith(context, nowMs, 137, 'OOMKilled'), started: false, readinessOk: false };
      if (t.includes('sigkill')) return { current: terminatedWith(context, nowMs, 137, 'Error'), started: false, readinessOk: false };
      const code = t.includes('sigtermExit') ? context.behavior.sigtermExitCode : context.behavior.exitCode;
      return { current: terminatedWith(context, nowMs, code, code === 0 ? 'Completed' : 'Error'), started: false, readinessOk: false };
    }),
    beginKill: assign(({ context, event }) => {
      if (event.type !== 'kubelet.kill') return {};
      const n = now(event);
      const graceEndMs = n + event.gracePeriodMs;
      return {
        killReason: event.reason,
        podTerminating: context.podTerminating || event.reason === 'delete' || event.reason === 'evict',
        graceEndMs,
        sigkillAtMs: Math.max(graceEndMs, n + MINIMUM_GRACE_PERIOD_MS),
      };
    }),
    /** After preStop, StopContainer gets the remaining grace, at least 2 s. */
    sendSigterm: assign(({ context, event }) => ({ sigkillAtMs: Math.max(context.graceEndMs, now(event) + MINIMUM_GRACE_PERIOD_MS) })),
    backoffNext: assign({ backoff: ({ context }) => nextBackoff(context.backoff, context.current?.finishedAtMs ?? 0) }),
    markTerminating: assign({ podTerminating: true }),
    /** A kill the kubelet itself decides (liveness/startup probe, postStart hook): the container restarts per policy. */
    beginInternalKill: assign(({ context, event }) => {
      const n = now(event);
      const reason: KillReason = event.type === 'probe.startup.failed' ? 'startup' : event.type === 'probe.liveness.failed' ? 'liveness' : 'postStart';
      const grace =
        reason === 'liveness' ? (context.livenessGracePeriodMs ?? context.killGracePeriodMs) : reason === 'startup' ? (context.startupGracePeriodMs ?? context.killGracePeriodMs) : context.killGracePeriodMs;
      return { killReason: reason, graceEndMs: n + grace, sigkillAtMs: Math.max(n + grace, n + MINIMUM_GRACE_PERIOD_MS) };
    }),
  },
}).createMachine({
  id: 'container',
  context: ({ input }) => initialContainerContext(input),
  initial: 'waiting',
  states: {
    waiting: {
      initial: 'notCreated',
      on: {
        // A container that has run before keeps its last exit; one that never ran stays waiting.
        'kubelet.kill': [
          { guard: 'hasExitedBefore', target: '#container.terminated.final', actions: 'markTerminating' },
          { target: '.abandoned', actions: 'markTerminating' },
        ],
      },
      states: {
        /** The pod ended before this container was ever started (e.g. its init container failed under Never). */
        abandoned: { on: { 'kubelet.kill': { actions: 'markTerminating' } } },
        notCreated: {
          on: {
            'kubelet.start': [
              {
                guard: 'imageInvalid',
                target: 'InvalidImageName',
                actions: [rec('Warning', 'InspectFailed', (c) => invalidImageMessage(c.image)), rec('Warning', 'Failed', () => 'Error: InvalidImageName')],
              },
              {
                guard: 'needsPull',
                target: 'pulling',
                actions: recPulling,
              },
              { target: '#container.running', actions: [...startFresh] },
            ],
          },
        },
        pulling: {
          after: {
            pullTime: [
              { guard: 'imagePullFails', target: 'ErrImagePull', actions: ['pullFailed', ...recPullFailed] },
              { target: '#container.running', actions: [...startPulled] },
            ],
          },
          on: {
            'image.pulled': { target: '#container.running', actions: [...startPulled] },
            'image.pullFailed': { target: 'ErrImagePull', actions: ['pullFailed', ...recPullFailed] },
          },
        },
        /** The kubelet retries every sync and fails the same way: nothing changes until the spec does. */
        InvalidImageName: {},
        ErrImagePull: {
          // The pod worker retries a failed sync after its back-off; inside the pull back-off
          // window the image manager answers ImagePullBackOff without pulling.
          after: {
            workerBackOff: [
              { guard: 'inPullBackOff', target: 'ImagePullBackOff', actions: [...recPullBackOff] },
              { target: 'pulling', actions: recPulling },
            ],
          },
        },
        ImagePullBackOff: {
          after: {
            pullBackOffRemaining: { target: 'pulling', actions: recPulling },
          },
        },
        CrashLoopBackOff: {
          entry: rec('Warning', 'BackOff', (c) => `Back-off restarting failed container ${c.name} in pod ${c.podRef}`),
          after: {
            crashLoopRemaining: [
              { guard: 'needsPull', target: 'pulling', actions: ['backoffNext', recPulling] },
              { target: '#container.running', actions: ['backoffNext', ...startFresh] },
            ],
          },
        },
      },
    },
    running: {
      initial: 'postStart',
      after: {
        exitAfter: { target: 'terminated', actions: 'exit' },
        oomAfter: { target: 'terminated', actions: 'exit' },
      },
      on: {
        'container.exited': { target: 'terminated', actions: 'exit' },
        'container.oomKilled': { target: 'terminated', actions: 'exit' },
        'probe.readiness.succeeded': { actions: 'readinessOk' },
        'probe.readiness.failed': { actions: 'readinessFailed' },
        'kubelet.kill': [
          { guard: 'hasPreStop', target: 'stopping.preStop', actions: ['beginKill', recKilling] },
          { target: 'stopping.sigterm', actions: ['beginKill', recKilling] },
        ],
      },
      states: {
        postStart: {
          // The kubelet waits for postStart before the container counts as started.
          always: { guard: ({ context }) => !context.hasPostStart, target: 'startup' },
          after: {
            postStartTime: [
              { guard: 'postStartFails', target: '#container.stopping.sigterm', actions: [recPostStartFailed, 'beginInternalKill'] },
              { target: 'startup' },
            ],
          },
          on: {
            'hook.postStart.succeeded': 'startup',
            'hook.postStart.failed': { target: '#container.stopping.sigterm', actions: [recPostStartFailed, 'beginInternalKill'] },
          },
        },
        startup: {
          // Liveness and readiness do not run until the startup probe has passed.
          always: { guard: ({ context }) => !context.hasStartupProbe, target: 'started' },
          on: {
            'probe.startup.succeeded': 'started',
            'probe.startup.failed': { target: '#container.stopping.sigterm', actions: ['beginInternalKill', recProbeKill] },
          },
        },
        started: {
          entry: 'markStarted',
          on: {
            'probe.liveness.failed': [
              { guard: 'hasPreStop', target: '#container.stopping.preStop', actions: ['beginInternalKill', recProbeKill] },
              { target: '#container.stopping.sigterm', actions: ['beginInternalKill', recProbeKill] },
            ],
          },
        },
      },
    },
    stopping: {
      // killContainer: preStop (its time counts against the grace period), then StopContainer
      // with the rest of the grace (at least 2 s): SIGTERM, and SIGKILL when it runs out.
      initial: 'sigterm',
      on: {
        'container.exited': { target: 'terminated', actions: 'exit' },
        'container.oomKilled': { target: 'terminated', actions: 'exit' },
        'kubelet.kill': { guard: 'isTerminalKill', actions: 'markTerminating' },
      },
      states: {
        preStop: {
          after: { preStopTime: { target: 'sigterm', actions: 'sendSigterm' } },
        },
        sigterm: {
          after: {
            sigtermExit: { target: '#container.terminated', actions: 'exit' },
            sigkill: { target: '#container.terminated', actions: 'exit' },
          },
        },
      },
    },
    terminated: {
      initial: 'exited',
      on: {
        'kubelet.kill': { target: '.final', actions: 'markTerminating' },
      },
      states: {
        exited: {
          // The kubelet notices the exit on its next relist and decides: stay dead, back off, or restart now.
          after: {
            plegRelist: [
              { guard: 'noRestart', target: 'final' },
              { guard: 'inCrashLoopBackOff', target: '#container.waiting.CrashLoopBackOff' },
              { guard: 'needsPull', target: '#container.waiting.pulling', actions: ['backoffNext', recPulling] },
              { target: '#container.running', actions: ['backoffNext', ...startFresh] },
            ],
          },
        },
        final: {
          on: { 'kubelet.kill': { actions: 'markTerminating' } },
        },
      },
    },
  },
});
