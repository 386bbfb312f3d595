// kubelet makeEnvironmentVariables beyond the service vectors: envFrom, valueFrom, downward API,
// resource fields, optional refs and the errors that become CreateContainerConfigError.
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../cluster/buildCluster.ts';
import type { KubeObject } from '../cluster/objects.ts';
import { makeEnvironmentVariables, type EnvContext } from './makeEnvironmentVariables.ts';
import { resolveContainerEnv, resolvePodEnv, findPod } from './resolveContainerEnv.ts';

const cm = (name: string, data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns' }, data } as KubeObject);
const secret = (name: string, data: Record<string, string>): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'ns' }, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, btoa(v)])) }) as KubeObject;

const objects = [cm('cfg', { a: 'from-cm', 'b.key': 'dotted', '1num': 'one', SHARED: 'cm' }), secret('sec', { password: 'hunter2', SHARED: 'secret' })];
const ctx: EnvContext = {
  services: [
    { name: 'kubernetes', namespace: 'default', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] },
    { name: 'web', namespace: 'ns', clusterIP: '10.96.0.20', ports: [{ port: 80 }] },
  ],
  configMap: (ns, n) => objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === n && ns === 'ns'),
  secret: (ns, n) => objects.find((o) => o.kind === 'Secret' && o.metadata.name === n && ns === 'ns'),
  runtime: { podIPs: ['10.244.1.5', 'fd00::5'], hostIPs: ['192.168.0.10', 'fd00::10'] },
  nodeAllocatable: { cpu: '4', memory: '8Gi' },
};

function pod(container: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns', uid: 'uid-1', labels: { app: 'web', tier: 'fe' }, annotations: { note: 'say "hi"' } },
    spec: { nodeName: 'node-a', serviceAccountName: 'sa', containers: [{ name: 'c', ...container }], ...extra },
  };
}

function envOf(p: KubeObject, c = ctx): Record<string, string> {
  const r = makeEnvironmentVariables(p, 'c', c);
  if (!r.ok) throw new Error(`unexpected error: ${r.message}`);
  return Object.fromEntries(r.env.map((v) => [v.name, v.value]));
}

describe('makeEnvironmentVariables', () => {
  const fieldCases: [string, string][] = [
    ['metadata.name', 'p'],
    ['metadata.namespace', 'ns'],
    ['metadata.uid', 'uid-1'],
    ["metadata.labels['app']", 'web'],
    ["metadata.labels['missing']", ''],
    ["metadata.annotations['note']", 'say "hi"'],
    ['metadata.labels', 'app="web"\ntier="fe"'],
    ['spec.nodeName', 'node-a'],
    ['spec.serviceAccountName', 'sa'],
    ['status.podIP', '10.244.1.5'],
    ['status.podIPs', '10.244.1.5,fd00::5'],
    ['status.hostIP', '192.168.0.10'],
    ['status.hostIPs', '192.168.0.10,fd00::10'],
  ];
  it.each(fieldCases)('fieldRef %s → %j', (fieldPath, want) => {
    expect(envOf(pod({ env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath } } }] })).X).toBe(want);
  });

  const resourceCases: [Record<string, unknown>, Record<string, unknown>, string][] = [
    [{ limits: { cpu: '500m' } }, { resource: 'limits.cpu' }, '1'], // ceil(500/1000)
    [{ limits: { cpu: '1250m' } }, { resource: 'limits.cpu', divisor: '1m' }, '1250'],
    [{ limits: { cpu: '1250m' } }, { resource: 'limits.cpu', divisor: '100m' }, '13'],
    [{}, { resource: 'limits.cpu' }, '4'], // unset limit → node allocatable
    [{ limits: { memory: '64Mi' } }, { resource: 'limits.memory', divisor: '1Mi' }, '64'],
    [{ limits: { memory: '1Gi' } }, { resource: 'limits.memory' }, '1073741824'],
    [{}, { resource: 'limits.memory', divisor: '1Gi' }, '8'],
    [{ requests: { cpu: '250m' } }, { resource: 'requests.cpu', divisor: '1m' }, '250'],
    [{ limits: { cpu: '2' } }, { resource: 'requests.cpu' }, '2'], // request defaults to the limit
    [{}, { resource: 'requests.memory' }, '0'],
  ];
  it.each(resourceCases)('resourceFieldRef %j %j → %s', (resources, ref, want) => {
    expect(envOf(pod({ resources, env: [{ name: 'R', valueFrom: { resourceFieldRef: ref } }] })).R).toBe(want);
  });

  it('envFrom with prefix, then env overrides; later envFrom sources overwrite earlier keys', () => {
    const e = envOf(
      pod({
        envFrom: [{ configMapRef: { name: 'cfg' } }, { prefix: 'S_', secretRef: { name: 'sec' } }, { secretRef: { name: 'sec' } }],
        env: [{ name: 'a', value: 'env-wins' }, { name: 'REF', value: '$(S_password)/$(b.key)' }],
      }),
    );
    expect(e).toMatchObject({ a: 'env-wins', 'b.key': 'dotted', '1num': 'one', S_password: 'hunter2', SHARED: 'secret', REF: 'hunter2/dotted' });
  });

  it('valueFrom configMapKeyRef / secretKeyRef, optional refs leave the variable unset', () => {
    const e = envOf(
      pod({
        env: [
          { name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'a' } } },
          { name: 'P', valueFrom: { secretKeyRef: { name: 'sec', key: 'password' } } },
          { name: 'NOPE', valueFrom: { configMapKeyRef: { name: 'missing', key: 'a', optional: true } } },
          { name: 'NOKEY', valueFrom: { secretKeyRef: { name: 'sec', key: 'nokey', optional: true } } },
        ],
        envFrom: [{ configMapRef: { name: 'missing', optional: true } }],
      }),
    );
    expect(e.A).toBe('from-cm');
    expect(e.P).toBe('hunter2');
    expect('NOPE' in e || 'NOKEY' in e).toBe(false);
  });

  const errorCases: [string, Record<string, unknown>, RegExp][] = [
    ['missing ConfigMap', { envFrom: [{ configMapRef: { name: 'missing' } }] }, /configmap "missing" not found/],
    ['missing Secret key', { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'sec', key: 'nokey' } } }] }, /couldn't find key nokey in Secret ns\/sec/],
    ['unsupported fieldPath', { env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'spec.hostname' } } }] }, /unsupported fieldPath/],
    ['unsupported resource', { env: [{ name: 'X', valueFrom: { resourceFieldRef: { resource: 'limits.gpu' } } }] }, /unsupported container resource/],
  ];
  it.each(errorCases)('%s → CreateContainerConfigError', (_n, container, msg) => {
    const r = makeEnvironmentVariables(pod(container), 'c', ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('CreateContainerConfigError');
      expect(r.message).toMatch(msg);
    }
  });

  it('service links: env wins over a service variable of the same name; order is env then services', () => {
    const r = makeEnvironmentVariables(pod({ env: [{ name: 'WEB_SERVICE_HOST', value: 'mine' }] }), 'c', ctx);
    expect(r.ok && r.env.map((v) => `${v.name}=${v.value}`).slice(0, 3)).toEqual(['WEB_SERVICE_HOST=mine', 'KUBERNETES_SERVICE_HOST=10.96.0.1', 'KUBERNETES_SERVICE_PORT=443']);
    expect(r.ok && r.env.find((v) => v.name === 'WEB_PORT')?.source).toEqual({ kind: 'serviceLink', service: 'ns/web' });
  });

  it('enableServiceLinks: false keeps only the master service', () => {
    const names = Object.keys(envOf(pod({}, { enableServiceLinks: false })));
    expect(names.some((n) => n.startsWith('WEB_'))).toBe(false);
    expect(names).toContain('KUBERNETES_SERVICE_HOST');
  });

  it('strict (pre-KEP-4369) kubelet skips invalid envFrom keys with an InvalidEnvironmentVariableNames event', () => {
    const r = makeEnvironmentVariables(pod({ envFrom: [{ configMapRef: { name: 'cfg' } }] }), 'c', { ...ctx, relaxedEnvironmentVariableValidation: false });
    expect(r.ok && r.env.map((v) => v.name)).not.toContain('1num');
    expect(r.events).toEqual([
      { type: 'Warning', reason: 'InvalidEnvironmentVariableNames', message: 'Keys [1num] from the EnvFrom configMap ns/cfg were skipped since they are considered invalid environment variable names.' },
    ]);
  });
});

