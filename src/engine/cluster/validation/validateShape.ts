// The structural check decoding into Go types does for free: a field the lab reads must have the
// JSON type of its Go field (object, list, string, number, boolean), or the object is rejected
// before any kind-specific code looks at it ("json: cannot unmarshal number into Go struct field
// ResourceRequirements.spec.containers.resources.requests of type v1.ResourceList").
import type { Reporter } from './reporter.ts';

type Shape = 'object' | 'list' | 'string' | 'number' | 'boolean';

const CONTAINER: Record<string, Shape> = {
  '': 'object', name: 'string', image: 'string', ports: 'list', 'ports[*]': 'object', resources: 'object', 'resources.requests': 'object',
  'resources.limits': 'object', env: 'list', 'env[*]': 'object', command: 'list', args: 'list', livenessProbe: 'object', readinessProbe: 'object',
  startupProbe: 'object', 'readinessProbe.httpGet': 'object', 'livenessProbe.httpGet': 'object', volumeMounts: 'list', restartPolicy: 'string',
};

const POD_SPEC: Record<string, Shape> = {
  '': 'object', containers: 'list', initContainers: 'list', tolerations: 'list', 'tolerations[*]': 'object', nodeSelector: 'object', nodeName: 'string',
  affinity: 'object', 'affinity.nodeAffinity': 'object', 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution': 'object',
  'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms': 'list',
  'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[*]': 'object',
  readinessGates: 'list', 'readinessGates[*]': 'object', volumes: 'list', hostNetwork: 'boolean', hostname: 'string', subdomain: 'string',
  overhead: 'object', securityContext: 'object', dnsConfig: 'object',
  ...Object.fromEntries(Object.entries(CONTAINER).flatMap(([k, v]) => [[k ? `containers[*].${k}` : 'containers[*]', v], [k ? `initContainers[*].${k}` : 'initContainers[*]', v]])),
};

const POD_STATUS: Record<string, Shape> = {
  '': 'object', phase: 'string', conditions: 'list', 'conditions[*]': 'object', podIP: 'string', podIPs: 'list', 'podIPs[*]': 'object',
  containerStatuses: 'list', 'containerStatuses[*]': 'object', initContainerStatuses: 'list', 'initContainerStatuses[*]': 'object',
};

const prefixed = (prefix: string, shapes: Record<string, Shape>) => Object.fromEntries(Object.entries(shapes).map(([k, v]) => [k ? `${prefix}.${k}` : prefix, v]));

const METADATA: Record<string, Shape> = { 'metadata.labels': 'object', 'metadata.annotations': 'object', 'metadata.ownerReferences': 'list', 'metadata.deletionTimestamp': 'string' };

const WORKLOAD: Record<string, Shape> = {
  spec: 'object', 'spec.replicas': 'number', 'spec.selector': 'object', 'spec.selector.matchLabels': 'object', 'spec.selector.matchExpressions': 'list',
  'spec.selector.matchExpressions[*]': 'object', 'spec.template': 'object', 'spec.template.metadata': 'object', 'spec.template.metadata.labels': 'object',
  'spec.template.metadata.annotations': 'object', 'spec.strategy': 'object', 'spec.strategy.rollingUpdate': 'object', 'spec.updateStrategy': 'object',
  'spec.updateStrategy.rollingUpdate': 'object', 'spec.serviceName': 'string', 'spec.ordinals': 'object', 'status': 'object',
  ...prefixed('spec.template.spec', POD_SPEC),
};

