// Pipeline step 3a: Pod defaulting as the apiserver does it on create
// (pkg/apis/core/v1/defaults.go SetDefaults_Pod, SetDefaults_PodSpec, SetDefaults_Container,
// SetDefaults_Probe, SetDefaults_ContainerPort) plus the admission plugins every cluster runs
// (DefaultTolerationSeconds, Priority, ServiceAccount). Mutates the given spec in place.

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are untyped JSON here
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * SetDefaults_Container: `Always` when the image has no tag or the tag is `latest`, else
 * `IfNotPresent`; a digest (`@sha256:…`) counts as pinned.
 */
export function defaultImagePullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastPart.lastIndexOf(':');
  if (colon < 0) return 'Always';
  return lastPart.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (isObj(p.httpGet)) {
    p.httpGet.path ??= '/';
    p.httpGet.scheme ??= 'HTTP';
  }
}

function defaultContainer(c: Obj): void {
  if (typeof c.image === 'string') c.imagePullPolicy ??= defaultImagePullPolicy(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  // SetDefaults_Pod: a resource with a limit and no request gets request = limit.
  if (isObj(c.resources.limits)) {
    c.resources.requests ??= {};
    for (const [k, v] of Object.entries(c.resources.limits)) c.resources.requests[k] ??= v;
  }
  for (const port of Array.isArray(c.ports) ? c.ports : []) if (isObj(port)) port.protocol ??= 'TCP';
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

/** scheduling.k8s.io built-ins (pkg/apis/scheduling/types.go SystemCriticalPriority = 2e9). */
const SYSTEM_PRIORITIES: Record<string, number> = { 'system-cluster-critical': 2000000000, 'system-node-critical': 2000001000 };

/** DefaultTolerationSeconds admission: 300 s for not-ready and unreachable, unless already tolerated. */
function addDefaultTolerations(spec: Obj): void {
  const tolerations: Obj[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const tolerated = tolerations.some((t) => isObj(t) && (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
    if (!tolerated) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tolerations;
}

/** SetDefaults_PodSpec (+ container defaults). `forTemplate` skips admission-only fields. */
export function defaultPodSpec(spec: Obj, forTemplate = false): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  for (const c of Array.isArray(spec.initContainers) ? spec.initContainers : []) if (isObj(c)) defaultContainer(c);
  for (const c of Array.isArray(spec.containers) ? spec.containers : []) if (isObj(c)) defaultContainer(c);
  if (forTemplate) return;
  // Admission (ServiceAccount, Priority, DefaultTolerationSeconds) runs on Pods, not on templates.
  spec.serviceAccountName ??= 'default';
  spec.serviceAccount ??= spec.serviceAccountName;
  // Priority admission: the two built-in PriorityClasses, else the default 0.
  spec.priority ??= SYSTEM_PRIORITIES[spec.priorityClassName] ?? 0;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  addDefaultTolerations(spec);
}
