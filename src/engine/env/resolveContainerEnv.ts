// The resolved environment of one container of a Pod in a cluster snapshot: what
// `kubectl exec POD -c C -- env` would show (minus what the image and runtime add).
import { objectsOfKind, type ClusterSnapshot, type KubeObject } from '../cluster/objects.ts';
import { makeEnvironmentVariables, type EnvContext, type EnvResult } from './makeEnvironmentVariables.ts';
import { expand, mappingFuncFor } from './expand.ts';
import { serviceForEnv } from './serviceEnvVars.ts';

export interface ResolveEnvOptions {
  /** Defaults to the Pod's first container. */
  readonly container?: string;
  readonly relaxedEnvironmentVariableValidation?: boolean;
}

export type ResolveEnvResult = EnvResult & {
  readonly pod: string;
  readonly container: string;
  /** command and args after `$(VAR)` expansion against the final environment (when it resolved). */
  readonly command?: readonly string[];
  readonly args?: readonly string[];
};

/**
 * kubelet pkg/kubelet/container/helpers.go ExpandContainerCommandAndArgs: `$(VAR)` in command
 * and args expands against the container's final environment.
 */
export function expandCommandAndArgs(
  container: { command?: unknown; args?: unknown },
  envVars: readonly { name: string; value: string }[],
): { command?: string[]; args?: string[] } {
  const mapping = mappingFuncFor(new Map(envVars.map((v) => [v.name, v.value])));
  const list = (v: unknown) => (Array.isArray(v) && v.length > 0 ? v.map((x) => expand(String(x), mapping)) : undefined);
  return { command: list(container.command), args: list(container.args) };
}

function ipsOf(status: { podIP?: unknown; podIPs?: unknown } | undefined, listKey: 'podIPs' | 'hostIPs', oneKey: 'podIP' | 'hostIP'): string[] {
  const s = (status ?? {}) as Record<string, unknown>;
  const list = Array.isArray(s[listKey]) ? (s[listKey] as { ip?: unknown }[]).map((x) => x?.ip).filter((x): x is string => typeof x === 'string') : [];
  if (list.length > 0) return list;
  return typeof s[oneKey] === 'string' && s[oneKey] !== '' ? [s[oneKey] as string] : [];
}

/** The node's addresses in the kubelet's order: InternalIP first (nodeutil.GetNodeHostIPs). */
function nodeIPs(node: KubeObject | undefined): string[] {
  const addrs = (node?.status?.addresses ?? []) as { type?: string; address?: string }[];
  const internal = addrs.filter((a) => a.type === 'InternalIP').map((a) => a.address ?? '');
  const external = addrs.filter((a) => a.type === 'ExternalIP').map((a) => a.address ?? '');
  const all = internal.length > 0 ? internal : external;
  // GetNodeHostIPs keeps at most one IP per family, the first of each.
  const seen = new Set<string>();
  return all.filter((ip) => {
    const fam = ip.includes(':') ? '6' : '4';
    if (seen.has(fam) || ip === '') return false;
    seen.add(fam);
    return true;
  });
}

export function findPod(s: ClusterSnapshot, namespace: string, name: string): KubeObject | undefined {
  return objectsOfKind(s, 'Pod').find((o) => o.object.metadata.name === name && (o.object.metadata.namespace ?? 'default') === namespace)?.object;
}

/** Builds the kubelet's view (informers, node) from the snapshot and runs makeEnvironmentVariables. */
export function resolveContainerEnv(s: ClusterSnapshot, pod: KubeObject, opts: ResolveEnvOptions = {}): ResolveEnvResult {
  const ns = pod.metadata.namespace ?? 'default';
  const podKey = `${ns}/${pod.metadata.name}`;
  const container = opts.container ?? (pod.spec?.containers?.[0]?.name as string | undefined) ?? '';
  const byName = (kind: string) => (namespace: string, name: string) =>
    objectsOfKind(s, kind).find((o) => o.object.metadata.name === name && (o.object.metadata.namespace ?? 'default') === namespace)?.object;
  const node = pod.spec?.nodeName ? objectsOfKind(s, 'Node').find((o) => o.object.metadata.name === pod.spec.nodeName)?.object : undefined;
  const hostIPs = ipsOf(pod.status, 'hostIPs', 'hostIP');
  const ctx: EnvContext = {
    services: objectsOfKind(s, 'Service').map((o) => serviceForEnv(o.object)),
    configMap: byName('ConfigMap'),
    secret: byName('Secret'),
    runtime: { podIPs: ipsOf(pod.status, 'podIPs', 'podIP'), hostIPs: hostIPs.length > 0 ? hostIPs : nodeIPs(node) },
    nodeAllocatable: (node?.status?.allocatable ?? node?.status?.capacity) as Record<string, unknown> | undefined,
    relaxedEnvironmentVariableValidation: opts.relaxedEnvironmentVariableValidation,
  };
  const r = makeEnvironmentVariables(pod, container, ctx);
  if (!r.ok) return { ...r, pod: podKey, container };
  const spec = ['initContainers', 'containers', 'ephemeralContainers']
    .flatMap((k) => (Array.isArray(pod.spec?.[k]) ? (pod.spec[k] as { name?: unknown; command?: unknown; args?: unknown }[]) : []))
    .find((c) => c?.name === container);
  return { ...r, pod: podKey, container, ...(spec ? expandCommandAndArgs(spec, r.env) : {}) };
}

/** Every container of the Pod (init containers first, as the kubelet starts them). */
export function resolvePodEnv(s: ClusterSnapshot, pod: KubeObject, opts: Omit<ResolveEnvOptions, 'container'> = {}): ResolveEnvResult[] {
  const names = (['initContainers', 'containers'] as const).flatMap((k) =>
    (Array.isArray(pod.spec?.[k]) ? (pod.spec[k] as { name?: unknown }[]) : []).map((c) => c?.name).filter((n): n is string => typeof n === 'string'),
  );
  return names.map((container) => resolveContainerEnv(s, pod, { ...opts, container }));
}
