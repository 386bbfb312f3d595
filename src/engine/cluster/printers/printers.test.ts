import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../objects.ts';
import { humanDuration } from './humanDuration.ts';
import { endpointSliceRow, formatDiscoveryEndpoints, formatDiscoveryPorts } from './printEndpointSlices.ts';
import { printTable } from './printTable.ts';
import { makePortString, serviceExternalIP, serviceRow } from './printServices.ts';

const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec, status });

describe('kubectl printers', () => {
  // apimachinery/pkg/util/duration/duration_test.go TestHumanDuration.
  it.each([
    [0, '0s'], [-1000, '0s'], [-2000, '<invalid>'], [59_000, '59s'], [119_000, '119s'], [120_000, '2m'], [125_000, '2m5s'],
    [600_000, '10m'], [3 * 3600_000 - 1000, '179m'], [3 * 3600_000, '3h'], [3 * 3600_000 + 60_000, '3h1m'], [8 * 3600_000, '8h'],
    [47 * 3600_000, '47h'], [48 * 3600_000, '2d'], [49 * 3600_000, '2d1h'], [8 * 86400_000, '8d'], [2 * 365 * 86400_000, '2y'], [(2 * 365 + 1) * 86400_000, '2y1d'], [8 * 365 * 86400_000, '8y'],
  ])('humanDuration(%d) = %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it('pads a narrow column to minwidth 6 + padding 3 as kubectl does (READY   STATUS)', () => {
    expect(printTable(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], [['web-1', '1/1', 'Running', '0', '5m']])).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\n' +
      'web-1   1/1     Running   0          5m\n',
    );
  });

  it('lays a table out like kubectl (tabwriter minwidth 6, padding 3)', () => {
    expect(printTable(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], [['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '5d']])).toBe(
      'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n' +
      'kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   5d\n',
    );
  });

  it.each([
    ['ClusterIP', svc({ type: 'ClusterIP' }), '<none>'],
    ['ClusterIP with externalIPs', svc({ type: 'ClusterIP', externalIPs: ['1.2.3.4', '5.6.7.8'] }), '1.2.3.4,5.6.7.8'],
    ['LoadBalancer pending', svc({ type: 'LoadBalancer' }), '<pending>'],
    ['LoadBalancer with ingress', svc({ type: 'LoadBalancer' }, { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } }), '203.0.113.10'],
    ['LoadBalancer long hostname', svc({ type: 'LoadBalancer' }, { loadBalancer: { ingress: [{ hostname: 'a1234567890.elb.example.com' }] } }), 'a1234567890.e...'],
    ['ExternalName', svc({ type: 'ExternalName', externalName: 'db.example.com' }), 'db.example.com'],
  ])('EXTERNAL-IP for %s', (_n, s, want) => {
    expect(serviceExternalIP(s, false)).toBe(want);
  });

  it('PORT(S) and the wide SELECTOR', () => {
    expect(makePortString([{ port: 80, protocol: 'TCP' }, { port: 443, nodePort: 30443, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }])).toBe('80/TCP,443:30443/TCP,53/UDP');
    expect(serviceRow(svc({ type: 'ClusterIP', clusterIP: 'None', selector: { b: '2', a: '1' } }), '1m', true)).toEqual(['s', 'ClusterIP', 'None', '<none>', '<none>', '1m', 'a=1,b=2']);
  });

  it('EndpointSlice columns: at most 3 then "+ N more...", "<unset>" when empty', () => {
    const eps = Array.from({ length: 5 }, (_, i) => ({ addresses: [`10.0.0.${i + 1}`] }));
    expect(formatDiscoveryEndpoints(eps)).toBe('10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...');
    expect(formatDiscoveryEndpoints([])).toBe('<unset>');
    expect(formatDiscoveryPorts(null)).toBe('<unset>');
    expect(formatDiscoveryPorts([{ port: 80 }, { name: 'x' }, {}, { port: 1 }])).toBe('80,x,* + 1 more...');
    const slice = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-abcde' }, addressType: 'IPv4', endpoints: eps.slice(0, 3), ports: [{ port: 8080 }] } as KubeObject;
    expect(endpointSliceRow(slice, '0s')).toEqual(['web-abcde', 'IPv4', '8080', '10.0.0.1,10.0.0.2,10.0.0.3', '0s']);
  });
});
