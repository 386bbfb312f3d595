// The environment a container starts with, as the kubelet builds it.
// kubelet: pkg/kubelet/kubelet_pods.go makeEnvironmentVariables (v1.33–v1.35).
import type { KubeObject } from '../cluster/objects.ts';
import { containerResourceRuntimeValue, EnvResolveError, podFieldSelectorRuntimeValue, type PodRuntimeInfo } from './downwardApi.ts';
import { readContainerEnvSpec, type ContainerEnvSpec } from './containerEnvSpec.ts';
import { expand, mappingFuncFor } from './expand.ts';
import { getServiceEnvVars, type EnvVar, type ServiceForEnv } from './serviceEnvVars.ts';

/** Where a variable's value came from, for the UI and `podlab env`. */
export type EnvSource =
  | { readonly kind: 'env' }
  | { readonly kind: 'envFrom'; readonly from: 'ConfigMap' | 'Secret'; readonly name: string; readonly key: string }
  | { readonly kind: 'configMapKeyRef' | 'secretKeyRef'; readonly name: string; readonly key: string }
  | { readonly kind: 'fieldRef'; readonly fieldPath: string }
  | { readonly kind: 'resourceFieldRef'; readonly resource: string }
  | { readonly kind: 'serviceLink'; readonly service: string };

export interface ResolvedEnvVar extends EnvVar {
  readonly source: EnvSource;
}

export interface KubeletEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
}

export type EnvResult =
  | { readonly ok: true; readonly env: readonly ResolvedEnvVar[]; readonly events: readonly KubeletEvent[] }
  | { readonly ok: false; readonly reason: 'CreateContainerConfigError'; readonly message: string; readonly events: readonly KubeletEvent[] };

/** What the kubelet reads besides the Pod: its informers and the node. */
export interface EnvContext {
  /** Every Service the kubelet's informer has (all namespaces; selection happens here). */
  readonly services: readonly ServiceForEnv[];
  /** False models a kubelet without an API server (nil service lister): no service variables at all. */
  readonly serviceListerAvailable?: boolean;
  readonly configMap: (namespace: string, name: string) => KubeObject | undefined;
  readonly secret: (namespace: string, name: string) => KubeObject | undefined;
  readonly runtime: PodRuntimeInfo;
  /** Node allocatable, the default for unset limits in resourceFieldRef (defaultPodLimitsForDownwardAPI). */
  readonly nodeAllocatable?: Record<string, unknown>;
  /**
   * RelaxedEnvironmentVariableValidation (GA and locked on in v1.34). On, every envFrom key is
   * used (ConfigMap/Secret keys are always valid relaxed names). Off, the pre-1.32 kubelet skips
   * keys that fail IsEnvVarName and records InvalidEnvironmentVariableNames.
   */
  readonly relaxedEnvironmentVariableValidation?: boolean;
}

// validation.go IsEnvVarName (strict, before KEP-4369): [-._a-zA-Z][-._a-zA-Z0-9]*
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** ConfigMap data as strings; Secret data is base64 (stringData is merged by the API server). */
function dataOf(o: KubeObject, kind: 'ConfigMap' | 'Secret'): Map<string, string> {
  const out = new Map<string, string>();
  const data = (o as { data?: Record<string, unknown> }).data ?? {};
  for (const [k, v] of Object.entries(data)) out.set(k, kind === 'Secret' ? decodeBase64(String(v)) : String(v ?? ''));
  if (kind === 'ConfigMap') return out;
  const stringData = (o as { stringData?: Record<string, unknown> }).stringData ?? {};
  for (const [k, v] of Object.entries(stringData)) out.set(k, String(v ?? ''));
  return out;
}

function decodeBase64(s: string): string {
  try {
    const bin = atob(s.replace(/\s+/g, ''));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return s; // not base64: the API server would have rejected it; show it as written
  }
}

/** core/v1 defaults: a request left unset takes the limit; the kubelet then fills unset limits from allocatable. */
function defaultedResources(container: Pick<ContainerEnvSpec, 'resources'>, allocatable: Record<string, unknown>) {
  const limits = { ...(container.resources.limits ?? {}) };
  const requests = { ...limits, ...(container.resources.requests ?? {}) };
  // kubelet_resources.go defaultPodLimitsForDownwardAPI → MergeContainerResourceLimits (cpu, memory, ephemeral-storage)
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    if (limits[r] === undefined && allocatable[r] !== undefined) limits[r] = allocatable[r];
  }
  return { limits, requests };
}

/**
 * kubelet_pods.go makeEnvironmentVariables. envFrom first (later sources overwrite earlier keys),
 * then env in order (each value expanded against the variables so far and the service
 * variables; valueFrom resolved), then every service variable not already set.
 * The kubelet hands the runtime a list built from Go maps, so its order is undefined; this keeps
 * first-definition order, then service variables in FromServices order.
 */
