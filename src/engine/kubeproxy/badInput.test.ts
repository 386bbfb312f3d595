// Bad input behaves as kube-proxy does, and the model says where a real cluster would have
// refused the object. Plus fast-check fuzzing of every parser of user input here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../cluster/objects.ts';
import { buildProxyModel } from './proxyModel.ts';
import { defaultProxierConfig } from './proxierConfig.ts';
import { parseCIDRSloppy, parseIPSloppy } from './sloppyIP.ts';
import { parseRestore, RestoreParseError } from './iptables/parseRestore.ts';
import { parseRuleText } from './iptables/parsedRule.ts';
import { sortRestore } from './iptables/sortRestore.ts';
import { syncProxyRules } from './iptables/syncProxyRules.ts';

const svc = (spec: Record<string, unknown>, name = 's'): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'ns' }, spec });

describe('bad input (TestBadIPs and friends)', () => {
  it('leading-zero IPs are read sloppily, as kube-proxy does, and warned about', () => {
    const m = buildProxyModel([svc({ clusterIP: '172.030.0.041', externalIPs: ['192.168.099.011'], ports: [{ port: 80 }] })], defaultProxierConfig());
    expect(m.servicePorts[0]!.service.clusterIP).toBe('172.30.0.41');
    expect(m.servicePorts[0]!.service.externalIPs).toEqual(['192.168.99.11']);
    expect(m.warnings.join('\n')).toMatch(/leading zeros/);
  });
  it('source ranges are trimmed; a zero CIDR disables the firewall', () => {
    const m = buildProxyModel([svc({ clusterIP: '10.0.0.1', type: 'LoadBalancer', loadBalancerSourceRanges: [' 203.0.113.5/25 ', '0.0.0.0/0'], ports: [{ port: 80, nodePort: 30001 }] })], defaultProxierConfig());
    expect(m.servicePorts[0]!.service.loadBalancerSourceRanges).toEqual([]);
    const m2 = buildProxyModel([svc({ clusterIP: '10.0.0.1', loadBalancerSourceRanges: [' 203.0.113.5/25 '], ports: [{ port: 80 }] })], defaultProxierConfig());
    expect(m2.servicePorts[0]!.service.loadBalancerSourceRanges).toEqual(['203.0.113.0/25']);
    expect(m2.warnings.join('\n')).toMatch(/surrounding spaces/);
  });
  it('warns about nodePorts out of range and overlapping NodePorts', () => {
    const m = buildProxyModel([
      svc({ clusterIP: '10.0.0.1', type: 'NodePort', ports: [{ port: 80, nodePort: 3001 }] }, 'a'),
      svc({ clusterIP: '10.0.0.2', type: 'NodePort', ports: [{ port: 80, nodePort: 3001 }] }, 'b'),
    ], defaultProxierConfig());
    expect(m.warnings.join('\n')).toMatch(/outside the default NodePort range/);
    expect(m.warnings.join('\n')).toMatch(/both use nodePort 3001\/TCP/);
  });
  it('headless, ExternalName and other-family Services get no rules', () => {
    const m = buildProxyModel([svc({ clusterIP: 'None', ports: [{ port: 80 }] }, 'h'), svc({ type: 'ExternalName', externalName: 'x.example', ports: [{ port: 80 }] }, 'e'), svc({ clusterIP: 'fd00::1', ports: [{ port: 80 }] }, 'v6')], defaultProxierConfig());
    expect(m.servicePorts).toEqual([]);
  });
  it('ipMode: Proxy load-balancer IPs get no rule', () => {
    const o = svc({ clusterIP: '10.0.0.1', type: 'LoadBalancer', ports: [{ port: 80 }] });
    o.status = { loadBalancer: { ingress: [{ ip: '1.2.3.4', ipMode: 'Proxy' }, { ip: '1.2.3.5', ipMode: 'VIP' }, { hostname: 'lb.example' }] } };
    expect(buildProxyModel([o], defaultProxierConfig()).servicePorts[0]!.service.loadBalancerVIPs).toEqual(['1.2.3.5']);
  });
});

