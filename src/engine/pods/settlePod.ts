// The kubelet status of a settled Pod for the cluster pipeline (`buildCluster(files, { settlePod })`):
// the same machines run on their own for SETTLE_MS, so a healthy Pod is Running and Ready, a
// missing image sits in ImagePullBackOff, a crashing one in CrashLoopBackOff, a Job-like one
// Completed — consistent with `podlab get pods --at 5m`.
import type { KubeObject } from '../cluster/objects.ts';
import type { SettleContext, SettlePod } from '../cluster/settlePod.ts';
import { LAB_EPOCH_ISO } from '../shared/clock.ts';
import { createPodSimulation } from './podSimulation.ts';
import type { Pod, PodStatus } from './types.ts';

/** How long a Pod is left to run before its status counts as settled. */
export const SETTLE_MS = 5 * 60_000;

export interface SettleInput {
  /** The node the pod is bound to (name and InternalIP). */
  readonly node?: { readonly metadata: { readonly name: string }; readonly status?: { addresses?: { type: string; address: string }[] } } | null;
  readonly podIPs?: readonly string[];
  readonly hostIPs?: readonly string[];
  /** RFC 3339 creation time of the pod (the build's simulated clock). */
  readonly timestamp?: string;
}

/** Matches the cluster engine's SettlePod: returns the Pod's `status`. Pure and deterministic. */
export function settlePod(pod: Pod, ctx: SettleInput = {}): PodStatus {
  const nodeName = ctx.node?.metadata.name ?? pod.spec.nodeName ?? 'node-1';
  const hostIP = ctx.hostIPs?.[0] ?? ctx.node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  const startMs = ctx.timestamp ? Date.parse(ctx.timestamp) - Date.parse(LAB_EPOCH_ISO) : 0;
  const podIP = ctx.podIPs?.[0];
  const input: Pod = {
    ...pod,
    spec: { ...pod.spec, nodeName },
    status: { ...(podIP ? { podIP } : {}), ...(hostIP ? { hostIP } : {}) },
  };
  const sim = createPodSimulation({ pods: [input], nodes: [{ name: nodeName, ...(hostIP ? { ip: hostIP } : {}) }], startMs: Number.isNaN(startMs) ? 0 : startMs });
  sim.advance(SETTLE_MS);
  return sim.snapshot().pods[0]?.object?.status ?? { phase: 'Pending' };
}

/** `settlePod` in the cluster pipeline's own signature: `buildCluster(files, { settlePod: kubeletSettlePod })`. */
export const kubeletSettlePod: SettlePod = (pod: KubeObject, ctx: SettleContext) => settlePod(pod as unknown as Pod, ctx) as Record<string, unknown>;
