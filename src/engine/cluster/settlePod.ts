// The pluggable last step for a bound Pod: what its status reads once the kubelet has run it.
// `buildCluster(files, { settlePod })` lets the Pod-lifecycle engine pass a real kubelet status
// function; the default here is the steady state of a healthy Pod: phase Running, every
// condition True, every container running and ready (readiness probes and readinessGates are
// taken as passed), init containers Completed, sidecars running
// (pkg/kubelet/status/generate.go condition order; kubelet_pods.go convertToAPIContainerStatuses).
import { hexDigest } from './hashing.ts';
import type { KubeObject } from './objects.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are untyped JSON here

export interface SettleContext {
  /** The Node the Pod is bound to. */
  readonly node: KubeObject;
  /** The Pod's IPs (the node's IP for hostNetwork Pods), first = primary. */
  readonly podIPs: readonly string[];
  /** The node's InternalIP(s). */
  readonly hostIPs: readonly string[];
  /** RFC 3339 "now" of the build (the simulated clock). */
  readonly timestamp: string;
}

/** Returns the Pod's `status`. Must be pure: same Pod and context, same status. */
export type SettlePod = (pod: KubeObject, ctx: SettleContext) => Obj;

/**
 * pkg/apis/core/helper/qos ComputePodQOS, the common case: no requests/limits anywhere → BestEffort;
 * every container with equal cpu and memory requests and limits → Guaranteed; else Burstable.
 */
export function computeQOSClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: Obj[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req: Obj = c.resources?.requests ?? {};
    const lim: Obj = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r]))) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** The image reference as the runtime reports it: `nginx:1.27` → `docker.io/library/nginx:1.27`. */
export function normalizeImage(image: string): string {
  let ref = image;
  const firstSlash = ref.indexOf('/');
  const first = firstSlash < 0 ? '' : ref.slice(0, firstSlash);
  if (firstSlash < 0) ref = `docker.io/library/${ref}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') ref = `docker.io/${ref}`;
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  if (!last.includes(':') && !ref.includes('@')) ref += ':latest';
  return ref;
}

const imageIDs = new Map<string, string>();
function imageIDOf(image: string): string {
  let id = imageIDs.get(image);
  if (!id) imageIDs.set(image, (id = `${image.replace(/:[^:/]+$/, '')}@sha256:${hexDigest(image, 64)}`));
  return id;
}

function runningStatus(c: Obj, podUID: string, at: string): Obj {
  const image = normalizeImage(String(c.image ?? ''));
  return {
    containerID: `containerd://${hexDigest(`${podUID}/${c.name}`, 64)}`,
    image,
    imageID: imageIDOf(image),
    lastState: {},
    name: c.name,
    ready: true,
    restartCount: 0,
    started: true,
    state: { running: { startedAt: at } },
  };
}

/** The default SettlePod: a healthy, Running, Ready Pod. */
export const settledPodStatus: SettlePod = (pod, ctx) => {
  const at = ctx.timestamp;
  const uid = pod.metadata.uid ?? pod.metadata.name;
  const cond = (type: string) => ({ lastProbeTime: null, lastTransitionTime: at, status: 'True', type });
  const status: Obj = {
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(cond),
    containerStatuses: (pod.spec?.containers ?? []).map((c: Obj) => runningStatus(c, uid, at)),
    hostIP: ctx.hostIPs[0],
    hostIPs: ctx.hostIPs.map((ip) => ({ ip })),
    phase: 'Running',
    podIP: ctx.podIPs[0],
    podIPs: ctx.podIPs.map((ip) => ({ ip })),
    qosClass: computeQOSClass(pod),
    startTime: at,
  };
  // Readiness gates are conditions someone else writes; the settled default reports them True.
  for (const g of pod.spec?.readinessGates ?? []) status.conditions.push(cond(g.conditionType));
  const inits: Obj[] = pod.spec?.initContainers ?? [];
  if (inits.length) {
    status.initContainerStatuses = inits.map((c) => {
      const s = runningStatus(c, uid, at);
      if (c.restartPolicy === 'Always') return s; // a sidecar keeps running
      return { ...s, ready: true, started: false, state: { terminated: { containerID: s.containerID, exitCode: 0, finishedAt: at, reason: 'Completed', startedAt: at } } };
    });
  }
  return status;
};

/** The status of a Pod the scheduler could not place (PodScheduled=False, reason Unschedulable). */
export function unschedulableStatus(pod: KubeObject, message: string, at: string): Obj {
  return {
    conditions: [{ lastProbeTime: null, lastTransitionTime: at, message, reason: 'Unschedulable', status: 'False', type: 'PodScheduled' }],
    phase: 'Pending',
    qosClass: computeQOSClass(pod),
  };
}

/** A Pod with spec.schedulingGates waits in the queue: PodScheduled=False, reason SchedulingGated. */
export function schedulingGatedStatus(pod: KubeObject, at: string): Obj {
  return {
    conditions: [{ lastProbeTime: null, lastTransitionTime: at, message: 'Scheduling is blocked due to non-empty scheduling gates', reason: 'SchedulingGated', status: 'False', type: 'PodScheduled' }],
    phase: 'Pending',
    qosClass: computeQOSClass(pod),
  };
}

/** The status of a Pod the kubelet refused at admission (phase Failed, reason OutOfcpu …). */
export function rejectedStatus(pod: KubeObject, reason: string, message: string, hostIPs: readonly string[], at: string): Obj {
  return { hostIP: hostIPs[0], hostIPs: hostIPs.map((ip) => ({ ip })), message, phase: 'Failed', qosClass: computeQOSClass(pod), reason, startTime: at };
}
