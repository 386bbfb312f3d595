// PodSpec validation, the fields the lab reads (pkg/apis/core/validation/validation.go
// ValidatePodSpec, validateContainers, validateContainerPorts, ValidateResourceRequirements,
// validateRestartPolicy, validateDNSPolicy, ValidateTolerations). Used for Pods and for every
// workload's spec.template.spec.
import { childPath } from '../fieldPath.ts';
import { isDNS1123Label, isQualifiedName, isValidPortName, isValidPortNum } from '../names.ts';
import { parseQuantity } from '../quantity.ts';
import type { Reporter } from './reporter.ts';
import { validateLabels } from './validateMeta.ts';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
const TAINT_EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function validateResources(r: Reporter, res: unknown, path: string): void {
  if (res === undefined || res === null) return;
  if (!isObj(res)) return r.invalid(path, res, 'must be an object');
  const limits = isObj(res.limits) ? res.limits : {};
  const requests = isObj(res.requests) ? res.requests : {};
  for (const [which, m] of [['limits', limits], ['requests', requests]] as const) {
    for (const [name, q] of Object.entries(m)) {
      const v = parseQuantity(q);
      const p = childPath(childPath(path, which), name);
      if (v === null) r.invalid(p, q, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
      else if (v < 0) r.invalid(p, q, 'must be greater than or equal to 0');
    }
  }
  // ValidateResourceRequirements: a request may not exceed its limit.
  for (const [name, q] of Object.entries(requests)) {
    const lim = parseQuantity(limits[name]);
    const req = parseQuantity(q);
    if (lim !== null && req !== null && req > lim) {
      r.invalid(childPath(childPath(path, 'requests'), name), q, `must be less than or equal to ${name} limit of ${String(limits[name])}`);
    }
  }
}

function validateContainer(r: Reporter, c: unknown, path: string, names: Set<string>, portNames: Set<string>): void {
  if (!isObj(c)) return r.invalid(path, c, 'must be an object');
  if (typeof c.name !== 'string' || c.name === '') r.required(childPath(path, 'name'));
  else {
    for (const m of isDNS1123Label(c.name)) r.invalid(childPath(path, 'name'), c.name, m);
    if (names.has(c.name)) r.duplicate(childPath(path, 'name'), c.name);
    names.add(c.name);
  }
  if (typeof c.image !== 'string' || c.image.trim() === '') r.required(childPath(path, 'image'));
  if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy as string)) {
    r.notSupported(childPath(path, 'imagePullPolicy'), c.imagePullPolicy, PULL_POLICIES);
  }
  if (c.ports !== undefined) {
    if (!Array.isArray(c.ports)) r.invalid(childPath(path, 'ports'), c.ports, 'must be a list');
    else c.ports.forEach((p: unknown, i: number) => {
      const pp = childPath(childPath(path, 'ports'), i);
      if (!isObj(p)) return r.invalid(pp, p, 'must be an object');
      if (p.containerPort === undefined) r.required(childPath(pp, 'containerPort'));
      else for (const m of isValidPortNum(p.containerPort as number)) r.invalid(childPath(pp, 'containerPort'), p.containerPort, m);
      if (p.hostPort !== undefined && p.hostPort !== 0) for (const m of isValidPortNum(p.hostPort as number)) r.invalid(childPath(pp, 'hostPort'), p.hostPort, m);
      if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol as string)) r.notSupported(childPath(pp, 'protocol'), p.protocol, PROTOCOLS);
      if (p.name !== undefined) {
        if (typeof p.name !== 'string') r.invalid(childPath(pp, 'name'), p.name, 'must be a string');
        else {
          for (const m of isValidPortName(p.name)) r.invalid(childPath(pp, 'name'), p.name, m);
          if (portNames.has(p.name)) r.duplicate(childPath(pp, 'name'), p.name);
          portNames.add(p.name);
        }
      }
    });
  }
  validateResources(r, c.resources, childPath(path, 'resources'));
}

