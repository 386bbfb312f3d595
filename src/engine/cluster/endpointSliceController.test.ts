import { describe, expect, it } from 'vitest';
import { buildCluster } from './buildCluster.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are untyped JSON here

interface PodSpecLite {
  name: string;
  ip: string;
  ready?: boolean;
  terminating?: boolean;
  phase?: string;
  labels?: Record<string, string>;
  ports?: Obj[];
  hostname?: string;
  subdomain?: string;
  node?: string;
}

/** A Pod written with its status (as `kubectl get -o yaml` prints), so the controller sees exactly that. */
function podDoc(p: PodSpecLite): Obj {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: p.name, namespace: 'default', labels: p.labels ?? { app: 'web' }, ...(p.terminating ? { deletionTimestamp: '2026-01-01T00:00:10Z' } : {}) },
    spec: { nodeName: p.node ?? 'node-1', ...(p.hostname ? { hostname: p.hostname } : {}), ...(p.subdomain ? { subdomain: p.subdomain } : {}), containers: [{ name: 'c', image: 'nginx', ports: p.ports ?? [{ name: 'http', containerPort: 8080 }] }] },
    status: { phase: p.phase ?? 'Running', podIP: p.ip, podIPs: [{ ip: p.ip }], conditions: [{ type: 'Ready', status: p.ready === false ? 'False' : 'True' }] },
  };
}

function serviceDoc(spec: Obj, name = 'web'): Obj {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', labels: { team: 'a' } }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec } };
}

