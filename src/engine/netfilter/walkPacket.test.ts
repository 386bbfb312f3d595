// The packet walker on a two-node lab cluster (routed veths, kube-proxy iptables rules from
// the renderer) and on hand-written rulesets: hook order, conntrack, NAT bindings and their
// reversal on replies, hairpin, REJECT, ICMP, branching, and the "not modelled" rule.
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../cluster/index.ts';
import { createRandom } from '../shared/random.ts';
import { formatConntrackTable } from './conntrack.ts';
import { dataplaneFromCluster } from './dataplaneFromCluster.ts';
import { dataplaneFromDump } from './dataplaneFromDump.ts';
import { makePacket, replyTo, type Packet, type PacketSpec } from './packet.ts';
import { parseIptables } from './parseIptables.ts';
import type { TracePath } from './trace.ts';
import { walkPacket, type NodeConnState } from './walkPacket.ts';
import type { Dataplane } from './dataplane.ts';
import type { StartPoint } from './pathState.ts';

const LAB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: empty, namespace: default}
spec: {selector: {app: nobody}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-np, namespace: default}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, targetPort: 8080, nodePort: 30080}]}
`;

const AFFINITY = `---
apiVersion: v1
kind: Service
metadata: {name: sticky, namespace: default}
spec: {selector: {app: web}, sessionAffinity: ClientIP, ports: [{port: 80, targetPort: 8080}]}
`;
const snapshot = buildCluster([{ name: 'lab.yaml', text: LAB + AFFINITY }]);
const { dataplane: dp, diagnostics } = dataplaneFromCluster(snapshot);
const svcIP = (name: string) => snapshot.objects.find((o) => o.object.kind === 'Service' && o.object.metadata.name === name)?.object.spec.clusterIP as string;
const webPods = dp.pods.filter((p) => p.name.startsWith('web-'));
const podStart = (name: string): StartPoint => ({ kind: 'pod', pod: dp.pods.find((p) => p.name.startsWith(name))! });
const pkt = (s: PacketSpec): Packet => {
  const p = makePacket(s);
  if (typeof p === 'string') throw new Error(p);
  return p;
};
const brief = (p: TracePath) => ({ verdict: p.verdict, dnat: p.dnat, masquerade: p.masquerade, probability: p.probability });
const evidence = (p: TracePath) => p.steps.map((s) => `${s.node} ${s.kind} ${s.hook ?? ''} ${s.table ?? ''} ${s.chain ?? ''}#${s.ruleIndex ?? ''} ${s.matched ?? ''} ${s.target ?? ''} ${s.note ?? s.route ?? ''}`).join('\n');

