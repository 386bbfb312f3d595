import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCluster } from './buildCluster.ts';
import type { ClusterSnapshot } from './objects.ts';

const scenarioDir = resolve(process.cwd(), 'public/scenarios');
const scenarios = readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml'));
const load = (f: string) => ({ name: f, text: readFileSync(resolve(scenarioDir, f), 'utf8') });
const get = (s: ClusterSnapshot, key: string) => s.objects.find((o) => o.key === key)?.object;
const keys = (s: ClusterSnapshot, kind: string) => s.objects.filter((o) => o.object.kind === kind).map((o) => o.key);

describe('scenarios', () => {
  it('index.json lists every scenario file, the default first', () => {
    const index = JSON.parse(readFileSync(resolve(scenarioDir, 'index.json'), 'utf8')) as { id: string; file: string; title: string; description: string }[];
    expect(index[0]!.id).toBe('web-clusterip-nodeport');
    expect(index.map((e) => e.file).sort()).toEqual([...scenarios].sort());
    for (const e of index) expect(e.title && e.description, e.id).toBeTruthy();
  });

  it.each(scenarios)('%s loads with no error diagnostics and every Pod running', (f) => {
    const s = buildCluster([load(f)]);
    expect(s.diagnostics.filter((d) => d.severity !== 'info'), JSON.stringify(s.diagnostics, null, 1)).toEqual([]);
    const pods = s.objects.filter((o) => o.object.kind === 'Pod');
    expect(pods.length).toBeGreaterThan(0);
    for (const p of pods) expect(p.object.status.phase, p.key).toBe('Running');
  });
});

