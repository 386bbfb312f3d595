// Table-driven like pkg/proxy/topology_test.go TestCategorizeEndpoints: which endpoints each
// traffic policy may use, terminating fallback, topology hints.
import { describe, expect, it } from 'vitest';
import { categorizeEndpoints, LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE } from './categorizeEndpoints.ts';
import type { EndpointInfo, ServicePortInfo } from './types.ts';

function ep(ip: string, o: Partial<EndpointInfo> = {}): EndpointInfo {
  return { endpoint: `${ip}:80`, ip, port: 80, isLocal: false, ready: true, serving: true, terminating: false, zoneHints: [], nodeHints: [], ...o };
}

function svc(o: Partial<ServicePortInfo> = {}): ServicePortInfo {
  const internalPolicyLocal = o.internalPolicyLocal ?? false;
  const externalPolicyLocal = o.externalPolicyLocal ?? false;
  const ext = (o.nodePort ?? 0) !== 0;
  return {
    portName: { namespace: 'ns', name: 's', port: '', protocol: 'TCP' }, id: 'ns/s', clusterIP: '172.30.0.1', port: 80, protocol: 'TCP',
    nodePort: 0, externalIPs: [], loadBalancerVIPs: [], loadBalancerSourceRanges: [], sessionAffinityClientIP: false, stickyMaxAgeSeconds: 0,
    externalPolicyLocal, internalPolicyLocal, healthCheckNodePort: 0,
    usesClusterEndpoints: !internalPolicyLocal || ext, usesLocalEndpoints: internalPolicyLocal || (externalPolicyLocal && ext), ...o,
  };
}

const names = (l: readonly EndpointInfo[] | null) => (l === null ? null : l.map((e) => e.ip));

interface Case {
  name: string;
  svc: ServicePortInfo;
  endpoints: EndpointInfo[];
  zone?: string;
  cluster: string[] | null;
  local: string[] | null;
  all: string[];
  any: boolean;
  mode?: string;
}

const cases: Case[] = [
  { name: 'cluster policy, all ready', svc: svc(), endpoints: [ep('10.0.0.1'), ep('10.0.0.2', { isLocal: true })], cluster: ['10.0.0.1', '10.0.0.2'], local: null, all: ['10.0.0.1', '10.0.0.2'], any: true },
  { name: 'not-ready endpoints are not used', svc: svc(), endpoints: [ep('10.0.0.1', { ready: false, serving: false }), ep('10.0.0.2')], cluster: ['10.0.0.2'], local: null, all: ['10.0.0.2'], any: true },
  { name: 'no ready: fall back to serving+terminating', svc: svc(), endpoints: [ep('10.0.0.1', { ready: false, serving: true, terminating: true }), ep('10.0.0.2', { ready: false, serving: false, terminating: true })], cluster: ['10.0.0.1'], local: null, all: ['10.0.0.1'], any: true },
  { name: 'nothing usable', svc: svc(), endpoints: [ep('10.0.0.1', { ready: false, serving: false, terminating: true })], cluster: [], local: null, all: [], any: false },
  { name: 'iTP Local: only local ready', svc: svc({ internalPolicyLocal: true }), endpoints: [ep('10.0.0.1'), ep('10.0.0.2', { isLocal: true })], cluster: null, local: ['10.0.0.2'], all: ['10.0.0.2'], any: true },
  { name: 'iTP Local, no local endpoints: local empty but hasAny', svc: svc({ internalPolicyLocal: true }), endpoints: [ep('10.0.0.1')], cluster: null, local: [], all: [], any: true },
  { name: 'eTP Local + NodePort: local fallback to terminating merges with cluster', svc: svc({ externalPolicyLocal: true, nodePort: 30001 }),
    endpoints: [ep('10.0.0.1'), ep('10.0.0.2', { isLocal: true, ready: false, serving: true, terminating: true })],
    cluster: ['10.0.0.1'], local: ['10.0.0.2'], all: ['10.0.0.1', '10.0.0.2'], any: true },
  { name: 'zone hints select this zone', svc: svc(), zone: 'zone-a', endpoints: [ep('10.0.0.1', { zoneHints: ['zone-a'] }), ep('10.0.0.2', { zoneHints: ['zone-b'] })], cluster: ['10.0.0.1'], local: null, all: ['10.0.0.1'], any: true, mode: LABEL_TOPOLOGY_ZONE },
  { name: 'hints ignored unless every ready endpoint has one', svc: svc(), zone: 'zone-a', endpoints: [ep('10.0.0.1', { zoneHints: ['zone-a'] }), ep('10.0.0.2')], cluster: ['10.0.0.1', '10.0.0.2'], local: null, all: ['10.0.0.1', '10.0.0.2'], any: true, mode: '' },
  { name: 'hints ignored when none is for our zone', svc: svc(), zone: 'zone-c', endpoints: [ep('10.0.0.1', { zoneHints: ['zone-a'] }), ep('10.0.0.2', { zoneHints: ['zone-b'] })], cluster: ['10.0.0.1', '10.0.0.2'], local: null, all: ['10.0.0.1', '10.0.0.2'], any: true, mode: '' },
  { name: 'node hints (PreferSameTrafficDistribution)', svc: svc(), endpoints: [ep('10.0.0.1', { nodeHints: ['test-node'] }), ep('10.0.0.2', { nodeHints: ['other'] })], cluster: ['10.0.0.1'], local: null, all: ['10.0.0.1'], any: true, mode: LABEL_HOSTNAME },
];

describe('categorizeEndpoints (topology.go CategorizeEndpoints)', () => {
  it.each(cases)('$name', (c) => {
    const r = categorizeEndpoints(c.endpoints, c.svc, { nodeName: 'test-node', ...(c.zone ? { zone: c.zone } : {}) });
    expect({ cluster: names(r.clusterEndpoints), local: names(r.localEndpoints), all: names(r.allReachableEndpoints), any: r.hasAnyEndpoints }).toEqual({ cluster: c.cluster, local: c.local, all: c.all, any: c.any });
    if (c.mode !== undefined) expect(r.topologyMode).toBe(c.mode);
  });
});
