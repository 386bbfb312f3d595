// A Pod's runtime record: the API defaults the kubelet relies on (imagePullPolicy, grace period,
// DefaultTolerationSeconds), the behavior annotation, and the initial machine snapshots.
import { DEFAULT_BEHAVIOR, readPodBehavior, type ContainerBehavior } from './behavior.ts';
import { containerMachine, initialContainerContext, type ContainerInput, type ContainerKind } from './containerMachine.ts';
import { initialPodContext, podMachine, type PodInput } from './podMachine.ts';
import type { ContainerSnapshot } from './containerStatus.ts';
import type { PodSnapshot } from './podRuntime.ts';
import type { PodRuntime } from './podRuntime.ts';
import { PureStepper } from './pureStep.ts';
import { quantityMilli } from './quantity.ts';
import { minTolerationMs, TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE, withDefaultTolerations } from './tolerations.ts';
import type { Container, Pod } from './types.ts';

/** Sandbox creation and CNI setup time. */
export const SANDBOX_MS = 1000;

const PROBE_POD_INPUT: PodInput = { namespace: '', name: '', terminationGracePeriodMs: 0, notReadyTolerationMs: 0, unreachableTolerationMs: 0, sandboxMs: 0 };
// One stepper per machine, made on first use and shared (they hold no pod state, only the scope).
const PROBE_CONTAINER_INPUT: ContainerInput = {
  name: '',
  kind: 'regular',
  image: 'pause',
  imagePullPolicy: 'Never',
  podRestartPolicy: 'Always',
  podRef: '',
  behavior: DEFAULT_BEHAVIOR,
  hasStartupProbe: false,
  hasReadinessProbe: false,
  hasPostStart: false,
  hasPreStop: false,
  podHasInitContainers: false,
  killGracePeriodMs: 0,
};
let podStepper: PureStepper<typeof podMachine> | undefined;
let containerStepper: PureStepper<typeof containerMachine> | undefined;
export function steppers() {
  podStepper ??= new PureStepper(podMachine, PROBE_POD_INPUT);
  containerStepper ??= new PureStepper(containerMachine, PROBE_CONTAINER_INPUT);
  return { pod: podStepper, container: containerStepper };
}

/**
 * Initial snapshots by resolveState from the initial state value: neither machine's initial
 * state has entry actions or delays, so this equals initialTransition at a fifth of the cost.
 */
let initialValues: { pod: PodSnapshot['value']; container: ContainerSnapshot['value'] } | undefined;
function initialSnapshots() {
  const s = steppers();
  initialValues ??= { pod: s.pod.initial(PROBE_POD_INPUT)[0].value, container: s.container.initial(PROBE_CONTAINER_INPUT)[0].value };
  return initialValues;
}
function initialPod(input: PodInput): PodSnapshot {
  return podMachine.resolveState({ value: initialSnapshots().pod, context: initialPodContext(input) }) as PodSnapshot;
}
function initialContainer(input: ContainerInput): ContainerSnapshot {
  return containerMachine.resolveState({ value: initialSnapshots().container, context: initialContainerContext(input) }) as ContainerSnapshot;
}

export function uidFrom(rand: () => number): string {
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

export function createRuntime(pod: Pod, key: string, uid: string, createdAtMs: number): PodRuntime {
  const spec = pod.spec;
  const behavior = readPodBehavior(pod);
  const tolerations = withDefaultTolerations(spec.tolerations);
  const podRef = `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid ?? uid})`;
  const graceMs = (spec.terminationGracePeriodSeconds ?? 30) * 1000;
  const pod$ = initialPod({
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
    const snap = initialContainer({
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
    createdAtMs,
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