describe('resolveContainerEnv on a snapshot', () => {
  const yaml = `
apiVersion: v1
kind: Service
metadata: {name: kubernetes, namespace: default}
spec: {clusterIP: 10.96.0.1, ports: [{name: https, port: 443}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec: {clusterIP: 10.96.3.3, ports: [{name: pg, port: 5432}]}
---
apiVersion: v1
kind: Service
metadata: {name: other, namespace: elsewhere}
spec: {clusterIP: 10.96.4.4, ports: [{port: 80}]}
---
apiVersion: v1
kind: Node
metadata: {name: n1}
status: {addresses: [{type: InternalIP, address: 192.168.1.7}], allocatable: {cpu: "2", memory: 4Gi}}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop}
spec:
  nodeName: n1
  containers:
  - name: app
    image: example/app
    env:
    - {name: DB_URL, value: "postgres://$(DB_SERVICE_HOST):$(DB_SERVICE_PORT_PG)/x"}
    - {name: NODE_IP, valueFrom: {fieldRef: {fieldPath: status.hostIP}}}
    command: [sh, -c]
    args: ["exec app --db=$(DB_URL) --cost=$$(VAR) $(NOPE)"]
status: {podIP: 10.244.0.9}
`;
  it('sees its namespace and default/kubernetes, expands service variables, reads the node', () => {
    const s = buildCluster([{ name: 'shop.yaml', text: yaml }]);
    const p = findPod(s, 'shop', 'api')!;
    const r = resolveContainerEnv(s, p);
    expect(r.ok).toBe(true);
    const e = r.ok ? Object.fromEntries(r.env.map((v) => [v.name, v.value])) : {};
    expect(e.DB_URL).toBe('postgres://10.96.3.3:5432/x');
    expect(e.NODE_IP).toBe('192.168.1.7');
    expect(e.KUBERNETES_SERVICE_HOST).toBe('10.96.0.1');
    expect(Object.keys(e).some((n) => n.startsWith('OTHER_'))).toBe(false);
    expect(r.container).toBe('app');
    expect([r.command, r.args]).toEqual([['sh', '-c'], ['exec app --db=postgres://10.96.3.3:5432/x --cost=$(VAR) $(NOPE)']]);
    expect(resolvePodEnv(s, p).map((x) => [x.container, x.ok])).toEqual([['app', true]]);
  });
});
