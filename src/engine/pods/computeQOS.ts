// QoS class: pkg/apis/core/helper/qos/qos.go ComputePodQOS (and the v1 twin). Only cpu and memory
// count, a zero quantity counts as unset, init containers and sidecars count, ephemeral ones never.
import { quantityMilli } from './quantity.ts';
import type { PodSpec, QOSClass, ResourceList } from './types.ts';

const QOS_RESOURCES = new Set(['cpu', 'memory']);

export interface QOSOptions {
  /** Feature gate PodLevelResources (beta): pod-level spec.resources decides when it sets cpu or memory. */
  readonly podLevelResources?: boolean;
}

function addPositive(into: Map<string, bigint>, list: ResourceList | undefined): Set<string> {
  const found = new Set<string>();
  for (const [name, q] of Object.entries(list ?? {})) {
    if (!QOS_RESOURCES.has(name)) continue;
    const v = quantityMilli(q);
    if (v <= 0n) continue;
    found.add(name);
    into.set(name, (into.get(name) ?? 0n) + v);
  }
  return found;
}

/** resourcehelper.IsPodLevelResourcesSet: pod-level requests or limits name cpu or memory. */
function isPodLevelResourcesSet(spec: PodSpec): boolean {
  const r = spec.resources;
  if (!r) return false;
  return [r.requests, r.limits].some((l) => Object.keys(l ?? {}).some((k) => QOS_RESOURCES.has(k)));
}

export function computePodQOS(spec: PodSpec, opts: QOSOptions = {}): QOSClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let isGuaranteed = true;
  if (opts.podLevelResources && isPodLevelResourcesSet(spec)) {
    addPositive(requests, spec.resources?.requests);
    if (spec.resources?.limits && Object.keys(spec.resources.limits).length > 0) {
      addPositive(limits, spec.resources.limits);
      // getQOSResources keeps cpu/memory with a positive value; both are needed.
      const positive = new Set(Object.entries(spec.resources.limits).filter(([n, q]) => QOS_RESOURCES.has(n) && quantityMilli(q) > 0n).map(([n]) => n));
      if (!(positive.has('cpu') && positive.has('memory'))) isGuaranteed = false;
    } else {
      isGuaranteed = false;
    }
  } else {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      addPositive(requests, c.resources?.requests);
      const found = addPositive(limits, c.resources?.limits);
      if (!(found.has('cpu') && found.has('memory'))) isGuaranteed = false;
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (lim === undefined || lim !== req) {
        isGuaranteed = false;
        break;
      }
    }
  }
  if (isGuaranteed && requests.size === limits.size) return 'Guaranteed';
  return 'Burstable';
}

/**
 * API defaulting that runs before QoS in a real cluster (core/v1 defaults.go SetDefaults_Pod):
 * a container that sets limits but not requests gets requests := limits for those resources.
 */
export function defaultRequestsFromLimits(spec: PodSpec): PodSpec {
  const fix = <T extends { resources?: { requests?: ResourceList; limits?: ResourceList } }>(c: T): T => {
    const limits = c.resources?.limits;
    if (!limits) return c;
    const requests = { ...(c.resources?.requests ?? {}) };
    for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
    return { ...c, resources: { ...c.resources, requests } };
  };
  return { ...spec, containers: spec.containers?.map(fix), initContainers: spec.initContainers?.map(fix) };
}
