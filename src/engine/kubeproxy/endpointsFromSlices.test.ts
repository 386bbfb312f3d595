// Duplicate ip:port across slices (endpointslicecache.go addEndpoints): a later entry replaces the
// kept one only if it is not terminating, so a running pod wins over a terminating one that
// reused its IP. Checked case by case and against a Map-based reference on generated slices.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../cluster/objects.ts';
import { objectKey } from '../cluster/objects.ts';
import { endpointsByServicePort } from './endpointsFromSlices.ts';

function slice(name: string, eps: { ip: string; terminating: boolean }[]): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
    metadata: { name, namespace: 'ns', labels: { 'kubernetes.io/service-name': 'web' } },
    endpoints: eps.map((e) => ({ addresses: [e.ip], nodeName: 'node-1', conditions: { ready: !e.terminating, serving: true, terminating: e.terminating } })),
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  };
}

const kept = (slices: KubeObject[]) =>
  (endpointsByServicePort(slices, 'IPv4', 'node-1', []).get('ns/web:http/TCP') ?? []).map((e) => `${e.endpoint} ${e.terminating ? 'terminating' : 'running'} ${e.sliceKey}`);

describe('endpointsByServicePort: duplicate ip:port', () => {
  it('a running endpoint replaces a terminating one, never the other way round', () => {
    expect(kept([slice('a', [{ ip: '10.0.0.1', terminating: true }]), slice('b', [{ ip: '10.0.0.1', terminating: false }])]))
      .toEqual(['10.0.0.1:8080 running EndpointSlice/ns/b']);
    expect(kept([slice('a', [{ ip: '10.0.0.1', terminating: false }]), slice('b', [{ ip: '10.0.0.1', terminating: true }])]))
      .toEqual(['10.0.0.1:8080 running EndpointSlice/ns/a']);
    expect(kept([slice('a', [{ ip: '10.0.0.1', terminating: false }]), slice('b', [{ ip: '10.0.0.1', terminating: false }])]))
      .toEqual(['10.0.0.1:8080 running EndpointSlice/ns/b']);
  });
  it('matches a Map-based reference on generated slices', () => {
    const ep = fc.record({ ip: fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.0.10', '10.0.1.1'), terminating: fc.boolean() });
    fc.assert(fc.property(fc.array(fc.array(ep, { maxLength: 4 }), { maxLength: 4 }), (lists) => {
      const slices = lists.map((l, i) => slice(`s${i}`, l));
      const ref = new Map<string, string>();
      for (const s of [...slices].sort((a, b) => (objectKey(a) < objectKey(b) ? -1 : 1))) {
        for (const e of (s.endpoints as { addresses: string[]; conditions: { terminating: boolean } }[])) {
          const k = `${e.addresses[0]}:8080`;
          if (!ref.has(k) || !e.conditions.terminating) ref.set(k, `${k} ${e.conditions.terminating ? 'terminating' : 'running'} EndpointSlice/ns/${s.metadata.name}`);
        }
      }
      expect(kept(slices)).toEqual([...ref.keys()].sort().map((k) => ref.get(k)));
    }), { numRuns: 300 });
  });
});
