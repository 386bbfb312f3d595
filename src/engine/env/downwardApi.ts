// Downward API values for env vars: fieldRef and resourceFieldRef.
// kubelet: pkg/kubelet/kubelet_pods.go podFieldSelectorRuntimeValue, containerResourceRuntimeValue;
// pkg/fieldpath/fieldpath.go ExtractFieldPathAsString, FormatMap;
// pkg/api/v1/resource/helpers.go ExtractContainerResourceValue, convertResourceCPUToString …
import type { KubeObject } from '../cluster/objects.ts';
import { parseQuantityMilli } from '../pods/quantity.ts';

export interface PodRuntimeInfo {
  /** status.podIPs in the node's family preference order (kubelet sortPodIPs). */
  readonly podIPs: readonly string[];
  /** The node's IPs (kubelet getHostIPsAnyWay). */
  readonly hostIPs: readonly string[];
}

/** The error the kubelet returns; the container then fails with CreateContainerConfigError. */
export class EnvResolveError extends Error {}

// fieldpath.go FormatMap: sorted `key="value"` lines (%q quoting; JSON quoting agrees for ASCII).
function formatMap(m: Record<string, string> | undefined): string {
  if (!m) return '';
  return Object.keys(m)
    .sort()
    .map((k) => `${k}=${JSON.stringify(m[k])}`)
    .join('\n');
}

// fieldpath.go SplitMaybeSubscriptedPath: `metadata.labels['x']` → ['metadata.labels', 'x'].
function splitSubscript(path: string): [string, string | undefined] {
  const m = /^(.*)\['(.*)'\]$/.exec(path);
  return m ? [m[1] ?? '', m[2]] : [path, undefined];
}

/** kubelet_pods.go podFieldSelectorRuntimeValue (apiVersion v1 field labels). */
export function podFieldSelectorRuntimeValue(fieldPath: string, pod: KubeObject, rt: PodRuntimeInfo): string {
  switch (fieldPath) {
    case 'spec.nodeName':
      return str(pod.spec?.nodeName);
    case 'spec.serviceAccountName':
      return str(pod.spec?.serviceAccountName);
    case 'status.hostIP':
      if (rt.hostIPs.length === 0) throw new EnvResolveError('no host IP known for the node');
      return rt.hostIPs[0] ?? '';
    case 'status.hostIPs':
      if (rt.hostIPs.length === 0) throw new EnvResolveError('no host IP known for the node');
      return rt.hostIPs.join(',');
    case 'status.podIP':
      return rt.podIPs[0] ?? '';
    case 'status.podIPs':
      return rt.podIPs.join(',');
  }
  // fieldpath.go ExtractFieldPathAsString
  const [base, key] = splitSubscript(fieldPath);
  const md = pod.metadata;
  if (key !== undefined) {
    if (base === 'metadata.annotations') return md.annotations?.[key] ?? '';
    if (base === 'metadata.labels') return md.labels?.[key] ?? '';
    throw new EnvResolveError(`fieldPath ${JSON.stringify(fieldPath)} does not support subscript`);
  }
  switch (fieldPath) {
    case 'metadata.annotations':
      return formatMap(md.annotations);
    case 'metadata.labels':
      return formatMap(md.labels);
    case 'metadata.name':
      return md.name;
    case 'metadata.namespace':
      return md.namespace ?? 'default';
    case 'metadata.uid':
      return str(md.uid);
  }
  throw new EnvResolveError(`unsupported fieldPath: ${fieldPath}`);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function ceilDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new EnvResolveError('divisor is zero');
  const q = a / b;
  return q * b === a || (a < 0n) !== (b < 0n) ? q : q + 1n;
}

function quantity(v: unknown, what: string): bigint {
  if (v === undefined || v === null) return 0n;
  const m = parseQuantityMilli(typeof v === 'number' ? v : String(v));
  if (m === null) throw new EnvResolveError(`${what}: not a quantity: ${JSON.stringify(v)}`);
  return m;
}

type ResourceList = Record<string, unknown>;

/**
 * resource/helpers.go ExtractContainerResourceValue on the container whose unset limits the
 * kubelet has already filled from node allocatable (defaultPodLimitsForDownwardAPI).
 * CPU: ceil(milliValue / divisor.milliValue); everything else: ceil(value / divisor.value).
 * A zero divisor means 1 ("if divisor.Cmp(fs.Divisor) == 0 { divisor = 1 }").
 */
export function containerResourceRuntimeValue(
  ref: { resource: string; divisor?: unknown },
  resources: { limits?: ResourceList; requests?: ResourceList },
): string {
  const dot = ref.resource.indexOf('.');
  const kind = ref.resource.slice(0, dot);
  const name = ref.resource.slice(dot + 1);
  const supported =
    (kind === 'limits' || kind === 'requests') &&
    (name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-'));
  if (!supported) throw new EnvResolveError(`unsupported container resource : ${ref.resource}`);
  let divisor = quantity(ref.divisor, 'divisor');
  if (divisor === 0n) divisor = 1000n; // "1"
  const list = (kind === 'limits' ? resources.limits : resources.requests) ?? {};
  const value = quantity(list[name], ref.resource);
  if (name === 'cpu') return String(ceilDiv(value, divisor));
  // Value() rounds up to whole units; both are milli here, and ceil(ceil(a)/ceil(b)) on whole units
  // is what the kubelet computes with Value().
  return String(ceilDiv(ceilDiv(value, 1000n), ceilDiv(divisor, 1000n)));
}
