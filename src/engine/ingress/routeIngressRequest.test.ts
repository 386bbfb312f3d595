// routeIngressRequest on whole snapshots: class selection, default backends, status codes,
// TLS, merging of several Ingresses, the two hops and load balancing.
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../cluster/buildCluster.ts';
import { withEchoBackends } from './echoHarness.ts';
import { buildIngressServers } from './ingressServers.ts';
import { routeIngressRequest, type IngressRequest } from './routeIngressRequest.ts';
import { validateIngress } from './validateIngress.ts';
import { compareL4L7 } from './compareL4L7.ts';
import { parse } from 'yaml';
import type { KubeObject } from '../cluster/objects.ts';
import { ingressSpecOf } from './ingressSpec.ts';

const svc = (name: string, ns = 'default', portName?: string) => `
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec: {clusterIP: 10.96.0.${name.length}, ports: [{${portName ? `name: ${portName}, ` : ''}port: 80, targetPort: 8080}]}
`;
const slice = (svcName: string, ips: string[], ns = 'default', ready = true) => `
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: ${svcName}-abc, namespace: ${ns}, labels: {kubernetes.io/service-name: ${svcName}}}
addressType: IPv4
ports: [{name: "", port: 8080, protocol: TCP}]
endpoints: [${ips.map((ip, i) => `{addresses: [${ip}], conditions: {ready: ${ready}}, targetRef: {kind: Pod, name: ${svcName}-${i}}}`).join(', ')}]
`;

function snap(...docs: string[]) {
  return buildCluster([{ name: 'test.yaml', text: docs.join('\n---\n') }]);
}

const web = `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, creationTimestamp: "2026-01-01T00:00:00Z"}
spec:
  defaultBackend: {service: {name: fallback, port: {number: 80}}}
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
      - {path: /cart, pathType: Prefix, backend: {service: {name: cart, port: {number: 80}}}}
`;
const base = [web, svc('api'), slice('api', ['10.244.0.10', '10.244.1.11', '10.244.2.12']), svc('cart'), svc('fallback'), slice('fallback', ['10.244.0.20'])];

describe('routeIngressRequest', () => {
  const s = snap(...base);
  const cases: [string, IngressRequest, { status: number; service: string | null; matchedBy: string }][] = [
    ['rule match', { host: 'shop.example.com', path: '/api/v1/items', scheme: 'https' }, { status: 200, service: 'api', matchedBy: 'rule' }],
    ['Service without endpoints → 503', { host: 'shop.example.com', path: '/cart', scheme: 'https' }, { status: 503, service: 'cart', matchedBy: 'rule' }],
    ["unmatched path on a rule host → that Ingress's defaultBackend", { host: 'shop.example.com', path: '/about', scheme: 'https' }, { status: 200, service: 'fallback', matchedBy: 'ingressDefaultBackend' }],
    ['unknown host, Ingress with rules → controller 404', { host: 'other.example.com', path: '/' }, { status: 404, service: null, matchedBy: 'controllerDefaultBackend' }],
  ];
  it.each(cases)('%s', (_n, req, want) => {
    const r = routeIngressRequest(s, req);
    expect({ status: r.status, service: r.backend?.service ?? null, matchedBy: r.matchedBy }, r.reason).toEqual(want);
  });

  it('returns two hops: L4 to the controller, L7 straight to an endpoint', () => {
    const r = routeIngressRequest(s, { host: 'shop.example.com', path: '/api', scheme: 'https' });
    expect(r.hops.map((h) => h.layer)).toEqual(['L4', 'L7']);
    expect(r.hops[0]!.to).toMatch(/:443$/);
    expect(r.hops[1]!.to).toBe('10.244.0.10:8080');
    expect(r.tls).toEqual({ terminated: true, secretName: 'shop-tls', defaultCertificate: false });
  });

  it('plain HTTP to a TLS host is redirected (ssl-redirect 308) and then served over https', () => {
    const r = routeIngressRequest(s, { host: 'shop.example.com', path: '/api', scheme: 'http' });
    expect(r.redirect).toEqual({ status: 308, location: 'https://shop.example.com/api' });
    expect(r.status).toBe(200);
  });

  it('round robin spreads requests over every ready endpoint', () => {
    const r = routeIngressRequest(s, { host: 'shop.example.com', path: '/api', scheme: 'https' }, { count: 7 });
    expect(r.picks.map((p) => p.pod)).toEqual(['api-0', 'api-1', 'api-2', 'api-0', 'api-1', 'api-2', 'api-0']);
    expect(r.distinctPods).toBe(3);
  });

  it('not-ready endpoints are not used', () => {
    const r = routeIngressRequest(snap(web, svc('api'), slice('api', ['10.244.0.10'], 'default', false)), { host: 'shop.example.com', path: '/api', scheme: 'https' });
    expect(r.status).toBe(503);
  });

  it('a named backend port resolves through the Service', () => {
    const ing = `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: named}
spec: {rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: api, port: {name: http}}}}]}}]}
`;
    const r = routeIngressRequest(snap(ing, svc('api', 'default', 'http')), { host: '', path: '/' });
    expect(r.backend?.port).toEqual({ name: 'http', resolvesTo: 80 });
  });

  it('the oldest Ingress wins a host+path both define; a rule-less Ingress sets the catch-all', () => {
    const older = `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: b-older, creationTimestamp: "2025-01-01T00:00:00Z"}
spec: {rules: [{host: a.test, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: old, port: {number: 80}}}}]}}]}
`;
    const newer = older.replace('b-older', 'a-newer').replace('2025', '2026').replace('name: old', 'name: new');
    const catchAll = `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: catch}
spec: {defaultBackend: {service: {name: everything, port: {number: 80}}}}
`;
    const s2 = snap(newer, older, catchAll);
    expect(routeIngressRequest(s2, { host: 'a.test', path: '/' }).backend?.service).toBe('old');
    const other = routeIngressRequest(s2, { host: 'z.test', path: '/x' });
    expect([other.matchedBy, other.backend?.service]).toEqual(['catchAllDefaultBackend', 'everything']);
  });
});