export const SHAPES: Record<string, Record<string, Shape>> = {
  Pod: { ...prefixed('spec', POD_SPEC), ...prefixed('status', POD_STATUS) },
  Service: {
    spec: 'object', 'spec.ports': 'list', 'spec.ports[*]': 'object', 'spec.selector': 'object', 'spec.externalIPs': 'list', 'spec.ipFamilies': 'list',
    'spec.clusterIPs': 'list', 'spec.sessionAffinityConfig': 'object', 'spec.sessionAffinityConfig.clientIP': 'object', 'spec.loadBalancerSourceRanges': 'list',
    'spec.publishNotReadyAddresses': 'boolean', 'spec.allocateLoadBalancerNodePorts': 'boolean', status: 'object', 'status.loadBalancer': 'object',
    'status.loadBalancer.ingress': 'list', 'status.loadBalancer.ingress[*]': 'object',
  },
  Deployment: WORKLOAD, ReplicaSet: WORKLOAD, DaemonSet: WORKLOAD, StatefulSet: WORKLOAD,
  Node: {
    spec: 'object', 'spec.taints': 'list', 'spec.taints[*]': 'object', 'spec.podCIDR': 'string', 'spec.podCIDRs': 'list', 'spec.unschedulable': 'boolean',
    status: 'object', 'status.addresses': 'list', 'status.addresses[*]': 'object', 'status.conditions': 'list', 'status.conditions[*]': 'object',
    'status.capacity': 'object', 'status.allocatable': 'object', 'status.nodeInfo': 'object',
  },
  EndpointSlice: {
    endpoints: 'list', 'endpoints[*]': 'object', 'endpoints[*].addresses': 'list', 'endpoints[*].conditions': 'object', 'endpoints[*].targetRef': 'object',
    'endpoints[*].hints': 'object', ports: 'list', 'ports[*]': 'object', addressType: 'string',
  },
  Ingress: {
    spec: 'object', 'spec.rules': 'list', 'spec.rules[*]': 'object', 'spec.rules[*].http': 'object', 'spec.rules[*].http.paths': 'list',
    'spec.rules[*].http.paths[*]': 'object', 'spec.rules[*].http.paths[*].backend': 'object', 'spec.defaultBackend': 'object', 'spec.tls': 'list', 'spec.tls[*]': 'object',
  },
  ServiceCIDR: { spec: 'object', 'spec.cidrs': 'list' },
  ConfigMap: { data: 'object' },
  Secret: { data: 'object', stringData: 'object' },
};

function typeOf(v: unknown): Shape | 'null' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? 'object' : (typeof v as Shape);
}

interface Rule {
  readonly segments: readonly { readonly key: string; readonly star: boolean }[];
  readonly shape: Shape;
}

/** Per kind: the rules, parents first (shorter patterns), so a wrong parent is reported instead of its children. */
const RULES = new Map<string, Rule[]>();
function rulesFor(kind: string): Rule[] {
  let rules = RULES.get(kind);
  if (!rules) {
    rules = Object.entries({ ...METADATA, ...(SHAPES[kind] ?? {}) })
      .sort((a, b) => a[0].length - b[0].length)
      .map(([pattern, shape]) => ({ shape, segments: pattern.split('.').map((seg) => (seg.endsWith('[*]') ? { key: seg.slice(0, -3), star: true } : { key: seg, star: false })) }));
    RULES.set(kind, rules);
  }
  return rules;
}

/** Every concrete path matching a pattern (`[*]` = each list item). */
function resolve(root: unknown, segments: Rule['segments']): { path: string; value: unknown }[] {
  let current: { path: string; value: unknown }[] = [{ path: '', value: root }];
  for (const { key, star } of segments) {
    const next: { path: string; value: unknown }[] = [];
    for (const c of current) {
      if (typeOf(c.value) !== 'object') continue;
      const v = (c.value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      const path = c.path ? `${c.path}.${key}` : key;
      if (!star) next.push({ path, value: v });
      else if (Array.isArray(v)) v.forEach((item, i) => next.push({ path: `${path}[${i}]`, value: item }));
    }
    current = next;
  }
  return current;
}

/** Reports every wrong-typed field; returns false when the object cannot be decoded. */
export function validateShape(r: Reporter): boolean {
  let ok = true;
  for (const { segments, shape } of rulesFor(r.object.kind)) {
    for (const { path, value } of resolve(r.object, segments)) {
      const t = typeOf(value);
      if (t === shape || t === 'null') continue;
      r.invalid(path, value, `must be ${shape === 'object' ? 'an object' : shape === 'list' ? 'a list' : `a ${shape}`}`);
      ok = false;
    }
  }
  return ok;
}
