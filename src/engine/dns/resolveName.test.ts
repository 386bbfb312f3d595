// resolvConfForPod / resolveName over a built lab cluster: the kubelet's file per dnsPolicy,
// and lookups through CoreDNS as a Pod's resolver makes them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../cluster/index.ts';
import { coreDNSOf } from './coredns/fromSnapshot.ts';
import { ClusterDNS, renderHostsFile, resolvConfForPod, resolveName, ResolveError } from './index.ts';
import { findPod } from './resolvConfForPod.ts';

const YAML = `
apiVersion: v1
kind: Namespace
metadata: {name: prod}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: prod}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx, ports: [{containerPort: 80, name: http}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: prod}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: prod}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: ext, namespace: prod}
spec:
  type: ExternalName
  externalName: web.prod.svc.cluster.local
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: default}
spec:
  containers: [{name: c, image: busybox}]
---
apiVersion: v1
kind: Pod
metadata: {name: named, namespace: default}
spec:
  hostname: db-0
  subdomain: db
  hostAliases: [{ip: 10.1.2.3, hostnames: [legacy.example, legacy]}]
  containers: [{name: c, image: busybox}]
---
apiVersion: v1
kind: Pod
metadata: {name: longsearch, namespace: default}
spec:
  dnsConfig:
    searches:
    - aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.corp.example
    - bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.corp.example
    - cccccccccccccccccccccccccccccccccccccccccccccccccccccc.corp.example
  containers: [{name: c, image: alpine}]
---
apiVersion: v1
kind: Service
metadata: {name: nodns, namespace: default}
spec:
  clusterIP: 10.96.100.100
  ports: [{name: dns, port: 53, protocol: UDP}]
---
apiVersion: v1
kind: Pod
metadata: {name: deadns, namespace: default}
spec:
  dnsPolicy: None
  dnsConfig: {nameservers: [10.96.100.100], searches: [default.svc.cluster.local], options: [{name: ndots, value: "5"}]}
  containers: [{name: c, image: busybox}]
---
apiVersion: v1
kind: Pod
metadata: {name: hostnet, namespace: default}
spec:
  hostNetwork: true
  containers: [{name: c, image: busybox}]
---
apiVersion: v1
kind: Pod
metadata: {name: custom, namespace: default}
spec:
  dnsPolicy: None
  dnsConfig: {nameservers: [1.1.1.1], searches: [corp.example], options: [{name: ndots, value: "1"}]}
  containers: [{name: c, image: busybox}]
`;
const snapshot = buildCluster([{ name: 'lab.yaml', text: YAML }]);
const svcIP = (ns: string, name: string) =>
  snapshot.objects.find((o) => o.object.kind === 'Service' && o.object.metadata.namespace === ns && o.object.metadata.name === name)!.object.spec.clusterIP as string;