export function makeEnvironmentVariables(pod: KubeObject, containerName: string, ctx: EnvContext): EnvResult {
  const events: KubeletEvent[] = [];
  const ns = pod.metadata.namespace ?? 'default';
  const spec = (pod.spec && typeof pod.spec === 'object' ? pod.spec : {}) as Record<string, unknown>;
  let containers: ContainerEnvSpec[];
  try {
    containers = (['initContainers', 'containers', 'ephemeralContainers'] as const).flatMap((k) =>
      (Array.isArray(spec[k]) ? (spec[k] as unknown[]) : []).map((c, i) => readContainerEnvSpec(c, `spec.${k}[${i}]`)),
    );
  } catch (e) {
    if (e instanceof EnvResolveError) return { ok: false, reason: 'CreateContainerConfigError', message: e.message, events };
    throw e;
  }
  const container = containers.find((c) => c.name === containerName);
  if (!container) return { ok: false, reason: 'CreateContainerConfigError', message: `container ${JSON.stringify(containerName)} not found in pod ${ns}/${pod.metadata.name}`, events };

  // enableServiceLinks defaults to true (API defaulting, SetDefaults_PodSpec).
  const enableServiceLinks = spec.enableServiceLinks !== false;
  const serviceVars = ctx.serviceListerAvailable === false ? [] : getServiceEnvVars(ctx.services, ns, enableServiceLinks);
  const serviceEnv = new Map(serviceVars.map((v) => [v.name, v.value]));

  const tmpEnv = new Map<string, string>();
  const sources = new Map<string, EnvSource>();
  const cache = new Map<string, Map<string, string> | null>();
  const lookup = (kind: 'ConfigMap' | 'Secret', name: string): Map<string, string> | null => {
    const k = `${kind}/${name}`;
    if (!cache.has(k)) {
      const o = kind === 'ConfigMap' ? ctx.configMap(ns, name) : ctx.secret(ns, name);
      cache.set(k, o ? dataOf(o, kind) : null);
    }
    return cache.get(k) ?? null;
  };
  const notFound = (kind: 'ConfigMap' | 'Secret', name: string) => `${kind === 'ConfigMap' ? 'configmap' : 'secret'} "${name}" not found`;

  try {
    for (const ef of container.envFrom) {
      const ref = ef.configMapRef ?? ef.secretRef;
      if (!ref) continue;
      const kind = ef.configMapRef ? 'ConfigMap' : 'Secret';
      const data = lookup(kind, ref.name);
      if (!data) {
        if (ref.optional) continue; // "ignore error when marked optional"
        throw new EnvResolveError(notFound(kind, ref.name));
      }
      const invalidKeys: string[] = [];
      for (const [key, v] of data) {
        const k = ef.prefix ? ef.prefix + key : key;
        if (ctx.relaxedEnvironmentVariableValidation === false && !ENV_VAR_NAME.test(k)) {
          invalidKeys.push(k);
          continue;
        }
        tmpEnv.set(k, v);
        sources.set(k, { kind: 'envFrom', from: kind, name: ref.name, key });
      }
      if (invalidKeys.length > 0) {
        invalidKeys.sort();
        events.push({
          type: 'Warning',
          reason: 'InvalidEnvironmentVariableNames',
          message: `Keys [${invalidKeys.join(', ')}] from the EnvFrom ${kind === 'ConfigMap' ? 'configMap' : 'secret'} ${ns}/${ref.name} were skipped since they are considered invalid environment variable names.`,
        });
      }
    }

    const mapping = mappingFuncFor(tmpEnv, serviceEnv);
    for (const ev of container.env) {
      let runtimeVal = ev.value ?? '';
      let source: EnvSource = { kind: 'env' };
      if (runtimeVal !== '') {
        runtimeVal = expand(runtimeVal, mapping);
      } else if (ev.valueFrom) {
        const vf = ev.valueFrom;
        if (vf.fieldRef) {
          runtimeVal = podFieldSelectorRuntimeValue(vf.fieldRef.fieldPath, pod, ctx.runtime);
          source = { kind: 'fieldRef', fieldPath: vf.fieldRef.fieldPath };
        } else if (vf.resourceFieldRef) {
          const target = vf.resourceFieldRef.containerName ? containers.find((c) => c.name === vf.resourceFieldRef?.containerName) : container;
          if (!target) throw new EnvResolveError(`container ${JSON.stringify(vf.resourceFieldRef.containerName)} not found`);
          runtimeVal = containerResourceRuntimeValue(vf.resourceFieldRef, defaultedResources(target, ctx.nodeAllocatable ?? {}));
          source = { kind: 'resourceFieldRef', resource: vf.resourceFieldRef.resource };
        } else if (vf.configMapKeyRef || vf.secretKeyRef) {
          const ref = (vf.configMapKeyRef ?? vf.secretKeyRef)!;
          const kind = vf.configMapKeyRef ? 'ConfigMap' : 'Secret';
          const data = lookup(kind, ref.name);
          if (!data) {
            if (ref.optional) continue;
            throw new EnvResolveError(notFound(kind, ref.name));
          }
          const v = data.get(ref.key);
          if (v === undefined) {
            if (ref.optional) continue; // an optional missing key leaves the variable unset
            throw new EnvResolveError(`couldn't find key ${ref.key} in ${kind} ${ns}/${ref.name}`);
          }
          runtimeVal = v;
          source = { kind: kind === 'ConfigMap' ? 'configMapKeyRef' : 'secretKeyRef', name: ref.name, key: ref.key };
        }
      }
      tmpEnv.set(ev.name, runtimeVal);
      sources.set(ev.name, source);
    }
  } catch (e) {
    if (e instanceof EnvResolveError) return { ok: false, reason: 'CreateContainerConfigError', message: e.message, events };
    throw e;
  }

  const env: ResolvedEnvVar[] = [...tmpEnv].map(([name, value]) => ({ name, value, source: sources.get(name) ?? { kind: 'env' } }));
  // "we skip the key from the kubelet-generated ones so we don't have duplicate env vars"
  for (const v of serviceVars) {
    if (!tmpEnv.has(v.name)) env.push({ name: v.name, value: v.value, source: { kind: 'serviceLink', service: v.service } });
  }
  return { ok: true, env, events };
}
