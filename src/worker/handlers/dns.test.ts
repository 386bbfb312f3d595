// The DNS, Env and Ingress handlers over the shipped scenarios, through the real protocol
// boundary (in-process client: structuredClone + validators), plus fuzzed user input.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../engine/cluster/index.ts';
import type { ClusterSnapshot } from '../../engine/cluster/objects.ts';
import { createInProcessClient } from '../createInProcessClient.ts';
import { parseRequest, PROTOCOL_VERSION } from '../protocol.ts';
import { dnsLookup, groupQueries, ingressRoute, podEnv } from './dns.ts';

const scenario = (file: string) => [{ name: file, text: readFileSync(path.resolve(process.cwd(), 'public/scenarios', file), 'utf8') }];
const DEFAULT = scenario('web-clusterip-nodeport.yaml');
const snap = (files: { name: string; text: string }[]) => buildCluster(files);

function serviceIP(s: ClusterSnapshot, name: string): string {
  return s.objects.find((o) => o.object.kind === 'Service' && o.object.metadata.name === name)!.object.spec.clusterIP as string;
}

function readyEndpointIPs(s: ClusterSnapshot, service: string): string[] {
  return s.objects
    .filter((o) => o.object.kind === 'EndpointSlice' && o.object.metadata.labels?.['kubernetes.io/service-name'] === service)
    .flatMap((o) => (o.object.endpoints ?? []) as { addresses: string[]; conditions?: { ready?: boolean } }[])
    .filter((e) => e.conditions?.ready !== false)
    .flatMap((e) => e.addresses);
}

describe('dnsLookup over the default scenario', () => {
  const s = snap(DEFAULT);
  it('a Service name is answered at the first search domain', () => {
    const v = dnsLookup(s, { namespace: 'default', pod: 'client', name: 'web', resolver: 'glibc' });
    expect(v.resolvConf, JSON.stringify(v)).toMatch(/^search default\.svc\.cluster\.local /m);
    if (!v.lookup?.ok) throw new Error(JSON.stringify(v.lookup));
    const first = v.lookup.steps[0]!;
    expect(first.qname).toBe('web.default.svc.cluster.local.');
    expect(first.outcome).toBe('answer');
    expect(v.lookup.final.answers).toContain(serviceIP(s, 'web'));
    expect(v.lookup.steps).toHaveLength(1);
  });
  it('a name with fewer dots than ndots walks every search domain, then asks the name as is', () => {
    const v = dnsLookup(s, { namespace: 'default', pod: 'client', name: 'google.com', resolver: 'glibc' });
    if (!v.lookup?.ok) throw new Error(JSON.stringify(v.lookup));
    const searches = /^search (.*)$/m.exec(v.resolvConf!)![1]!.split(' ');
    const asked = v.lookup.steps.map((x) => x.qname);
    expect(asked, JSON.stringify(v.lookup.steps)).toEqual([...searches.map((d) => `google.com.${d}.`), 'google.com.']);
    expect(v.lookup.steps.slice(0, -1).every((x) => x.outcome === 'NXDOMAIN' && !x.stopped)).toBe(true);
    expect(v.lookup.final.success).toBe(true);
    // each name is asked A and AAAA (getaddrinfo AF_UNSPEC), in the order they were sent
    expect(v.lookup.steps.flatMap((x) => x.queries.map((q) => q.qtype))).toEqual(asked.flatMap(() => ['A', 'AAAA']));
  });
  it('a missing Pod and an invalid name are errors, not exceptions', () => {
    expect(dnsLookup(s, { namespace: 'default', pod: 'nope', name: 'web', resolver: 'glibc' }).error).toMatch(/no Pod default\/nope/);
    const bad = dnsLookup(s, { namespace: 'default', pod: 'client', name: 'a..b', resolver: 'musl' });
    expect(bad.lookup).toMatchObject({ ok: false });
  });
  it('without a name only the resolv.conf is shown', () => {
    const v = dnsLookup(s, { namespace: 'default', pod: 'client', name: '  ', resolver: 'glibc' });
    expect(v.lookup).toBeNull();
    expect(v.nameserver).toBe(serviceIP(s, 'kube-dns'));
  });
});

describe('dnsLookup over the headless scenario', () => {
  const s = snap(scenario('headless.yaml'));
  it('the Service name returns one record per ready endpoint', () => {
    const v = dnsLookup(s, { namespace: 'default', pod: 'db-0', name: 'db', resolver: 'glibc', qtype: 'A' });
    if (!v.lookup?.ok) throw new Error(JSON.stringify(v));
    const want = readyEndpointIPs(s, 'db');
    expect(want.length).toBeGreaterThan(0);
    expect([...v.lookup.final.answers].sort()).toEqual([...want].sort());
  });
});

describe('groupQueries', () => {
  it('gives each step its own packets, in order', () => {
    const q = (n: string) => ({ qname: n, qtype: 'A', rcode: 'NOERROR', answers: [], authority: [], additional: [], truncated: false });
    const steps = [
      { qname: 'a', outcome: 'NXDOMAIN' as const, stopped: false, queries: [1, 2] },
      { qname: 'b', outcome: 'NOT_SENT' as const, stopped: false, queries: [] },
      { qname: 'c', outcome: 'answer' as const, stopped: false, queries: [3] },
    ];
    const g = groupQueries(steps, [q('1'), q('2'), q('3')]);
    expect(g.map((x) => x.queries.map((y) => y.qname))).toEqual([['1', '2'], [], ['3']]);
  });
});

