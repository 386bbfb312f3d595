import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../engine/cluster/index.ts';
import type { EnvSource } from '../../engine/env/index.ts';
import { dnsPodOf, dnsTraceForm, podOfSelection, routedIngressEdge, splitPodRef } from '../../store/dnsSlice.ts';
import { backendPortText, envSourceClass, envSourceLabel, podRefsOf, queryVerdict, stepVerdictKey } from './dnsLabels.ts';

describe('queryVerdict: NXDOMAIN and NODATA are told apart', () => {
  it.each([
    [{ rcode: 'NOERROR', answers: ['web. 5 IN A 10.96.0.2'] }, 'answer'],
    [{ rcode: 'NOERROR', answers: [] }, 'NODATA'],
    [{ rcode: 'NXDOMAIN', answers: [] }, 'NXDOMAIN'],
    [{ rcode: 'NOREPLY', answers: [] }, 'NOREPLY'],
    [{ rcode: 'SERVFAIL', answers: [] }, 'SERVFAIL'],
    [{ rcode: 'FORMERR', answers: [] }, 'OTHER'],
  ])('%j → %s', (q, want) => expect(queryVerdict(q)).toBe(want));
});

describe('stepVerdictKey', () => {
  it.each([
    [{ outcome: 'answer' as const, stopped: false, queries: [1] }, 'dns.answered'],
    [{ outcome: 'NXDOMAIN' as const, stopped: false, queries: [1] }, 'dns.next'],
    [{ outcome: 'SERVFAIL' as const, stopped: true, queries: [1] }, 'dns.stop'],
    [{ outcome: 'NOT_SENT' as const, stopped: false, queries: [] }, 'dns.notSent'],
  ])('%j → %s', (s, want) => expect(stepVerdictKey(s as never)).toBe(want));
});

describe('envSourceLabel', () => {
  it.each<[EnvSource, string, Record<string, string> | undefined, string]>([
    [{ kind: 'env' }, 'env.fromEnv', undefined, 'src-env'],
    [{ kind: 'envFrom', from: 'Secret', name: 's', key: 'K' }, 'env.fromEnvFrom', { kind: 'Secret', name: 's' }, 'src-ref'],
    [{ kind: 'configMapKeyRef', name: 'cm', key: 'k' }, 'env.fromKeyRef', { kind: 'ConfigMap', name: 'cm', key: 'k' }, 'src-ref'],
    [{ kind: 'secretKeyRef', name: 's', key: 'k' }, 'env.fromKeyRef', { kind: 'Secret', name: 's', key: 'k' }, 'src-ref'],
    [{ kind: 'fieldRef', fieldPath: 'status.podIP' }, 'env.fromField', { path: 'status.podIP' }, 'src-downward'],
    [{ kind: 'resourceFieldRef', resource: 'limits.cpu' }, 'env.fromResource', { resource: 'limits.cpu' }, 'src-downward'],
    [{ kind: 'serviceLink', service: 'default/web' }, 'env.fromService', { service: 'default/web' }, 'src-service'],
  ])('%j', (src, key, vars, cls) => {
    expect(envSourceLabel(src)).toEqual(vars ? { key, vars } : { key });
    expect(envSourceClass(src)).toBe(cls);
  });
});

describe('Pod references', () => {
  it('selection keys map to namespace/name, other kinds to null', () => {
    expect(podOfSelection('Pod/default/client')).toBe('default/client');
    expect(podOfSelection('Service/default/web')).toBeNull();
    expect(podOfSelection(null)).toBeNull();
    expect(splitPodRef('kube-system/coredns-1')).toEqual({ namespace: 'kube-system', pod: 'coredns-1' });
    expect(splitPodRef('client')).toEqual({ namespace: 'default', pod: 'client' });
    expect(dnsPodOf({ dnsPod: null, selected: 'Pod/a/b' })).toBe('a/b');
    expect(dnsPodOf({ dnsPod: 'c/d', selected: 'Pod/a/b' })).toBe('c/d');
  });
  it('podRefsOf lists every Pod sorted', () => {
    const s = buildCluster([{ name: 'x.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec: {containers: [{name: c, image: i}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: z}\nspec: {containers: [{name: c, image: i}]}\n' }]);
    const refs = podRefsOf(s);
    expect(refs).toEqual([...refs].sort());
    expect(refs).toEqual(expect.arrayContaining(['default/b', 'z/a']));
    expect(podRefsOf(null)).toEqual([]);
  });
});

describe('ingress labels', () => {
  it('backend ports and the routed diagram edge', () => {
    expect(backendPortText(80)).toBe('80');
    expect(backendPortText({ name: 'http', resolvesTo: 8080 })).toBe('http (8080)');
    expect(backendPortText({ name: 'x', resolvesTo: null })).toBe('x (no such port)');
    const route = { ingress: 'default/shop', backend: { namespace: 'default', service: 'api' } };
    expect(routedIngressEdge({ route } as never)).toBe('Ingress/default/shop->Service/default/api');
    expect(routedIngressEdge({ route: { ingress: null, backend: null } } as never)).toBeNull();
    expect(routedIngressEdge(null)).toBeNull();
  });
});

describe('dnsTraceForm: the Trace tab pre-fill for a lookup', () => {
  it.each([
    [{ pod: 'default/client', nameserver: '10.96.0.10' }, { from: 'pod/default/client', to: '10.96.0.10:53', proto: 'udp' }],
    [{ pod: 'default/client', nameserver: 'fd00::a' }, { from: 'pod/default/client', to: '[fd00::a]:53', proto: 'udp' }],
    [{ pod: 'default/client', nameserver: null }, null],
  ])('%j', (v, want) => expect(dnsTraceForm(v)).toEqual(want));
});