function validateTolerations(r: Reporter, tolerations: unknown, path: string): void {
  if (tolerations === undefined) return;
  if (!Array.isArray(tolerations)) return r.invalid(path, tolerations, 'must be a list');
  tolerations.forEach((t: unknown, i: number) => {
    const tp = childPath(path, i);
    if (!isObj(t)) return r.invalid(tp, t, 'must be an object');
    const op = t.operator ?? 'Equal';
    if (op !== 'Equal' && op !== 'Exists') r.notSupported(childPath(tp, 'operator'), op, ['Equal', 'Exists']);
    if (op === 'Exists' && t.value !== undefined && t.value !== '') r.invalid(childPath(tp, 'operator'), t.value, "value must be empty when `operator` is 'Exists'");
    if ((t.key === undefined || t.key === '') && op !== 'Exists') r.invalid(childPath(tp, 'operator'), op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
    if (t.effect !== undefined && t.effect !== '' && !TAINT_EFFECTS.includes(t.effect as string)) r.notSupported(childPath(tp, 'effect'), t.effect, TAINT_EFFECTS);
  });
}

/** Validates a PodSpec at `path` (`spec` for a Pod, `spec.template.spec` for a workload). */
export function validatePodSpec(r: Reporter, spec: unknown, path: string, opts: { restartPolicies?: readonly string[] } = {}): void {
  if (!isObj(spec)) return r.required(path);
  const names = new Set<string>();
  const portNames = new Set<string>();
  if (spec.initContainers !== undefined) {
    if (!Array.isArray(spec.initContainers)) r.invalid(childPath(path, 'initContainers'), spec.initContainers, 'must be a list');
    else spec.initContainers.forEach((c: unknown, i: number) => validateContainer(r, c, childPath(childPath(path, 'initContainers'), i), names, portNames));
  }
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) r.required(childPath(path, 'containers'));
  else spec.containers.forEach((c: unknown, i: number) => validateContainer(r, c, childPath(childPath(path, 'containers'), i), names, portNames));
  const restartPolicies = opts.restartPolicies ?? RESTART_POLICIES;
  if (spec.restartPolicy !== undefined && !restartPolicies.includes(spec.restartPolicy as string)) {
    r.notSupported(childPath(path, 'restartPolicy'), spec.restartPolicy, restartPolicies);
  }
  if (spec.dnsPolicy !== undefined && !DNS_POLICIES.includes(spec.dnsPolicy as string)) r.notSupported(childPath(path, 'dnsPolicy'), spec.dnsPolicy, DNS_POLICIES);
  for (const f of ['hostname', 'subdomain'] as const) {
    const v = spec[f];
    if (v !== undefined && v !== '') {
      if (typeof v !== 'string') r.invalid(childPath(path, f), v, 'must be a string');
      else for (const m of isDNS1123Label(v)) r.invalid(childPath(path, f), v, m);
    }
  }
  validateLabels(r, spec.nodeSelector, childPath(path, 'nodeSelector'));
  validateTolerations(r, spec.tolerations, childPath(path, 'tolerations'));
  if (spec.terminationGracePeriodSeconds !== undefined && (typeof spec.terminationGracePeriodSeconds !== 'number' || spec.terminationGracePeriodSeconds < 0)) {
    r.invalid(childPath(path, 'terminationGracePeriodSeconds'), spec.terminationGracePeriodSeconds, 'must be greater than or equal to 0');
  }
  if (Array.isArray(spec.readinessGates)) {
    spec.readinessGates.forEach((g: unknown, i: number) => {
      const ct = isObj(g) ? g.conditionType : undefined;
      const gp = childPath(childPath(childPath(path, 'readinessGates'), i), 'conditionType');
      if (typeof ct !== 'string') r.required(gp);
      else for (const m of isQualifiedName(ct)) r.invalid(gp, ct, m);
    });
  }
}
