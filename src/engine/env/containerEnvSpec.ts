// A container's env / envFrom read once at the boundary (DESIGN.md habit 5): an unexpected
// shape becomes an EnvResolveError naming the field, never a crash deeper in the kubelet model.
import { EnvResolveError } from './downwardApi.ts';

export interface EnvVarSpec {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly fieldRef?: { readonly fieldPath: string };
    readonly resourceFieldRef?: { readonly resource: string; readonly divisor?: unknown; readonly containerName?: string };
    readonly configMapKeyRef?: KeyRef;
    readonly secretKeyRef?: KeyRef;
  };
}

export interface KeyRef {
  readonly name: string;
  readonly key: string;
  readonly optional?: boolean;
}

export interface EnvFromSpec {
  readonly prefix?: string;
  readonly configMapRef?: { readonly name: string; readonly optional?: boolean };
  readonly secretRef?: { readonly name: string; readonly optional?: boolean };
}

export interface ContainerEnvSpec {
  readonly name: string;
  readonly env: readonly EnvVarSpec[];
  readonly envFrom: readonly EnvFromSpec[];
  readonly resources: { readonly limits?: Record<string, unknown>; readonly requests?: Record<string, unknown> };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function obj(v: unknown, path: string): Obj | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) throw new EnvResolveError(`${path}: expected an object`);
  return v;
}

function list(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new EnvResolveError(`${path}: expected a list`);
  return v;
}

function str(v: unknown, path: string, required: boolean): string | undefined {
  if (v === undefined || v === null) {
    if (required) throw new EnvResolveError(`${path}: Required value`);
    return undefined;
  }
  if (typeof v !== 'string') throw new EnvResolveError(`${path}: expected a string, got ${JSON.stringify(v)}`);
  return v;
}

function keyRef(v: unknown, path: string): KeyRef | undefined {
  const o = obj(v, path);
  if (!o) return undefined;
  return { name: str(o.name, `${path}.name`, true)!, key: str(o.key, `${path}.key`, true)!, optional: o.optional === true };
}

function nameRef(v: unknown, path: string): { name: string; optional?: boolean } | undefined {
  const o = obj(v, path);
  return o ? { name: str(o.name, `${path}.name`, true)!, optional: o.optional === true } : undefined;
}

/** `path` is the container's field path, e.g. `spec.containers[0]`. */
export function readContainerEnvSpec(c: unknown, path: string): ContainerEnvSpec {
  const o = obj(c, path) ?? {};
  const env = list(o.env, `${path}.env`).map((e, i): EnvVarSpec => {
    const p = `${path}.env[${i}]`;
    const eo = obj(e, p) ?? {};
    const vf = obj(eo.valueFrom, `${p}.valueFrom`);
    const fr = vf && obj(vf.fieldRef, `${p}.valueFrom.fieldRef`);
    const rr = vf && obj(vf.resourceFieldRef, `${p}.valueFrom.resourceFieldRef`);
    return {
      name: str(eo.name, `${p}.name`, true)!,
      value: str(eo.value, `${p}.value`, false),
      valueFrom: vf && {
        fieldRef: fr && { fieldPath: str(fr.fieldPath, `${p}.valueFrom.fieldRef.fieldPath`, true)! },
        resourceFieldRef: rr && {
          resource: str(rr.resource, `${p}.valueFrom.resourceFieldRef.resource`, true)!,
          divisor: rr.divisor,
          containerName: str(rr.containerName, `${p}.valueFrom.resourceFieldRef.containerName`, false),
        },
        configMapKeyRef: keyRef(vf.configMapKeyRef, `${p}.valueFrom.configMapKeyRef`),
        secretKeyRef: keyRef(vf.secretKeyRef, `${p}.valueFrom.secretKeyRef`),
      },
    };
  });
  const envFrom = list(o.envFrom, `${path}.envFrom`).map((e, i): EnvFromSpec => {
    const p = `${path}.envFrom[${i}]`;
    const eo = obj(e, p) ?? {};
    return { prefix: str(eo.prefix, `${p}.prefix`, false), configMapRef: nameRef(eo.configMapRef, `${p}.configMapRef`), secretRef: nameRef(eo.secretRef, `${p}.secretRef`) };
  });
  const res = obj(o.resources, `${path}.resources`) ?? {};
  return {
    name: str(o.name, `${path}.name`, false) ?? '',
    env,
    envFrom,
    resources: { limits: obj(res.limits, `${path}.resources.limits`), requests: obj(res.requests, `${path}.resources.requests`) },
  };
}
