// Fuzz of the whole pipeline: objects of every modelled kind with arbitrary (often wrong-typed)
// fields must never make buildCluster throw; it always returns a snapshot, and every error
// diagnostic has a position.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildCluster } from './buildCluster.ts';
import { KINDS } from './kinds.ts';

const weird = fc.oneof(
  fc.constant(null), fc.boolean(), fc.integer({ min: -5, max: 70000 }), fc.constantFrom('', 'None', 'web', 'http', '10.96.0.5', 'fd00::1', '100m', '1Gi', 'Always', 'NodePort', 'LoadBalancer', 'ExternalName', 'TCP', 'UDP', 'Local'),
  fc.array(fc.constant(null), { maxLength: 2 }), fc.constant({}),
);

const fieldName = fc.constantFrom('type', 'clusterIP', 'ports', 'selector', 'port', 'targetPort', 'nodePort', 'protocol', 'name', 'containers', 'initContainers', 'image',
  'containerPort', 'resources', 'requests', 'limits', 'cpu', 'memory', 'replicas', 'template', 'metadata', 'labels', 'spec', 'matchLabels', 'matchExpressions',
  'nodeName', 'nodeSelector', 'tolerations', 'affinity', 'taints', 'effect', 'key', 'podCIDR', 'hostNetwork', 'externalTrafficPolicy', 'ipFamilies', 'externalIPs',
  'serviceName', 'hostname', 'subdomain', 'readinessGates', 'addressType', 'endpoints', 'addresses', 'rules', 'http', 'paths', 'backend', 'status', 'phase', 'podIP', 'data');

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, weird, fc.dictionary(fieldName, tie('v'), { maxKeys: 5 }), fc.array(tie('v'), { maxLength: 3 })),
})).v;

const kubeObject = fc.record({
  kind: fc.constantFrom(...Object.keys(KINDS), 'Widget'),
  name: fc.constantFrom('a', 'web', 'db-0', 'Bad_Name', ''),
  namespace: fc.constantFrom(undefined, 'default', 'team'),
  labels: fc.option(fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('web', 'db', 1 as unknown as string)), { nil: undefined }),
  body: fc.dictionary(fieldName, value, { maxKeys: 6 }),
}).map(({ kind, name, namespace, labels, body }) => ({
  apiVersion: KINDS[kind]?.apiVersions[0] ?? 'example.com/v1',
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}) },
  ...body,
}));

describe('buildCluster fuzz', () => {
  it('never throws on arbitrary objects of the modelled kinds; errors have positions', () => {
    fc.assert(
      fc.property(fc.array(kubeObject, { maxLength: 6 }), fc.boolean(), (objects, asJson) => {
        const text = objects.map((o) => JSON.stringify(o, null, asJson ? undefined : 1)).join('\n---\n');
        const s = buildCluster([{ name: 'fuzz.yaml', text }]);
        expect(Array.isArray(s.objects)).toBe(true);
        for (const d of s.diagnostics) if (d.severity === 'error') expect(d.pos, JSON.stringify(d)).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });
});

/** Every scenario document as JSON, and every path to a value inside it. */
const scenarioDir = resolve(process.cwd(), 'public/scenarios');
const scenarioDocs: unknown[] = readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseAllDocuments(readFileSync(resolve(scenarioDir, f), 'utf8')).map((d) => ('toJS' in d ? d.toJS() : null)))
  .filter((d) => d !== null);

function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [prefix];
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [prefix, ...keys.flatMap((k) => paths((v as Record<string | number, unknown>)[k], [...prefix, k]))];
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = path;
  copy[head!] = setAt(copy[head!], rest, value);
  return copy;
}

describe('buildCluster fuzz on mutated scenarios', () => {
  it('a valid scenario with any field replaced by a wrong-typed value never throws', () => {
    const mutation = fc.record({ doc: fc.nat(), path: fc.nat(), value: value });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const docs = [...scenarioDocs];
        for (const m of mutations) {
          const i = m.doc % docs.length;
          const ps = paths(docs[i]);
          docs[i] = setAt(docs[i], ps[m.path % ps.length]!, m.value);
        }
        const s = buildCluster([{ name: 'm.yaml', text: docs.map((d) => JSON.stringify(d)).join('\n---\n') }]);
        expect(Array.isArray(s.objects)).toBe(true);
        for (const d of s.diagnostics) if (d.severity === 'error') expect(d.pos, JSON.stringify(d)).toBeDefined();
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });
});
