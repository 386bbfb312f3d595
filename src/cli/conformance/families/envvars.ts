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
    // TestMakeEnvironmentVariables builds its Pod like this: name dapi-test-pod-name, service
    // account "special", node "node-name", one container; the kubelet's host IPs are
    // testKubeletHostIP / testKubeletHostIPv6. Optional case fields (envFrom, a ConfigMap or
    // Secret, pod IPs) are read when a vector carries them.
    const strings = (v: Json | undefined, f: string) => asArray(v ?? [], file, `${where}.${f}`).map((x, k) => asString(x, file, `${where}.${f}[${k}]`));
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: typeof tc.podName === 'string' ? tc.podName : 'dapi-test-pod-name', namespace: ns },
      spec: {
        serviceAccountName: 'special',
        nodeName: 'node-name',
        enableServiceLinks: tc.enableServiceLinks !== false,
        containers: [{ name: 'test', env: asArray(tc.containerEnv ?? [], file, `${where}.containerEnv`), envFrom: asArray(tc.containerEnvFrom ?? [], file, `${where}.containerEnvFrom`) }],
      },
    };
    const holder = (key: 'configMap' | 'secret', kind: 'ConfigMap' | 'Secret') => {
      const o = tc[key] === undefined || tc[key] === null ? undefined : asObject(tc[key], file, `${where}.${key}`);
      return (namespace: string, name: string): KubeObject | undefined =>
        o && (o.name === name || asObject(o.metadata ?? {}, file, `${where}.${key}.metadata`).name === name) && namespace === ns ? ({ apiVersion: 'v1', kind, metadata: { name, namespace }, data: o.data } as KubeObject) : undefined;
    };
    const r = env.makeEnvironmentVariables(pod, 'test', {
      services,
      serviceListerAvailable: tc.serviceListerAvailable !== false,
      configMap: holder('configMap', 'ConfigMap'),
      secret: holder('secret', 'Secret'),
      runtime: { podIPs: strings(tc.podIPs, 'podIPs'), hostIPs: tc.hostIPs === undefined ? ['127.0.0.1', '::1'] : strings(tc.hostIPs, 'hostIPs') },
    });
    tc.actual = r.ok ? pairs(r.env) : [];
  });
  return doc;
}
