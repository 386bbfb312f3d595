// Fuzz: any Ingress spec a user can write is read, validated and routed without a crash;
// whatever validation rejects is never served.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot, KubeObject } from '../cluster/objects.ts';
import { buildIngressServers } from './ingressServers.ts';
import { routeIngressRequest } from './routeIngressRequest.ts';

const backend = fc.oneof(fc.anything(), fc.record({ service: fc.record({ name: fc.string(), port: fc.oneof(fc.record({ number: fc.integer() }), fc.record({ name: fc.string() }), fc.anything()) }) }));
const path = fc.record({ path: fc.oneof(fc.string(), fc.constantFrom('/', '/a', '/a/b/', '')), pathType: fc.oneof(fc.constantFrom('Exact', 'Prefix', 'ImplementationSpecific'), fc.anything()), backend }, { requiredKeys: [] });
const rule = fc.oneof(fc.anything(), fc.record({ host: fc.oneof(fc.string(), fc.constantFrom('a.test', '*.a.test', '1.2.3.4')), http: fc.record({ paths: fc.array(path, { maxLength: 4 }) }) }, { requiredKeys: [] }));
const spec = fc.oneof(
  fc.anything(),
  fc.record({ ingressClassName: fc.oneof(fc.string(), fc.constant('nginx')), defaultBackend: backend, rules: fc.array(rule, { maxLength: 4 }), tls: fc.anything() }, { requiredKeys: [] }),
);

describe('Ingress fuzz', () => {
  it('reads, validates and routes any spec', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 3 }), fc.string(), fc.string(), (specs, host, p) => {
        const objects = specs.map((sp, i) => {
          const object: KubeObject = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: `i${i}`, namespace: 'default' }, spec: sp as KubeObject['spec'] };
          return { key: `Ingress/default/i${i}`, object };
        });
        const s: ClusterSnapshot = { objects, diagnostics: [] };
        const t = buildIngressServers(s);
        for (const v of t.ingresses) if (v.diagnostics.some((d) => d.severity === 'error')) expect(v.served).toBe(false);
        const r = routeIngressRequest(s, { host, path: p }, { servers: t });
        expect([200, 404, 503]).toContain(r.status);
      }),
      { numRuns: 1500 },
    );
  });
});
