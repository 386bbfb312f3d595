// What the apiserver adds to a Pod on create, as `kubectl get pod -o yaml` shows it:
// core/v1 defaults.go (SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Probe) and the
// DefaultTolerationSeconds admission plugin. Idempotent: defaults never overwrite what is set.
import { defaultPullPolicy } from './createRuntime.ts';
import { probeSettings } from './probes.ts';
import { withDefaultTolerations } from './tolerations.ts';
import type { Container, PodSpec, Probe } from './types.ts';

function defaultProbe(p: Probe | undefined): Probe | undefined {
  if (!p) return p;
  const s = probeSettings(p);
  return {
    ...p,
    initialDelaySeconds: p.initialDelaySeconds ?? 0,
    periodSeconds: p.periodSeconds ?? s.periodMs / 1000,
    timeoutSeconds: p.timeoutSeconds ?? s.timeoutMs / 1000,
    successThreshold: p.successThreshold ?? 1,
    failureThreshold: p.failureThreshold ?? 3,
    ...(p.httpGet ? { httpGet: { path: '/', scheme: 'HTTP', ...p.httpGet } } : {}),
  };
}

function defaultContainer(c: Container): Container {
  const out: Container = {
    ...c,
    imagePullPolicy: defaultPullPolicy(c),
    terminationMessagePath: c['terminationMessagePath'] ?? '/dev/termination-log',
    terminationMessagePolicy: c['terminationMessagePolicy'] ?? 'File',
    resources: c.resources ?? {},
  };
  // Requests default to limits where only limits are set (SetDefaults_Pod).
  if (c.resources?.limits) out.resources = { ...c.resources, requests: { ...c.resources.limits, ...(c.resources.requests ?? {}) } };
  for (const k of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const p = defaultProbe(c[k]);
    if (p) out[k] = p;
  }
  return out;
}

export function defaultPodSpec(spec: PodSpec): PodSpec {
  return {
    ...spec,
    containers: (spec.containers ?? []).map(defaultContainer),
    ...(spec.initContainers ? { initContainers: spec.initContainers.map(defaultContainer) } : {}),
    restartPolicy: spec.restartPolicy ?? 'Always',
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
    dnsPolicy: spec['dnsPolicy'] ?? 'ClusterFirst',
    schedulerName: spec['schedulerName'] ?? 'default-scheduler',
    securityContext: spec['securityContext'] ?? {},
    enableServiceLinks: spec['enableServiceLinks'] ?? true,
    preemptionPolicy: spec['preemptionPolicy'] ?? 'PreemptLowerPriority',
    priority: spec.priority ?? 0,
    serviceAccountName: spec['serviceAccountName'] ?? 'default',
    tolerations: withDefaultTolerations(spec.tolerations),
  };
}