describe('IngressClass selection', () => {
  const ing = (meta: string, spec = '') => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i, ${meta}}
spec: {${spec} defaultBackend: {service: {name: api, port: {number: 80}}}}
`;
  const cls = (name: string, controller: string, isDefault = false) => `
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: ${name}${isDefault ? ', annotations: {ingressclass.kubernetes.io/is-default-class: "true"}' : ''}}
spec: {controller: ${controller}}
`;
  const cases: [string, string[], boolean][] = [
    ['no class, no default → served (watch-ingress-without-class)', [ing('')], true],
    ['ingressClassName: nginx (the chart installs it)', [ing('', 'ingressClassName: nginx,')], true],
    ['ingressClassName naming no IngressClass', [ing('', 'ingressClassName: some-invalid-class-name,')], false],
    ['ingressClassName of another controller', [ing('', 'ingressClassName: traefik,'), cls('traefik', 'traefik.io/ingress-controller')], false],
    ['default class is another controller', [ing(''), cls('traefik', 'traefik.io/ingress-controller', true)], false],
    ['default class is ours', [ing(''), cls('internal', 'k8s.io/ingress-nginx', true)], true],
    ['legacy annotation nginx', [ing('annotations: {kubernetes.io/ingress.class: nginx}')], true],
    ['legacy annotation other', [ing('annotations: {kubernetes.io/ingress.class: gce}')], false],
    ['annotation and ingressClassName disagree → rejected by validation', [ing('annotations: {kubernetes.io/ingress.class: gce}', 'ingressClassName: nginx,')], false],
  ];
  it.each(cases)('%s', (_n, docs, served) => {
    const t = buildIngressServers(snap(...docs));
    expect(t.ingresses[0]?.served, t.ingresses[0]?.decision.reason).toBe(served);
  });
});

describe('validateIngress', () => {
  // parsed directly: the cluster pipeline may itself reject invalid Ingresses before routing sees them
  const spec = (s: string) => ingressSpecOf(parse(`apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: v}\nspec: ${s}`) as KubeObject);
  const be = '{service: {name: api, port: {number: 80}}}';
  const cases: [string, string, RegExp | null][] = [
    ['ok', `{defaultBackend: ${be}}`, null],
    ['empty spec', '{}', /either `defaultBackend` or `rules`/],
    ['IP host', `{rules: [{host: 1.2.3.4, http: {paths: [{path: /, pathType: Prefix, backend: ${be}}]}}]}`, /not an IP/],
    ['bare *', `{rules: [{host: "*", http: {paths: [{path: /, pathType: Prefix, backend: ${be}}]}}]}`, /RFC 1123/],
    ['relative Prefix path', `{rules: [{http: {paths: [{path: foo, pathType: Prefix, backend: ${be}}]}}]}`, /absolute path/],
    ['// in Exact path', `{rules: [{http: {paths: [{path: /a//b, pathType: Exact, backend: ${be}}]}}]}`, /must not contain '\/\/'/],
    ['missing pathType', `{rules: [{http: {paths: [{path: /, backend: ${be}}]}}]}`, /pathType must be specified/],
    ['port name and number', '{defaultBackend: {service: {name: api, port: {number: 80, name: http}}}}', /port name or number/],
    ['empty ImplementationSpecific path is fine', `{rules: [{http: {paths: [{pathType: ImplementationSpecific, backend: ${be}}]}}]}`, null],
  ];
  it.each(cases)('%s', (_n, s, want) => {
    const msgs = validateIngress(spec(s)).map((d) => d.message).join('; ');
    if (want) expect(msgs).toMatch(want);
    else expect(msgs).toBe('');
  });
});

describe('withEchoBackends', () => {
  it('adds one ready endpoint per backend Service, or the scaled replica count', () => {
    const s = withEchoBackends(snap(web, svc('api')), { scaleDeployment: 'web-api', replicas: 4 });
    const r = routeIngressRequest(s, { host: 'shop.example.com', path: '/api', scheme: 'https' }, { count: 40 });
    expect(r.distinctPods).toBe(4);
    expect(routeIngressRequest(s, { host: 'shop.example.com', path: '/cart', scheme: 'https' }).status).toBe(503); // no Service cart
  });
});

describe('compareL4L7', () => {
  it("fills the seed's table from the scenario and the request", () => {
    const lb = `
apiVersion: v1
kind: Service
metadata: {name: game, namespace: default}
spec: {type: LoadBalancer, clusterIP: 10.96.9.9, ports: [{port: 7777, protocol: UDP}]}
`;
    const s = snap(...base, lb);
    const t = buildIngressServers(s);
    const rows = compareL4L7(s, t, routeIngressRequest(s, { host: 'shop.example.com', path: '/api', scheme: 'https' }, { servers: t }));
    const row = (a: string) => rows.find((r) => r.aspect === a)!;
    expect(row('load balancer address').l4).toContain('default/game');
    expect(row('load balancer address').l7).toMatch(/^3 backend Service\(s\) share/); // api, cart and the defaultBackend fallback
    expect(row('DNS names').l7).toContain('shop.example.com');
    expect(row('protocols and TLS').l7).toContain('shop-tls');
    expect(row('this request: decision').l7).toBe('Service default/api → endpoint 10.244.0.10:8080, per request (round robin)');
  });
});