describe('podEnv', () => {
  it('lists each container of the Pod with service-link variables for the Services of its namespace', () => {
    const s = snap(DEFAULT);
    const v = podEnv(s, { namespace: 'default', pod: 'client' });
    expect(v.found).toBe(true);
    const c = v.containers[0]!;
    if (!c.ok) throw new Error(JSON.stringify(c));
    const ip = serviceIP(s, 'web');
    expect(c.env.find((e) => e.name === 'WEB_SERVICE_HOST')).toEqual({ name: 'WEB_SERVICE_HOST', value: ip, source: { kind: 'serviceLink', service: 'default/web' } });
    expect(podEnv(s, { namespace: 'x', pod: 'y' })).toEqual({ pod: 'x/y', found: false, containers: [] });
  });
  it('a missing ConfigMap key is CreateContainerConfigError', () => {
    const files = [{ name: 'p.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: busybox\n    env: [{name: X, valueFrom: {configMapKeyRef: {name: cm, key: k}}}]\n' }];
    const c = podEnv(snap(files), { namespace: 'default', pod: 'p' }).containers[0]!;
    expect(c).toMatchObject({ ok: false, reason: 'CreateContainerConfigError' });
  });
});

describe('ingressRoute over the ingress scenario', () => {
  const s = snap(scenario('ingress.yaml'));
  it.each([
    ['shop.example.com', '/api/orders', 'api'],
    ['shop.example.com', '/', 'shop'],
    ['shop.example.com', '/cart', 'shop'],
  ])('%s%s lands on Service %s', (host, p, service) => {
    const v = ingressRoute(s, { host, path: p, scheme: 'https' });
    expect(v.route.backend?.service, JSON.stringify(v.route)).toBe(service);
    expect(v.route.status).toBe(200);
    expect(v.route.hops.map((h) => h.layer)).toEqual(['L4', 'L7']);
    expect(v.comparison.length).toBeGreaterThan(0);
    expect(v.hosts).toContain('shop.example.com');
  });
  it('an unknown host gets the controller default backend (404)', () => {
    const v = ingressRoute(s, { host: 'nobody.example.org', path: '/', scheme: 'http' });
    expect(v.route.status).toBe(404);
    expect(v.route.backend).toBeNull();
  });
});

describe('the protocol', () => {
  it('answers the three requests through the in-process client', async () => {
    const c = createInProcessClient();
    const d = await c.request('dnsLookup', { files: DEFAULT, namespace: 'default', pod: 'client', name: 'web', resolver: 'musl' });
    expect(d.ok && d.view.lookup?.ok && d.view.lookup.final.success).toBe(true);
    const e = await c.request('podEnv', { files: DEFAULT, namespace: 'default', pod: 'client' });
    expect(e.ok && e.view.containers.length).toBe(1);
    const i = await c.request('ingressRoute', { files: scenario('ingress.yaml'), host: 'shop.example.com', path: '/api', scheme: 'http' });
    expect(i.ok && i.view.route.backend?.service).toBe('api');
  });
  it.each([
    [{ type: 'dnsLookup', files: [], namespace: 'default', pod: 'p', name: 'x', resolver: 'bionic' }, /resolver must be glibc or musl/],
    [{ type: 'dnsLookup', files: [], namespace: 'default', pod: 'p', name: 'x', resolver: 'glibc', qtype: 'MX' }, /qtype/],
    [{ type: 'dnsLookup', files: [], namespace: 'default', pod: 'p', resolver: 'glibc' }, /field name must be a string/],
    [{ type: 'podEnv', files: 'x', namespace: 'default', pod: 'p' }, /field files must be an array/],
    [{ type: 'podEnv', files: [], namespace: 1, pod: 'p' }, /field namespace/],
    [{ type: 'ingressRoute', files: [], host: 'h', path: '/', scheme: 'ftp' }, /scheme/],
  ])('rejects %j', (m, err) => {
    const r = parseRequest({ version: PROTOCOL_VERSION, id: 1, ...m });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(err);
  });
});

describe('fuzz: any name, host or path the user types', () => {
  const s = snap(DEFAULT);
  const ing = snap(scenario('ingress.yaml'));
  it('dnsLookup always answers (a lookup or an error), never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('glibc' as const, 'musl' as const), (name, resolver) => {
      const v = dnsLookup(s, { namespace: 'default', pod: 'client', name, resolver });
      if (name.trim() === '') return v.lookup === null;
      return v.lookup !== null && (v.lookup.ok || v.lookup.error.length > 0);
    }), { numRuns: 300 });
  });
  it('ingressRoute always gives a status', () => {
    fc.assert(fc.property(fc.string({ maxLength: 100 }), fc.string({ maxLength: 100 }), (host, p) => {
      const v = ingressRoute(ing, { host, path: `/${p}`, scheme: 'http' });
      return Number.isInteger(v.route.status) && v.route.status >= 200;
    }), { numRuns: 300 });
  });
});
