// The rule shapes' direct iptables-save lines (ruleShapes.ts) must equal what the generic path makes
// of the same rule's restore words (saveRuleText): on every iptables vector, in large-cluster mode
// (no per-endpoint comments), for IPv6, and on generated clusters with every protocol, session
// affinity, external and load-balancer IPs and traffic policies.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseManifests, proxierConfigFromVector } from '../../../cli/conformance/families/iptables.ts';
import type { KubeObject } from '../../cluster/objects.ts';
import { buildProxyModel } from '../proxyModel.ts';
import { defaultProxierConfig } from '../proxierConfig.ts';
import type { ProxierConfig } from '../types.ts';
import { saveLine, saveRuleText } from './renderSave.ts';
import { ruleText, type IptablesRuleset } from './ruleset.ts';
import { syncProxyRules } from './syncProxyRules.ts';

const DIR = path.resolve(process.cwd(), '../shared/vectors/iptables');
// Vectors with a cluster to sync (TestComputeProbability has probabilities only).
const VECTORS = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()
  .map((file) => ({ file, v: JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) }))
  .filter(({ v }) => typeof v.manifests === 'string' && v.config);

/** Every direct save line that differs from the generic one, as `direct ≠ generic` evidence. */
function mismatches(rs: IptablesRuleset): { checked: number; bad: string[] } {
  let checked = 0;
  const bad: string[] = [];
  for (const t of [rs.filter, rs.nat]) {
    for (const r of t.rules) {
      if (!r.pushSaved) continue;
      checked++;
      const direct = saveLine(r, rs.family);
      const generic = saveRuleText(ruleText(r), rs.family);
      if (direct !== generic) bad.push(`${ruleText(r)}\n  direct:  ${direct}\n  generic: ${generic}`);
    }
  }
  return { checked, bad };
}

describe('direct save lines equal the generic parser on every vector', () => {
  let total = 0;
  it.each(VECTORS)('$file (normal and large-cluster mode)', ({ file, v }) => {
    const model = buildProxyModel(parseManifests(v.manifests, file), proxierConfigFromVector(v.config, file));
    for (const threshold of [undefined, 0]) {
      const { checked, bad } = mismatches(syncProxyRules(model, threshold === undefined ? {} : { largeClusterThreshold: threshold }));
      total += checked;
      expect(bad, bad.join('\n')).toEqual([]);
    }
  });
  it('the vectors exercise the direct shapes', () => expect(total).toBeGreaterThan(100));
});

const ipv4 = fc.tuple(fc.integer({ min: 1, max: 223 }), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 })).map((p) => p.join('.'));
const ipv6 = fc.tuple(fc.integer({ min: 1, max: 0xfffe }), fc.nat(0xffff)).map(([a, b]) => `fd00:${a.toString(16)}::${b.toString(16)}`);

function serviceObjects(family: 'IPv4' | 'IPv6') {
  const ip = family === 'IPv4' ? ipv4 : ipv6;
  return fc.record({
    protocol: fc.constantFrom('TCP', 'UDP', 'SCTP'),
    type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'),
    affinity: fc.boolean(),
    etpLocal: fc.boolean(),
    itpLocal: fc.boolean(),
    clusterIP: ip,
    externalIPs: fc.array(ip, { maxLength: 2 }),
    lbIP: ip,
    sourceRange: fc.boolean(),
    endpoints: fc.array(fc.record({ ip, node: fc.constantFrom('node-1', 'node-2'), ready: fc.boolean(), port: fc.integer({ min: 1, max: 65535 }) }), { maxLength: 5 }),
  }).map((g) => (i: number): KubeObject[] => [
    {
      apiVersion: 'v1', kind: 'Service', metadata: { name: `svc${i}`, namespace: 'ns' },
      spec: {
        type: g.type, clusterIP: g.clusterIP, externalIPs: g.externalIPs, ipFamilies: [family],
        ports: [{ name: 'p', port: 80, protocol: g.protocol, ...(g.type !== 'ClusterIP' ? { nodePort: 30080 } : {}) }],
        ...(g.affinity ? { sessionAffinity: 'ClientIP' } : {}),
        ...(g.etpLocal && g.type !== 'ClusterIP' ? { externalTrafficPolicy: 'Local', ...(g.type === 'LoadBalancer' ? { healthCheckNodePort: 30999 } : {}) } : {}),
        ...(g.itpLocal ? { internalTrafficPolicy: 'Local' } : {}),
        ...(g.type === 'LoadBalancer' && g.sourceRange ? { loadBalancerSourceRanges: [family === 'IPv4' ? '192.168.0.0/16' : 'fd00::/8'] } : {}),
      },
      ...(g.type === 'LoadBalancer' ? { status: { loadBalancer: { ingress: [{ ip: g.lbIP }] } } } : {}),
    },
    {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: family,
      metadata: { name: `svc${i}-1`, namespace: 'ns', labels: { 'kubernetes.io/service-name': `svc${i}` } },
      endpoints: g.endpoints.map((e) => ({ addresses: [e.ip], nodeName: e.node, conditions: { ready: e.ready, serving: e.ready, terminating: !e.ready } })),
      ports: [{ name: 'p', port: g.endpoints[0]?.port ?? 8080, protocol: g.protocol }],
    },
  ]);
}

const detectors = (family: 'IPv4' | 'IPv6') => fc.constantFrom<ProxierConfig['localDetector']>(
  { mode: 'ClusterCIDR', clusterCIDR: family === 'IPv4' ? '10.0.0.0/8' : 'fd00::/16' },
  { mode: 'NodeCIDR', podCIDR: family === 'IPv4' ? '10.244.1.0/24' : 'fd00:244:1::/64' },
  { mode: 'BridgeInterface', bridgeInterface: 'cbr0' },
  { mode: 'InterfaceNamePrefix', interfaceNamePrefix: 'veth' },
  { mode: 'None' },
);

describe('direct save lines equal the generic parser on generated clusters', () => {
  for (const family of ['IPv4', 'IPv6'] as const) {
    it(family, () => {
      let checked = 0;
      fc.assert(fc.property(fc.array(serviceObjects(family), { minLength: 1, maxLength: 6 }), fc.boolean(), detectors(family), fc.boolean(), (svcs, large, localDetector, masqueradeAll) => {
        const config: ProxierConfig = defaultProxierConfig({
          ipFamily: family, nodeName: 'node-1', nodeIPs: [family === 'IPv4' ? '192.168.0.2' : 'fd00::2'], localDetector, masqueradeAll,
        });
        const rs = syncProxyRules(buildProxyModel(svcs.flatMap((make, i) => make(i)), config), large ? { largeClusterThreshold: 0 } : {});
        const r = mismatches(rs);
        checked += r.checked;
        expect(r.bad, r.bad.join('\n')).toEqual([]);
      }), { numRuns: 200 });
      expect(checked).toBeGreaterThan(500);
    });
  }
});