describe('resolvConfForPod', () => {
  it.each([
    ['client', 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n'],
    // ClusterFirst on the host network silently becomes Default: the node's file.
    ['hostnet', 'nameserver 192.168.49.1\n'],
    ['custom', 'search corp.example\nnameserver 1.1.1.1\noptions ndots:1\n'],
  ])('%s', (pod, want) => {
    expect(resolvConfForPod(snapshot, 'default', pod)?.rendered).toBe(want);
  });
  it('no such Pod → undefined', () => {
    expect(resolvConfForPod(snapshot, 'default', 'nope')).toBeUndefined();
  });
});

describe('resolveName from default/client', () => {
  it('web.prod: NXDOMAIN in the own namespace, then the Service VIP', () => {
    const r = resolveName(snapshot, 'default', 'client', 'web.prod');
    expect(r.queries.map((q) => `${q.qname} ${q.qtype} ${q.rcode}`)).toEqual([
      'web.prod.default.svc.cluster.local. A NXDOMAIN',
      'web.prod.default.svc.cluster.local. AAAA NXDOMAIN',
      'web.prod.svc.cluster.local. A NOERROR',
      'web.prod.svc.cluster.local. AAAA NOERROR',
    ]);
    expect(r.final).toMatchObject({ success: true, answers: [svcIP('prod', 'web')] });
  });
  it('headless db: one A per ready Pod', () => {
    const pods = snapshot.objects.filter((o) => o.object.kind === 'Pod' && o.object.metadata.namespace === 'prod').map((o) => o.object.status.podIP);
    expect([...resolveName(snapshot, 'default', 'client', 'db.prod.svc.cluster.local.').final.answers].sort()).toEqual([...pods].sort());
  });
  it('ExternalName to an in-cluster name: CNAME then the A', () => {
    const r = resolveName(snapshot, 'default', 'client', 'ext.prod', { type: 'A' });
    const hit = r.queries.find((q) => q.rcode === 'NOERROR')!;
    expect(hit.answers).toEqual([
      'ext.prod.svc.cluster.local. 30 IN CNAME web.prod.svc.cluster.local.',
      `web.prod.svc.cluster.local. 30 IN A ${svcIP('prod', 'web')}`,
    ]);
  });
  it('SRV _http._tcp.web.prod and PTR of its VIP', () => {
    expect(resolveName(snapshot, 'default', 'client', '_http._tcp.web.prod', { type: 'SRV' }).final.answers).toEqual(['0 100 80 web.prod.svc.cluster.local.']);
    expect(resolveName(snapshot, 'default', 'client', svcIP('prod', 'web'), { type: 'PTR' }).final.answers).toEqual(['web.prod.svc.cluster.local.']);
  });
  it('musl never searches a name with ndots or more dots', () => {
    const r = resolveName(snapshot, 'default', 'client', 'a.b.c.d.e.f', { resolver: 'musl' });
    expect(r.queries.map((q) => q.qname)).toEqual(['a.b.c.d.e.f.', 'a.b.c.d.e.f.']);
    expect(r.final.success).toBe(false);
  });
  it('a Pod on the host network asks the node resolver, which knows no cluster names', () => {
    const r = resolveName(snapshot, 'default', 'hostnet', 'web.prod.svc.cluster.local');
    expect(r.server.kind).toBe('upstream');
    expect(r.final.success).toBe(false);
  });
  it('rejects a malformed name with a clear error', () => {
    expect(() => resolveName(snapshot, 'default', 'client', 'a..b')).toThrow(/empty label/);
  });
});

describe('a nameserver VIP without endpoints', () => {
  it.each([
    ['glibc', 'TRY_AGAIN'],
    ['musl', 'EAI_AGAIN'],
  ] as const)('%s gives up at the first name with %s', (resolver, error) => {
    const r = resolveName(snapshot, 'default', 'deadns', 'web.prod', { resolver });
    expect(r.queries.every((q) => q.rcode === 'NOREPLY')).toBe(true);
    expect(r.steps.length).toBe(1);
    expect(r.final).toMatchObject({ success: false, error });
    expect(r.notes.join(' ')).toMatch(/no ready endpoints/);
  });
});

describe('musl and a long search line', () => {
  it('musl drops a search line of 255+ characters, glibc keeps it', () => {
    const musl = resolveName(snapshot, 'default', 'longsearch', 'web.prod', { resolver: 'musl' });
    expect(musl.candidates).toEqual(['web.prod.']);
    expect(musl.notes.join(' ')).toMatch(/255 characters/);
    const glibc = resolveName(snapshot, 'default', 'longsearch', 'web.prod');
    expect(glibc.candidates.length).toBe(7);
    expect(glibc.final.success).toBe(true);
  });
});

describe('/etc/hosts before DNS', () => {
  it('renders the kubelet-managed file with the subdomain FQDN and HostAliases', () => {
    const pod = findPod(snapshot, 'default', 'named')!;
    const ip = pod.status.podIP as string;
    expect(renderHostsFile(pod, 'cluster.local')).toBe(
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n' +
        `${ip}\tdb-0.db.default.svc.cluster.local\tdb-0\n\n# Entries added by HostAliases.\n10.1.2.3\tlegacy.example\tlegacy\n`,
    );
  });
  it.each([
    ['db-0', true],
    ['LEGACY.example.', true],
    ['legacy.example.com', false],
  ])('%s from /etc/hosts: %s', (name, files) => {
    const r = resolveName(snapshot, 'default', 'named', name);
    expect(r.final.source).toBe(files ? 'files' : 'dns');
    expect(r.queries.length === 0).toBe(files);
  });
});

describe('fuzz: names typed by a user', () => {
  const dns = coreDNSOf(snapshot);
  const server = new ClusterDNS(dns.cluster, dns.config, null);
  const label = fc.oneof(fc.constantFrom('svc', 'pod', 'prod', 'web', 'db', 'default', 'cluster', 'local', '_http', '_tcp', '10-244-0-3', 'in-addr', 'arpa', '*', ''), fc.string({ maxLength: 10 }));
  const name = fc.array(label, { maxLength: 9 }).map((ls) => ls.join('.'));
  it('CoreDNS answers any name and type with an rcode and well-formed records', () => {
    fc.assert(
      fc.property(name, fc.boolean(), fc.constantFrom('A', 'AAAA', 'SRV', 'PTR', 'TXT', 'NS', 'SOA', 'CNAME', 'MX', 'HINFO', 'AXFR'), (n, dot, t) => {
        const m = server.serve(dot ? `${n}.` : n, t).message;
        expect(['NOERROR', 'NXDOMAIN', 'SERVFAIL']).toContain(m.rcode);
        for (const rr of [...m.answer, ...m.authority, ...m.additional]) expect(rr.name.endsWith('.')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
  it('resolveName gives a result or a ResolveError, never another exception', () => {
    fc.assert(
      fc.property(fc.oneof(name, fc.string({ maxLength: 300 })), fc.constantFrom(undefined, 'A', 'AAAA', 'SRV', 'PTR' as const), fc.constantFrom('glibc' as const, 'musl' as const), (n, type, resolver) => {
        try {
          const r = resolveName(snapshot, 'default', 'client', n, { resolver, ...(type ? { type } : {}) });
          expect(r.final.success || typeof r.final.error === 'string').toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(ResolveError);
          expect((e as Error).message).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
  });
});