describe('fuzz: parsers never crash or hang, and fail with a clear error', () => {
  it('parseIPSloppy / parseCIDRSloppy return a canonical value or null', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const ip = parseIPSloppy(s);
      if (ip) expect(parseIPSloppy(ip.text)?.text).toBe(ip.text);
      const c = parseCIDRSloppy(s);
      if (c) expect(parseCIDRSloppy(c.text)?.text).toBe(c.text);
    }), { numRuns: 2000 });
  });
  it('dotted quads read as Go reads them: decimal octets ≤ 255, leading zeros allowed but flagged', () => {
    const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.stringMatching(/^[0-9]{1,4}$/));
    const dotted = fc.oneof(
      fc.array(octet, { minLength: 4, maxLength: 4 }).map((o) => o.join('.')),
      fc.array(octet, { minLength: 1, maxLength: 6 }).map((o) => o.join('.')),
      fc.stringMatching(/^[0-9.]{0,17}$/),
    );
    fc.assert(fc.property(dotted, (s) => {
      const m = /^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$/.exec(s);
      const o = m ? m.slice(1).map(Number) : null;
      const want = o && o.every((x) => x <= 255)
        ? { value: BigInt(o.reduce((v, x) => v * 256 + x, 0)), text: o.join('.'), hadLeadingZeros: o.join('.') !== s }
        : null;
      const got = parseIPSloppy(s);
      expect(got && { value: got.ip.value, text: got.text, hadLeadingZeros: got.hadLeadingZeros }, s).toEqual(want);
    }), { numRuns: 3000 });
  });
  it('parseRestore either parses or throws RestoreParseError naming a line', () => {
    const line = fc.oneof(fc.constantFrom('*nat', '*filter', 'COMMIT', ':KUBE-X - [0:0]', '-A KUBE-X -j ACCEPT', '-X KUBE-X', '# c', ''), fc.string());
    fc.assert(fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
      const text = lines.join('\n');
      try {
        parseRestore(text);
        sortRestore(text);
      } catch (e) {
        expect(e).toBeInstanceOf(RestoreParseError);
        expect((e as Error).message).toMatch(/^line \d+: /);
      }
    }), { numRuns: 1000 });
  });
  it('parseRuleText accepts any rule text', () => {
    fc.assert(fc.property(fc.string(), (s) => { expect(parseRuleText(`-A C ${s}`).chain).toBe('C'); }), { numRuns: 1000 });
  });
  it('arbitrary Service / EndpointSlice shapes never crash the model or the renderer', () => {
    const anyVal = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.oneof(fc.string(), fc.integer())), fc.dictionary(fc.string(), fc.string()));
    const port = fc.record({ name: fc.oneof(fc.string(), anyVal), port: fc.oneof(fc.integer({ min: -1, max: 70000 }), anyVal), protocol: fc.oneof(fc.constantFrom('TCP', 'UDP', 'SCTP', 'ICMP'), anyVal), nodePort: fc.oneof(fc.integer({ min: 0, max: 40000 }), anyVal) }, { requiredKeys: [] });
    const spec = fc.record({ clusterIP: fc.oneof(fc.constantFrom('10.0.0.1', '010.0.0.01', 'None', ''), anyVal), type: fc.oneof(fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'), anyVal), ports: fc.oneof(fc.array(port, { maxLength: 3 }), anyVal), externalIPs: fc.oneof(fc.array(fc.string()), anyVal), loadBalancerSourceRanges: fc.oneof(fc.array(fc.string()), anyVal), externalTrafficPolicy: fc.oneof(fc.constantFrom('Local', 'Cluster'), anyVal), sessionAffinity: anyVal }, { requiredKeys: [] });
    const ep = fc.record({ addresses: fc.oneof(fc.array(fc.oneof(fc.constantFrom('10.1.0.1', '10.1.0.2', 'fd00::1'), fc.string()), { maxLength: 2 }), anyVal), nodeName: anyVal, conditions: fc.oneof(fc.record({ ready: anyVal, serving: anyVal, terminating: anyVal }, { requiredKeys: [] }), anyVal) }, { requiredKeys: [] });
    fc.assert(fc.property(spec, fc.array(ep, { maxLength: 4 }), fc.array(port, { maxLength: 2 }), (sp, eps, ports) => {
      const objs = [svc(sp as Record<string, unknown>), { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4', metadata: { name: 's-1', namespace: 'ns', labels: { 'kubernetes.io/service-name': 's' } }, endpoints: eps, ports } as KubeObject];
      const m = buildProxyModel(objs, defaultProxierConfig());
      syncProxyRules(m);
      expect(Array.isArray(m.warnings)).toBe(true);
    }), { numRuns: 500 });
  });
});