describe('buildCluster', () => {
  const web = buildCluster([load('web-clusterip-nodeport.yaml')]);

  it('is deterministic: same input, same snapshot', () => {
    expect(JSON.stringify(buildCluster([load('web-clusterip-nodeport.yaml')]))).toBe(JSON.stringify(web));
  });

  it('adds the default two-node cluster and kubeadm objects', () => {
    expect(keys(web, 'Node')).toEqual(['Node/node-1', 'Node/node-2']);
    const n1 = get(web, 'Node/node-1')!;
    expect(n1.spec.podCIDR).toBe('10.244.0.0/24');
    expect(get(web, 'Node/node-2')!.spec.podCIDR).toBe('10.244.1.0/24');
    expect(n1.status.addresses).toEqual([{ type: 'InternalIP', address: '192.168.49.2' }, { type: 'Hostname', address: 'node-1' }]);
    expect(n1.status.conditions.find((c: { type: string }) => c.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(n1.status.allocatable).toMatchObject({ cpu: '4', pods: '110' });
    expect(n1.status.nodeInfo).toMatchObject({ kubeletVersion: expect.stringMatching(/^v1\.3\d/), operatingSystem: 'linux' });
    expect(get(web, 'Service/default/kubernetes')!.spec).toMatchObject({ clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] });
    expect(get(web, 'EndpointSlice/default/kubernetes')).toMatchObject({ endpoints: [{ addresses: ['192.168.49.2'] }], ports: [{ port: 6443 }] });
    expect(get(web, 'Service/kube-system/kube-dns')!.spec).toMatchObject({ clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }, { name: 'metrics', port: 9153, protocol: 'TCP' }] });
    const coredns = web.objects.filter((o) => o.object.kind === 'Pod' && o.object.metadata.namespace === 'kube-system');
    expect(coredns.map((p) => p.object.status.podIP).sort()).toEqual(['10.244.0.2', '10.244.1.2']);
    expect(keys(web, 'Namespace')).toEqual(['Namespace/default', 'Namespace/kube-node-lease', 'Namespace/kube-public', 'Namespace/kube-system']);
  });

  it('allocates ClusterIPs in object order, skipping reserved ones, and keeps requested nodePorts', () => {
    expect(get(web, 'Service/default/web')!.spec).toMatchObject({ clusterIP: '10.96.0.2', clusterIPs: ['10.96.0.2'], type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster' });
    expect(get(web, 'Service/default/web-nodeport')!.spec).toMatchObject({ clusterIP: '10.96.0.3', externalTrafficPolicy: 'Cluster', ports: [{ nodePort: 30080, targetPort: 'http', protocol: 'TCP' }] });
  });

  it('Deployment → ReplicaSet → Pods, with owners, hashes, generatedBy and source', () => {
    const [rsKey] = keys(web, 'ReplicaSet').filter((k) => k.startsWith('ReplicaSet/default/web-'));
    const rs = web.objects.find((o) => o.key === rsKey)!;
    const hash = rs.object.metadata.labels!['pod-template-hash']!;
    expect(rs.object.metadata.name).toBe(`web-${hash}`);
    expect(rs.generatedBy).toBe('Deployment/default/web');
    expect(rs.object.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    const pods = web.objects.filter((o) => o.generatedBy === rsKey);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.object.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.object.metadata.ownerReferences).toMatchObject([{ kind: 'ReplicaSet', name: rs.object.metadata.name, controller: true }]);
      expect(p.source?.pos).toMatchObject({ file: 'web-clusterip-nodeport.yaml', line: 3 });
      // A readinessProbe does not keep the settled default from being Ready.
      expect(p.object.status.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe('True');
    }
    expect(new Set(pods.map((p) => p.object.spec.nodeName))).toEqual(new Set(['node-1', 'node-2']));
    expect(get(web, 'Deployment/default/web')!.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(web.events).toContainEqual(expect.objectContaining({ reason: 'ScalingReplicaSet', object: 'Deployment/default/web', message: `Scaled up replica set ${rs.object.metadata.name} from 0 to 3` }));
  });

  it('exposes lab config with defaults, overridable by the real config kinds', () => {
    expect(web.kubeProxyConfig).toMatchObject({ mode: 'iptables', clusterCIDR: '10.244.0.0/16', iptables: { masqueradeBit: 14 } });
    expect(web.kubeletConfig).toMatchObject({ clusterDomain: 'cluster.local', clusterDNS: ['10.96.0.10'] });
    expect(web.serviceCIDRs).toEqual(['10.96.0.0/12']);
    const s = buildCluster([{ name: 'c.yaml', text: 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\nipvs: {scheduler: lc}\n---\napiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nclusterDomain: lab.local\n' }]);
    expect(s.kubeProxyConfig).toMatchObject({ mode: 'ipvs', ipvs: { scheduler: 'lc', strictARP: false }, clusterCIDR: '10.244.0.0/16' });
    expect(s.kubeletConfig).toMatchObject({ clusterDomain: 'lab.local', clusterDNS: ['10.96.0.10'] });
    const moved = buildCluster([{ name: 'k.yaml', text: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nclusterDNS: [10.96.0.53]\n' }]);
    expect(get(moved, 'Service/kube-system/kube-dns')!.spec.clusterIP).toBe('10.96.0.53');
    expect(s.objects.some((o) => o.object.kind === 'KubeProxyConfiguration')).toBe(false);
  });

  it('user-defined kube-dns and Nodes replace the defaults; options turn defaults off', () => {
    const s = buildCluster([{ name: 'u.yaml', text: 'apiVersion: v1\nkind: Node\nmetadata: {name: only}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: kube-dns, namespace: kube-system}\nspec:\n  clusterIP: 10.96.0.10\n  ports: [{port: 53, protocol: UDP}]\n' }]);
    expect(s.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(keys(s, 'Node')).toEqual(['Node/only']);
    expect(get(s, 'Node/only')!.status.addresses[0]).toEqual({ type: 'InternalIP', address: '192.168.49.2' });
    expect(get(s, 'Service/kube-system/kube-dns')!.spec.selector).toBeUndefined();
    const bare = buildCluster([{ name: 'b.yaml', text: '' }], { systemObjects: false, defaultNodes: false });
    expect(bare.objects.map((o) => o.object.kind).sort()).toEqual(['Namespace', 'Namespace', 'Namespace', 'Namespace']);
  });

  it('unknown kinds are kept with a warning; namespaces referenced are created', () => {
    const s = buildCluster([{ name: 'x.yaml', text: 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: team}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: team}\n' }]);
    expect(s.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('kind "Widget"'), pos: expect.objectContaining({ file: 'x.yaml' }) })]);
    expect(get(s, 'Widget/team/w')).toBeDefined();
    expect(get(s, 'Namespace/team')).toMatchObject({ status: { phase: 'Active' } });
  });

  it('settlePod is pluggable and receives the node and the allocated IP', () => {
    const seen: string[] = [];
    const s = buildCluster([load('headless.yaml')], { systemObjects: false, settlePod: (pod, ctx) => { seen.push(`${pod.metadata.name}@${ctx.node.metadata.name}/${ctx.podIPs[0]}`); return { phase: 'Pending', podIP: ctx.podIPs[0], podIPs: ctx.podIPs.map((ip) => ({ ip })) }; } });
    expect(seen).toEqual(['db-0@node-1/10.244.0.2', 'db-1@node-2/10.244.1.2', 'db-2@node-1/10.244.0.3', 'client@node-2/10.244.1.3']);
    // Not Ready → not ready in the slice, and not serving.
    const slice = s.objects.find((o) => o.object.kind === 'EndpointSlice' && o.object.metadata.name.startsWith('db-'))!.object as unknown as { endpoints: { conditions: unknown }[] };
    expect(slice.endpoints.map((e) => e.conditions)).toEqual(Array(3).fill({ ready: false, serving: false, terminating: false }));
  });

  it('a different seed renames generated objects but not what the user wrote', () => {
    const other = buildCluster([load('web-clusterip-nodeport.yaml')], { seed: 7 });
    expect(keys(other, 'Service')).toEqual(keys(web, 'Service'));
    expect(keys(other, 'ReplicaSet')).toEqual(keys(web, 'ReplicaSet'));
    expect(keys(other, 'Pod')).not.toEqual(keys(web, 'Pod'));
  });

  it('StatefulSet Pods get ordinal names, hostname and subdomain', () => {
    const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  replicas: 2\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: c, image: postgres:17}]\n';
    const s = buildCluster([{ name: 's.yaml', text: sts }], { systemObjects: false });
    expect(keys(s, 'Pod')).toEqual(['Pod/default/db-0', 'Pod/default/db-1']);
    expect(get(s, 'Pod/default/db-1')!.spec).toMatchObject({ hostname: 'db-1', subdomain: 'db' });
    expect(get(s, 'StatefulSet/default/db')!.status).toMatchObject({ replicas: 2, readyReplicas: 2 });
  });

  it.each([
    ['PreferDualStack on a dual-stack cluster', 'PreferDualStack', ['10.96.0.0/12', 'fd00:10:96::/112'], { clusterIPs: ['10.96.0.2', 'fd00:10:96::1'], ipFamilies: ['IPv4', 'IPv6'] }],
    ['PreferDualStack on a single-stack cluster', 'PreferDualStack', ['10.96.0.0/12'], { clusterIPs: ['10.96.0.2'], ipFamilies: ['IPv4'] }],
    ['SingleStack on a dual-stack cluster', 'SingleStack', ['10.96.0.0/12', 'fd00:10:96::/112'], { clusterIPs: ['10.96.0.2'], ipFamilies: ['IPv4'] }],
  ])('dual-stack: %s', (_name, policy, cidrs, want) => {
    const text = `apiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata: {name: lab}\nspec: {cidrs: ${JSON.stringify(cidrs)}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: ds}\nspec:\n  ipFamilyPolicy: ${policy}\n  ports: [{port: 80}]\n`;
    const s = buildCluster([{ name: 'ds.yaml', text }]);
    expect(s.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(get(s, 'Service/default/ds')!.spec).toMatchObject(want);
  });

  it('RequireDualStack on a single-stack cluster is rejected', () => {
    const s = buildCluster([{ name: 'r.yaml', text: 'apiVersion: v1\nkind: Service\nmetadata: {name: ds}\nspec:\n  ipFamilyPolicy: RequireDualStack\n  ports: [{port: 80}]\n' }]);
    expect(s.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', path: 'spec.ipFamilyPolicy', message: expect.stringContaining('not configured for dual-stack') }));
    expect(get(s, 'Service/default/ds')).toBeUndefined();
  });
});