describe('walkPacket on a lab cluster (kindnet-style routed veths, iptables mode)', () => {
  it('the cluster loads without rule diagnostics', () => expect(diagnostics).toEqual([]));

  it('pod → ClusterIP: one path per endpoint, 1/2 each, DNAT in PREROUTING, delivered into the pod', () => {
    const dns = dp.pods.find((p) => p.name.startsWith('coredns'))!;
    const t = walkPacket(dp, { kind: 'pod', pod: dns }, pkt({ proto: 'tcp', src: dns.ip, dst: svcIP('web'), dport: 80 }), { mode: { kind: 'all' } });
    expect(t.paths.map(brief)).toEqual(webPods.map((w) => ({ verdict: 'DELIVERED', dnat: `${w.ip}:8080`, masquerade: false, probability: 0.5 })));
    for (const p of t.paths) {
      const hooks = p.steps.filter((s) => s.kind === 'hook').map((s) => `${s.node}:${s.hook}`);
      expect(hooks.slice(0, 3), evidence(p)).toEqual([`${dns.node}:PREROUTING`, `${dns.node}:FORWARD`, `${dns.node}:POSTROUTING`]);
      expect(p.endpoint).toMatch(/^pod default\/web-/);
    }
  });

  it('the reply is un-DNATed at POSTROUTING of the node that DNATed it: the client sees the VIP', () => {
    const client = dp.pods.find((p) => p.name.startsWith('coredns') && p.node === 'node-1')!;
    const t = walkPacket(dp, { kind: 'pod', pod: client }, pkt({ proto: 'tcp', src: client.ip, dst: svcIP('web'), dport: 80, sport: 41000 }), { mode: { kind: 'all' }, reply: true });
    for (const [i, r] of t.replies.entries()) {
      expect(r?.verdict, evidence(r!)).toBe('DELIVERED');
      expect(r?.finalPacket).toMatchObject({ src: svcIP('web'), sport: 80, dst: client.ip, dport: 41000 });
      const undo = r!.steps.find((s) => s.kind === 'nat' && s.note?.startsWith('reply un-DNAT'));
      expect(undo?.node, evidence(r!)).toBe('node-1');
      expect(undo?.hook).toBe('POSTROUTING');
      expect(r!.steps.some((s) => s.kind === 'conntrack' && s.ctstate === 'ESTABLISHED'), `path ${i}`).toBe(true);
    }
  });

  it('later packets follow the conntrack binding: the nat table is not consulted again', () => {
    const client = podStart('coredns');
    const first = pkt({ proto: 'tcp', src: (client as { pod: { ip: string } }).pod.ip, dst: svcIP('web'), dport: 80, sport: 42000 });
    const t1 = walkPacket(dp, client, first, { mode: { kind: 'seeded', random: createRandom(7) }, reply: true });
    const state = t1.after[0] as ReadonlyMap<string, NodeConnState>;
    const ack: Packet = { ...first, tcpFlags: ['ACK'] };
    for (const seed of [1, 2, 3, 4]) {
      const t2 = walkPacket(dp, client, ack, { mode: { kind: 'seeded', random: createRandom(seed) }, state });
      expect(t2.paths[0]?.dnat).toBe(t1.paths[0]?.dnat);
      expect(t2.paths[0]?.steps.some((s) => s.table === 'nat' && s.kind === 'rule')).toBe(false);
      expect(t2.paths[0]?.steps.find((s) => s.kind === 'nat')?.note).toContain('not consulted');
    }
    const node = (client as { pod: { node: string } }).pod.node;
    const t3 = walkPacket(dp, client, ack, { mode: { kind: 'all' }, state });
    expect(formatConntrackTable(t3.after[0]!.get(node)!.conntrack, 0)).toMatch(/^tcp 6 432000 ESTABLISHED src=\S+ dst=10\.96\.\S+ sport=42000 dport=80 src=10\.244\.\S+ dst=\S+ sport=8080 dport=42000 \[ASSURED\] mark=0 use=1$/);
  });

  it('hairpin: a pod reaching itself through its Service is masqueraded to its node gateway address', () => {
    const self = webPods[0]!;
    const t = walkPacket(dp, { kind: 'pod', pod: self }, pkt({ proto: 'tcp', src: self.ip, dst: svcIP('web'), dport: 80 }), { mode: { kind: 'all' } });
    const back = t.paths.find((p) => p.dnat === `${self.ip}:8080`)!;
    expect(brief(back), evidence(back)).toMatchObject({ verdict: 'DELIVERED', masquerade: true });
    expect(back.finalPacket.src).toMatch(/^10\.244\.\d+\.1$/);
    const other = t.paths.find((p) => p !== back)!;
    expect(other.masquerade).toBe(false);
  });

  it('external client → NodePort: masqueraded to the node, forwarded to the other node; the reply is un-SNATed and un-DNATed on the way back', () => {
    const node1 = dp.nodes.find((n) => n.name === 'node-1')!;
    const nodeIP = node1.localIPs[0]!;
    const client = pkt({ proto: 'tcp', src: '203.0.113.7', dst: nodeIP, dport: 30080, sport: 51000 });
    const t = walkPacket(dp, { kind: 'wire', node: 'node-1', iface: 'eth0' }, client, { mode: { kind: 'all' }, reply: true });
    expect(t.paths).toHaveLength(2);
    for (const [i, p] of t.paths.entries()) {
      expect(brief(p), evidence(p)).toMatchObject({ verdict: 'DELIVERED', masquerade: true, probability: 0.5 });
      const remote = !webPods.some((w) => w.node === 'node-1' && `${w.ip}:8080` === p.dnat);
      expect(p.finalPacket.src, evidence(p)).toBe(remote ? nodeIP : '10.244.0.1');
      const r = t.replies[i]!;
      expect(r.verdict, evidence(r)).toBe('ACCEPT');
      expect(r.finalPacket).toMatchObject({ src: nodeIP, sport: 30080, dst: '203.0.113.7', dport: 51000 });
      const undo = r.steps.filter((s) => s.kind === 'nat' && s.packetBefore).map((s) => `${s.node}:${s.hook}`);
      expect(undo, evidence(r)).toEqual(['node-1:PREROUTING', 'node-1:POSTROUTING']);
    }
  });

  it('a Service with no endpoints is REJECTed in filter with ICMP port-unreachable', () => {
    const c = podStart('coredns');
    const t = walkPacket(dp, c, pkt({ proto: 'tcp', src: (c as { pod: { ip: string } }).pod.ip, dst: svcIP('empty'), dport: 80 }), { mode: { kind: 'all' } });
    const p = t.paths[0]!;
    expect(brief(p), evidence(p)).toEqual({ verdict: 'REJECT', dnat: null, masquerade: false, probability: 1 });
    expect(p.decidedByRule).toMatch(/^filter KUBE-SERVICES #\d+$/);
    expect(p.rejectReply).toMatchObject({ proto: 'icmp', icmpType: 3, icmpCode: 3, src: svcIP('empty') });
    const withReply = walkPacket(dp, c, pkt({ proto: 'tcp', src: (c as { pod: { ip: string } }).pod.ip, dst: svcIP('empty'), dport: 80 }), { mode: { kind: 'all' }, reply: true });
    const icmp = withReply.replies[0]!;
    expect(icmp.verdict, evidence(icmp)).toBe('DELIVERED');
    expect(icmp.endpoint).toMatch(/^pod kube-system\/coredns-/);
    expect(icmp.steps.find((s) => s.kind === 'conntrack')?.ctstate).toBe('RELATED');
  });

  it('ping to a ClusterIP matches no rule (they need -p tcp/udp/sctp --dport) and follows the default route', () => {
    const c = podStart('coredns');
    const t = walkPacket(dp, c, pkt({ proto: 'icmp', src: (c as { pod: { ip: string } }).pod.ip, dst: svcIP('web') }), { mode: { kind: 'all' } });
    expect(t.paths.map(brief)).toEqual([{ verdict: 'ACCEPT', dnat: null, masquerade: false, probability: 1 }]);
    expect(t.paths[0]?.endpoint).toMatch(/^out eth0 of node-\d/);
  });

  it('UDP conntrack timeouts: 30 s unreplied, 120 s once replied (ASSURED)', () => {
    const c = podStart('coredns') as { kind: 'pod'; pod: { ip: string; node: string } };
    const q = pkt({ proto: 'udp', src: c.pod.ip, dst: svcIP('kube-dns'), dport: 53, sport: 5353 });
    const t1 = walkPacket(dp, c as StartPoint, q, { mode: { kind: 'seeded', random: createRandom(1) } });
    const ct1 = formatConntrackTable(t1.after[0]!.get(c.pod.node)!.conntrack, 0);
    expect(ct1).toMatch(/^udp 17 30 src=\S+ dst=10\.96\.0\.10 sport=5353 dport=53 \[UNREPLIED\] /);
    const t2 = walkPacket(dp, c as StartPoint, q, { mode: { kind: 'seeded', random: createRandom(1) }, reply: true });
    expect(formatConntrackTable(t2.after[0]!.get(c.pod.node)!.conntrack, 0)).toMatch(/^udp 17 120 .* \[ASSURED\] /);
    expect(formatConntrackTable(t2.after[0]!.get(c.pod.node)!.conntrack, 200_000)).toBe('');
  });

  it('ClientIP session affinity: -m recent remembers the endpoint for new connections from the same client', () => {
    const c = podStart('coredns') as { kind: 'pod'; pod: { ip: string } };
    const first = walkPacket(dp, c as StartPoint, pkt({ proto: 'tcp', src: c.pod.ip, dst: svcIP('sticky'), dport: 80, sport: 40001 }), { mode: { kind: 'seeded', random: createRandom(3) }, now: 0 });
    const chosen = first.paths[0]!.dnat;
    expect(webPods.map((w) => `${w.ip}:8080`)).toContain(chosen);
    const state = first.after[0]!;
    // A new connection (other source port) 10 s later: every branch leads to the same endpoint.
    const again = walkPacket(dp, c as StartPoint, pkt({ proto: 'tcp', src: c.pod.ip, dst: svcIP('sticky'), dport: 80, sport: 40002 }), { mode: { kind: 'all' }, now: 10_000, state });
    expect(again.paths.map((p) => p.dnat), evidence(again.paths[0]!)).toEqual([chosen]);
    // After the 10800 s stickiness timeout the choice is free again.
    const later = walkPacket(dp, c as StartPoint, pkt({ proto: 'tcp', src: c.pod.ip, dst: svcIP('sticky'), dport: 80, sport: 40003 }), { mode: { kind: 'all' }, now: 10_801_000, state });
    expect(later.paths).toHaveLength(2);
  });

  it('seeded mode is reproducible and picks one of the all-paths outcomes', () => {
    const c = podStart('coredns') as { kind: 'pod'; pod: { ip: string } };
    const p = pkt({ proto: 'tcp', src: c.pod.ip, dst: svcIP('web'), dport: 80 });
    const a = walkPacket(dp, c as StartPoint, p, { mode: { kind: 'seeded', random: createRandom(99) } });
    const b = walkPacket(dp, c as StartPoint, p, { mode: { kind: 'seeded', random: createRandom(99) } });
    expect(a.paths.map(brief)).toEqual(b.paths.map(brief));
    expect(webPods.map((w) => `${w.ip}:8080`)).toContain(a.paths[0]?.dnat);
  });
});

describe('walkPacket in ipvs mode (virtual servers at the IPVS hooks, ClusterIPs on kube-ipvs0)', () => {
  const ipvs = dataplaneFromCluster(snapshot, { mode: 'ipvs' });
  it('follows the mode of the user\'s KubeProxyConfiguration when no mode is passed', () => {
    const kpc = '\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n';
    const configured = dataplaneFromCluster(buildCluster([{ name: 'lab.yaml', text: LAB + AFFINITY + kpc }]));
    expect(configured.dataplane.nodes[0]?.interfaces.some((i) => i.name === 'kube-ipvs0')).toBe(true);
    expect(dp.nodes[0]?.interfaces.some((i) => i.name === 'kube-ipvs0')).toBe(false);
  });
  it('loads without rule diagnostics and binds the ClusterIPs to kube-ipvs0', () => {
    expect(ipvs.diagnostics).toEqual([]);
    expect(ipvs.dataplane.nodes[0]?.interfaces.find((i) => i.name === 'kube-ipvs0')?.addresses).toContain(`${svcIP('web')}/32`);
  });
  it('pod → ClusterIP: local delivery to the VIP, IPVS DNAT at LOCAL_IN (rr: 1/2 each), reply restored to the VIP', () => {
    const c = ipvs.dataplane.pods.find((p) => p.name.startsWith('coredns') && p.node === 'node-1')!;
    const t = walkPacket(ipvs.dataplane, { kind: 'pod', pod: c }, pkt({ proto: 'tcp', src: c.ip, dst: svcIP('web'), dport: 80 }), { mode: { kind: 'all' }, reply: true });
    const byDnat = (a: { dnat: string | null }, b: { dnat: string | null }) => String(a.dnat).localeCompare(String(b.dnat));
    expect(t.paths.map(brief).sort(byDnat)).toEqual(webPods.map((w) => ({ verdict: 'DELIVERED', dnat: `${w.ip}:8080`, masquerade: false, probability: 0.5 })).sort(byDnat));
    for (const [i, p] of t.paths.entries()) {
      expect(p.steps.find((s) => s.kind === 'ipvs' && s.target === 'DNAT')?.hook, evidence(p)).toBe('INPUT');
      expect(p.steps.filter((s) => s.kind === 'hook').map((s) => s.hook).slice(0, 4)).toEqual(['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']);
      expect(t.replies[i]?.finalPacket).toMatchObject({ src: svcIP('web'), sport: 80 });
    }
  });
});

const oneNode = (rules: string): Dataplane => {
  const rs = parseIptables(rules);
  expect(rs.diagnostics).toEqual([]);
  return dataplaneFromDump({ name: 'n', ruleset: rs, localIPs: ['192.168.0.2'] });
};
const wire = { kind: 'wire', node: 'n', iface: 'eth0' } as const;

describe('walkPacket on hand-written rulesets', () => {
  it.each([
    ['jump, RETURN and policy', '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:X - [0:0]\nCOMMIT\n', 'DROP', null],
    ['goto: RETURN in the goto-ed chain returns past the caller', '*filter\n:FORWARD ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n-A FORWARD -j A\n-A FORWARD -j DROP\n-A A -g B\n-A A -j ACCEPT\n-A B -j RETURN\nCOMMIT\n', 'DROP', 'filter FORWARD #2'],
    ['jump: RETURN resumes after the jump', '*filter\n:FORWARD ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n-A FORWARD -j A\n-A FORWARD -j DROP\n-A A -j B\n-A A -j REJECT\n-A B -j RETURN\nCOMMIT\n', 'REJECT', 'filter A #2'],
    ['MARK --set-xmark then -m mark', '*mangle\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j MARK --set-xmark 0x4000/0x4000\nCOMMIT\n*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -m mark --mark 0x4000/0x4000 -j DROP\nCOMMIT\n', 'DROP', 'filter FORWARD #1'],
    ['MARK --xor-mark clears the bit', '*mangle\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j MARK --or-mark 0x4000\n-A PREROUTING -j MARK --xor-mark 0x4000\nCOMMIT\n*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -m mark --mark 0x4000/0x4000 -j DROP\nCOMMIT\n', 'ACCEPT', null],
    ['an unknown match is never taken', '*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -m hashlimit --hashlimit-above 1/sec --hashlimit-name x -j DROP\nCOMMIT\n', 'ACCEPT', null],
    ['raw NOTRACK: ctstate UNTRACKED, no NAT', '*raw\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j NOTRACK\nCOMMIT\n*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j DNAT --to-destination 10.9.9.9:1\nCOMMIT\n*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -m conntrack --ctstate UNTRACKED -j REJECT --reject-with tcp-reset\nCOMMIT\n', 'REJECT', 'filter FORWARD #1'],
    ['ipset match with the caller\'s contents absent is not modelled', '*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -m set --match-set KUBE-CLUSTER-IP dst,dst -j DROP\nCOMMIT\n', 'ACCEPT', null],
  ])('%s', (_n, rules, verdict, by) => {
    const t = walkPacket(oneNode(rules), wire, pkt({ proto: 'tcp', src: '203.0.113.9', dst: '10.1.2.3', dport: 80 }), { mode: { kind: 'all' } });
    const p = t.paths[0]!;
    expect({ verdict: p.verdict, by: p.decidedByRule }, evidence(p)).toEqual({ verdict, by });
  });

  it('reports what it could not model', () => {
    const t = walkPacket(oneNode('*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -m hashlimit --hashlimit-above 1/sec -j DROP\n-A FORWARD -j CONNMARK --set-mark 1\nCOMMIT\n'), wire, pkt({ proto: 'udp', src: '203.0.113.9', dst: '10.1.2.3', dport: 53 }), { mode: { kind: 'all' } });
    expect(t.paths[0]?.notModelled).toEqual(['-m hashlimit', '-j CONNMARK']);
  });

  it('statistic branches: n endpoints → n paths, probabilities 1/n, summing to 1', () => {
    const rules = `*nat\n:PREROUTING ACCEPT [0:0]\n:S - [0:0]\n-A PREROUTING -d 10.1.2.3/32 -p tcp -m tcp --dport 80 -j S
-A S -m statistic --mode random --probability 0.33333333349 -j DNAT --to-destination 10.0.0.1:80
-A S -m statistic --mode random --probability 0.50000000000 -j DNAT --to-destination 10.0.0.2:80
-A S -j DNAT --to-destination 10.0.0.3:80\nCOMMIT\n`;
    const t = walkPacket(oneNode(rules), wire, pkt({ proto: 'tcp', src: '203.0.113.9', dst: '10.1.2.3', dport: 80 }), { mode: { kind: 'all' } });
    expect(t.paths.map((p) => p.dnat)).toEqual(['10.0.0.1:80', '10.0.0.2:80', '10.0.0.3:80']);
    for (const p of t.paths) expect(p.probability).toBeCloseTo(1 / 3, 6);
    expect(t.paths.reduce((a, p) => a + p.probability, 0)).toBeCloseTo(1, 9);
  });

  it('a long chain is indexed but the kernel rule count stays linear', () => {
    const n = 500;
    const lines = Array.from({ length: n }, (_, i) => `-A KUBE-SERVICES -d 172.30.${i >> 8}.${i & 255}/32 -p tcp -m tcp --dport 80 -j ACCEPT`);
    const rules = `*filter\n:FORWARD ACCEPT [0:0]\n:KUBE-SERVICES - [0:0]\n-A FORWARD -j KUBE-SERVICES\n${lines.join('\n')}\nCOMMIT\n`;
    const d = oneNode(rules);
    for (const i of [0, 137, 499]) {
      const t = walkPacket(d, wire, pkt({ proto: 'tcp', src: '203.0.113.9', dst: `172.30.${i >> 8}.${i & 255}`, dport: 80 }), { mode: { kind: 'all' } });
      expect(t.paths[0]?.acceptedByRule).toBe(`filter KUBE-SERVICES #${i + 1}`);
      expect(t.paths[0]?.rulesEvaluated).toBe(1 + i + 1);
    }
    const miss = walkPacket(d, wire, pkt({ proto: 'tcp', src: '203.0.113.9', dst: '172.31.0.1', dport: 80 }), { mode: { kind: 'all' } });
    expect(miss.paths[0]?.rulesEvaluated).toBe(1 + n);
  });

  it('a reply to an untracked-source SNAT is un-SNATed in PREROUTING (before routing)', () => {
    const rules = '*nat\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -o eth0 -j MASQUERADE\nCOMMIT\n';
    const d = dataplaneFromDump({ name: 'n', ruleset: parseIptables(rules), localIPs: ['192.168.0.2'], interfaces: { lo: ['127.0.0.1/8'], cni0: ['10.244.0.1/24'], eth0: ['192.168.0.2/24'] } });
    const out = walkPacket(d, { kind: 'wire', node: 'n', iface: 'cni0' }, pkt({ proto: 'udp', src: '10.244.0.5', dst: '8.8.8.8', dport: 53, sport: 999 }), { mode: { kind: 'all' } });
    expect(out.paths[0]).toMatchObject({ verdict: 'ACCEPT', masquerade: true, finalPacket: { src: '192.168.0.2', sport: 999 } });
    const answer = replyTo(out.paths[0]!.finalPacket);
    const back = walkPacket(d, wire, answer, { mode: { kind: 'all' }, state: out.after[0]! });
    const undo = back.paths[0]!.steps.find((s) => s.kind === 'nat' && s.packetBefore);
    expect(undo?.hook).toBe('PREROUTING');
    expect(back.paths[0]?.finalPacket).toMatchObject({ dst: '10.244.0.5', dport: 999 });
  });
});
