// Conformance family `envvars` (../shared/vectors/README.md "envvars"): FromServices and the
// kubelet's makeEnvironmentVariables service cases, run through engine/env.
import { env } from '../../../engine/index.ts';
import type { KubeObject } from '../../../engine/cluster/objects.ts';
import { asArray, asObject, asString, type Json, type JsonObject } from '../input.ts';

function servicesOf(list: Json[], file: string, where: string): env.ServiceForEnv[] {
  return list.map((s, i) => {
    const o = asObject(s, file, `${where}[${i}]`);
    return env.serviceForEnv({ apiVersion: 'v1', kind: 'Service', metadata: { name: asString(o.name, file, `${where}[${i}].name`), namespace: typeof o.namespace === 'string' ? o.namespace : 'default' }, spec: o });
  });
}

function pairs(vars: readonly env.EnvVar[]): JsonObject[] {
  return vars.map((v) => ({ name: v.name, value: v.value }));
}

export function fill(input: unknown, file: string): unknown {
  const doc = structuredClone(asObject(input, file, 'document'));
  const fs = asObject(doc.fromServices, file, 'fromServices');
  fs.actual = pairs(env.fromServices(servicesOf(asArray(fs.services, file, 'fromServices.services'), file, 'fromServices.services')));

  const mev = asObject(doc.makeEnvironmentVariables, file, 'makeEnvironmentVariables');
  const services = servicesOf(asArray(mev.services, file, 'makeEnvironmentVariables.services'), file, 'makeEnvironmentVariables.services');
  asArray(mev.cases, file, 'makeEnvironmentVariables.cases').forEach((c, i) => {
    const where = `makeEnvironmentVariables.cases[${i}]`;
    const tc = asObject(c, file, where);
    const ns = asString(tc.podNamespace, file, `${where}.podNamespace`);
    // TestMakeEnvironmentVariables builds its Pod like this (name, namespace, one container).
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: typeof tc.podName === 'string' ? tc.podName : 'dapi-test-pod-name', namespace: ns },
      spec: {
        enableServiceLinks: tc.enableServiceLinks !== false,
        containers: [{ name: 'test', env: asArray(tc.containerEnv ?? [], file, `${where}.containerEnv`) }],
      },
    };
    const r = env.makeEnvironmentVariables(pod, 'test', {
      services,
      serviceListerAvailable: tc.serviceListerAvailable !== false,
      configMap: () => undefined,
      secret: () => undefined,
      runtime: { podIPs: [], hostIPs: [] },
    });
    tc.actual = r.ok ? pairs(r.env) : [];
  });
  return doc;
}