function slicesFor(docs: Obj[], svc = 'web', opts = {}): Obj[] {
  const s = buildCluster([{ name: 'e.json', text: docs.map((d) => JSON.stringify(d)).join('\n---\n') }], { systemObjects: false, ...opts });
  expect(s.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return s.objects.filter((o) => o.object.kind === 'EndpointSlice' && o.object.metadata.labels?.['kubernetes.io/service-name'] === svc).map((o) => o.object);
}

describe('EndpointSlice controller', () => {
  // utils_test.go TestPodToEndpoint, as tabulated in research/service-discovery.md §2.2.
  it.each([
    ['Ready', false, { ready: true }, { ready: true, serving: true, terminating: false }],
    ['Ready, publishNotReadyAddresses', true, { ready: true }, { ready: true, serving: true, terminating: false }],
    ['not Ready', false, { ready: false }, { ready: false, serving: false, terminating: false }],
    ['not Ready, publishNotReadyAddresses', true, { ready: false }, { ready: true, serving: false, terminating: false }],
    ['Ready, terminating', false, { ready: true, terminating: true }, { ready: false, serving: true, terminating: true }],
    ['not Ready, terminating', false, { ready: false, terminating: true }, { ready: false, serving: false, terminating: true }],
  ])('conditions: %s', (_name, publishNotReady, pod, want) => {
    const [slice] = slicesFor([serviceDoc({ publishNotReadyAddresses: publishNotReady }), podDoc({ name: 'p', ip: '10.244.0.9', ...pod })]);
    expect(slice!.endpoints[0].conditions).toEqual(want);
  });

  it('fills addresses, nodeName, zone, targetRef, labels and ownerReference', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'z1' } }, status: { addresses: [{ type: 'InternalIP', address: '192.168.49.2' }] } };
    const [slice] = slicesFor([node, serviceDoc({}), podDoc({ name: 'p', ip: '10.244.0.9' })]);
    expect(slice!.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice!.metadata.labels).toEqual({ team: 'a', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(slice!.metadata.ownerReferences).toMatchObject([{ kind: 'Service', name: 'web', controller: true }]);
    expect(slice!.addressType).toBe('IPv4');
    expect(slice!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(slice!.endpoints).toEqual([{
      addresses: ['10.244.0.9'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node-1', zone: 'z1',
      targetRef: { kind: 'Pod', name: 'p', namespace: 'default', uid: expect.any(String) },
    }]);
  });

  it('leaves out terminal Pods, Pods without an IP, and Pods in other namespaces or not selected', () => {
    const other = podDoc({ name: 'other-ns', ip: '10.244.0.5' });
    other.metadata.namespace = 'team-b';
    const noIP = podDoc({ name: 'no-ip', ip: '' });
    noIP.status = { phase: 'Pending' };
    const slices = slicesFor([serviceDoc({}), podDoc({ name: 'ok', ip: '10.244.0.2' }), podDoc({ name: 'done', ip: '10.244.0.3', phase: 'Succeeded' }), podDoc({ name: 'failed', ip: '10.244.0.4', phase: 'Failed' }), noIP, other, podDoc({ name: 'unselected', ip: '10.244.0.6', labels: { app: 'api' } })]);
    expect(slices.flatMap((s) => s.endpoints.map((e: Obj) => e.targetRef.name))).toEqual(['ok']);
  });

  it('named targetPorts resolve per Pod; a Pod without the name is left out of that port; different port sets → different slices', () => {
    const slices = slicesFor([
      serviceDoc({ ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 'metrics' }] }),
      podDoc({ name: 'a', ip: '10.244.0.2', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] }),
      podDoc({ name: 'b', ip: '10.244.0.3', ports: [{ name: 'http', containerPort: 8081 }] }),
      podDoc({ name: 'c', ip: '10.244.0.4', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] }),
    ]);
    const summary = slices.map((s) => ({ ports: s.ports.map((p: Obj) => `${p.name}:${p.port}`), pods: s.endpoints.map((e: Obj) => e.targetRef.name) }));
    expect(summary).toEqual([
      { ports: ['http:8080', 'metrics:9100'], pods: ['a', 'c'] },
      { ports: ['http:8081'], pods: ['b'] },
    ]);
  });

  it('a named port matches on protocol too', () => {
    const [slice] = slicesFor([serviceDoc({ ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' }] }), podDoc({ name: 'a', ip: '10.244.0.2', ports: [{ name: 'dns', containerPort: 5353, protocol: 'TCP' }] })]);
    expect(slice!.ports).toEqual([]);
  });

  it('at most 100 endpoints per slice (and --max-endpoints-per-slice)', () => {
    const pods = Array.from({ length: 250 }, (_, i) => podDoc({ name: `p${i}`, ip: `10.244.${1 + Math.floor(i / 200)}.${2 + (i % 200)}` }));
    expect(slicesFor([serviceDoc({}), ...pods]).map((s) => s.endpoints.length)).toEqual([100, 100, 50]);
    expect(slicesFor([serviceDoc({}), ...pods.slice(0, 5)], 'web', { maxEndpointsPerSlice: 2 }).map((s) => s.endpoints.length)).toEqual([2, 2, 1]);
  });

  it('hostname only with subdomain = Service name; headless label on headless Services', () => {
    const [slice] = slicesFor([serviceDoc({ clusterIP: 'None' }), podDoc({ name: 'db-0', ip: '10.244.0.2', hostname: 'db-0', subdomain: 'web' }), podDoc({ name: 'db-1', ip: '10.244.0.3', hostname: 'db-1', subdomain: 'other' })]);
    expect(slice!.endpoints.map((e: Obj) => e.hostname)).toEqual(['db-0', undefined]);
    expect(slice!.metadata.labels['service.kubernetes.io/headless']).toBe('');
  });

  it('a Service with no endpoints gets one placeholder slice with ports null', () => {
    const slices = slicesFor([serviceDoc({ selector: { app: 'nothing' } })]);
    expect(slices.map((s) => ({ endpoints: s.endpoints, ports: s.ports, addressType: s.addressType }))).toEqual([{ endpoints: [], ports: null, addressType: 'IPv4' }]);
  });

  it.each([
    ['no selector', { selector: undefined }],
    ['ExternalName', { type: 'ExternalName', externalName: 'example.com', ports: undefined }],
  ])('no slices for a Service with %s; user-provided slices are kept', (_name, spec) => {
    const user = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-manual', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } }, addressType: 'IPv4', endpoints: [{ addresses: ['192.0.2.10'] }], ports: [{ port: 80 }] };
    const slices = slicesFor([serviceDoc(spec), podDoc({ name: 'p', ip: '10.244.0.2' }), user]);
    expect(slices.map((s) => s.metadata.name)).toEqual(['web-manual']);
  });

  it('IPv6 Services get IPv6 slices with only the IPv6 addresses', () => {
    const p = podDoc({ name: 'p', ip: '10.244.0.2' });
    p.status.podIPs = [{ ip: '10.244.0.2' }, { ip: 'fd00:10:244::2' }];
    const [slice] = slicesFor([serviceDoc({ ipFamilies: ['IPv6'], clusterIP: 'fd00:10:96::20' }), { apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'v6' }, spec: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] } }, p]);
    expect(slice!.addressType).toBe('IPv6');
    expect(slice!.endpoints[0].addresses).toEqual(['fd00:10:244::2']);
  });

  it('trafficDistribution PreferClose hints ready endpoints to their zone', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'z1' } } };
    const [slice] = slicesFor([node, serviceDoc({ trafficDistribution: 'PreferClose' }), podDoc({ name: 'p', ip: '10.244.0.2' }), podDoc({ name: 'q', ip: '10.244.0.3', ready: false })]);
    expect(slice!.endpoints.map((e: Obj) => e.hints)).toEqual([{ forZones: [{ name: 'z1' }] }, undefined]);
  });
});
