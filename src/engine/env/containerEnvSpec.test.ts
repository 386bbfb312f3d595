// Fuzz: any container shape a user can write gives either an environment or a
// CreateContainerConfigError naming the field — never a crash.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../cluster/objects.ts';
import { makeEnvironmentVariables } from './makeEnvironmentVariables.ts';

const ctx = {
  services: [{ name: 'web', namespace: 'ns', clusterIP: '10.0.0.1', ports: [{ port: 80 }] }],
  configMap: () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1', 'b c': '2' } }) as KubeObject,
  secret: () => undefined,
  runtime: { podIPs: ['10.1.0.1'], hostIPs: ['192.168.0.1'] },
};

const envEntry = fc.oneof(
  fc.anything(),
  fc.record({ name: fc.string(), value: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] }),
  fc.record(
    {
      name: fc.constantFrom('A', 'B'),
      valueFrom: fc.oneof(
        fc.record({ fieldRef: fc.record({ fieldPath: fc.constantFrom('metadata.name', "metadata.labels['x']", 'status.podIP', 'bogus', '') }) }),
        fc.record({ resourceFieldRef: fc.record({ resource: fc.constantFrom('limits.cpu', 'requests.memory', 'x'), divisor: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: ['resource'] }) }),
        fc.record({ configMapKeyRef: fc.record({ name: fc.string(), key: fc.string(), optional: fc.boolean() }) }),
        fc.anything(),
      ),
    },
    { requiredKeys: ['name'] },
  ),
);

describe('makeEnvironmentVariables fuzz', () => {
  it('never throws, whatever env / envFrom / resources hold', () => {
    fc.assert(
      fc.property(
        fc.array(envEntry, { maxLength: 6 }),
        fc.oneof(fc.anything(), fc.array(fc.record({ prefix: fc.string(), configMapRef: fc.record({ name: fc.string(), optional: fc.boolean() }) }, { requiredKeys: [] }))),
        fc.anything(),
        (env, envFrom, resources) => {
          const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [{ name: 'c', env, envFrom, resources }] } };
          const r = makeEnvironmentVariables(pod, 'c', ctx);
          if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
          else for (const v of r.env) expect(typeof v.value).toBe('string');
        },
      ),
      { numRuns: 1500 },
    );
  });
  it('names the field of a malformed entry', () => {
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', env: [{ name: 'A', value: 5 }] }] } };
    const r = makeEnvironmentVariables(pod, 'c', ctx);
    expect(r.ok ? '' : r.message).toBe('spec.containers[0].env[0].value: expected a string, got 5');
  });
});
