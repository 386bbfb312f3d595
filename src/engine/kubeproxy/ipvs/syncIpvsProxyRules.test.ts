// The ipvs renderer beyond the vectors: graceful termination across syncs, the kube-proxy
// version switch, the KUBE-CLUSTER-IP masquerade variants, schedulers and flags, node address
// selection, the allow-from-node LB case, and the node tools' text (ipset list, ip addr, save).
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../cluster/objects.ts';
import { buildProxyModel } from '../proxyModel.ts';
import { defaultProxierConfig } from '../proxierConfig.ts';
import type { ProxierConfig } from '../types.ts';
import { formatIpsetList } from './ipsetList.ts';
import { ipsetName } from './ipset.ts';
import { ipvsIptablesSaveText } from './ipvsIptablesRules.ts';
import { ipvsBehaviourFor } from './ipvsVersionBehaviour.ts';
import { formatIpAddrShowKubeIpvs0 } from './kubeIpvs0.ts';
import { syncIpvsProxyRules, type IpvsSyncOptions, type IpvsProxierState } from './syncIpvsProxyRules.ts';

const objs = (yaml: string): KubeObject[] => parseAllDocuments(yaml).map((d) => d.toJS() as KubeObject);
const svc = (extra = '', ports = '  - {name: http, port: 80, protocol: TCP, nodePort: 30080}') => `apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  type: NodePort
  clusterIP: 10.96.0.10
${extra}  ports:
${ports}
`;
const slice = (eps: string[]) => `---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-1, namespace: default, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
ports: [{name: http, port: 8080, protocol: TCP}]
endpoints:
${eps.map((e) => `- {addresses: [${e.split('@')[0]}], nodeName: ${e.split('@')[1] ?? 'node-2'}}`).join('\n')}
`;
const cfg = (over: Partial<ProxierConfig> = {}) => defaultProxierConfig({ nodeName: 'node-1', nodeIPs: ['192.168.0.10'], hostInterfaces: { eth0: ['192.168.0.10/24'] }, mode: 'ipvs', ...over });
const sync = (yaml: string, opts: IpvsSyncOptions = {}, over: Partial<ProxierConfig> = {}) => syncIpvsProxyRules(buildProxyModel(objs(yaml), cfg(over)), opts);
const vsList = (s: IpvsProxierState) => s.virtualServers.map((v) => `${v.protocol} ${v.address}:${v.port} ${v.realServers.map((r) => `${r.address}:${r.port}/${r.weight}`).join(',')}`);

describe('graceful termination (graceful_termination.go)', () => {
  const two = svc() + slice(['10.244.1.5@node-1', '10.244.2.7']);
  const one = svc() + slice(['10.244.1.5@node-1']);
  it('a real server that leaves with live connections stays at weight 0; without them it goes', () => {
    const first = sync(two);
    const withConns: IpvsProxierState = { ...first, virtualServers: first.virtualServers.map((v) => ({ ...v, realServers: v.realServers.map((r) => (r.address === '10.244.2.7' && v.port === 80 ? { ...r, activeConn: 2 } : r)) })) };
    const next = sync(one, { previous: withConns });
    expect(vsList(next)).toEqual(['TCP 10.96.0.10:80 10.244.1.5:8080/1,10.244.2.7:8080/0', 'TCP 192.168.0.10:30080 10.244.1.5:8080/1']);
    expect(next.gracefulTermination).toEqual(['10.96.0.10:80/TCP/10.244.2.7:8080']);
    // Connections drained: the next sync deletes it; coming back: weight 1 again.
    const drained = sync(one, { previous: { ...next, virtualServers: next.virtualServers.map((v) => ({ ...v, realServers: v.realServers.map((r) => ({ ...r, activeConn: 0 })) })) } });
    expect(vsList(drained)[0]).toBe('TCP 10.96.0.10:80 10.244.1.5:8080/1');
    expect(vsList(sync(two, { previous: next }))[0]).toBe('TCP 10.96.0.10:80 10.244.1.5:8080/1,10.244.2.7:8080/1');
  });
  it('UDP real servers are deleted at once (IsRsGracefulTerminationNeeded)', () => {
    const udp = (eps: string[]) => svc('', '  - {name: http, port: 80, protocol: UDP}') + slice(eps).replace('protocol: TCP', 'protocol: UDP');
    const first = sync(udp(['10.244.1.5', '10.244.2.7']));
    const busy = { ...first, virtualServers: first.virtualServers.map((v) => ({ ...v, realServers: v.realServers.map((r) => ({ ...r, inactConn: 5 })) })) };
    expect(vsList(sync(udp(['10.244.1.5']), { previous: busy }))).toEqual(['UDP 10.96.0.10:80 10.244.1.5:8080/1']);
  });
  it('a deleted Service takes its VSs and kube-ipvs0 address with it', () => {
    const first = sync(two);
    const gone = sync('', { previous: first });
    expect(gone.virtualServers).toEqual([]);
    expect(gone.kubeIpvs0Addresses).toEqual([]);
  });
});

describe('rules by version and config', () => {
  it.each([
    ['1.26', false, true], ['v1.27.0', true, false], ['1.33', true, false],
  ])('kube-proxy %s: KUBE-IPVS-FILTER %s, ClusterIP answers ping %s', (v, filter, ping) => {
    const b = ipvsBehaviourFor(v);
    expect([b.ipvsFilterChain, b.clusterIPAnswersPing]).toEqual([filter, ping]);
    const s = sync(svc(), { kubernetesVersion: v });
    expect(s.restoreText.includes(':KUBE-IPVS-FILTER')).toBe(filter);
    expect(s.restoreText.includes('-A KUBE-IPVS-FILTER')).toBe(filter);
  });
  it('rejects a version it cannot read', () => {
    expect(() => ipvsBehaviourFor('latest')).toThrow(/not a Kubernetes version/);
  });
  it.each<[string, Partial<ProxierConfig>, string]>([
    ['masqueradeAll', { masqueradeAll: true }, '-m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ'],
    ['cluster CIDR detector', { localDetector: { mode: 'ClusterCIDR', clusterCIDR: '10.244.0.0/16' } }, '-m set --match-set KUBE-CLUSTER-IP dst,dst ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ'],
    ['no detector', {}, '-m set --match-set KUBE-CLUSTER-IP src,dst -j KUBE-MARK-MASQ'],
  ])('KUBE-CLUSTER-IP masquerade rule: %s', (_n, over, want) => {
    expect(sync(svc(), {}, over).restoreText).toContain(want);
  });
  it('mh sets the source-hash flag; sessionAffinity sets persistent on every VS', () => {
    const s = sync(svc('  sessionAffinity: ClientIP\n  sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}\n'), { scheduler: 'mh' });
    expect(s.virtualServers.map((v) => [v.scheduler, v.flags, v.timeout])).toEqual([['mh', ['persistent', 'source-hash'], 60], ['mh', ['persistent', 'source-hash'], 60]]);
  });
  it('nodePortAddresses picks the interface addresses inside the CIDRs, loopback never', () => {
    const s = sync(svc(), {}, { nodePortAddresses: ['192.168.0.0/16', '127.0.0.0/8'], hostInterfaces: { lo: ['127.0.0.1/8'], eth0: ['192.168.0.10/24'], eth1: ['172.16.0.4/24'] } });
    expect(s.virtualServers.map((v) => v.address)).toEqual(['10.96.0.10', '192.168.0.10']);
  });
  it('an externalIP that is a node address gets a VS but is not bound to kube-ipvs0', () => {
    const s = sync(svc('  externalIPs: [192.168.0.10, 203.0.113.7]\n'));
    expect(s.kubeIpvs0Addresses).toEqual(['10.96.0.10', '203.0.113.7']);
    expect(s.virtualServers.some((v) => v.address === '192.168.0.10' && v.port === 80)).toBe(true);
  });
  it('source ranges that contain the node IP: allowed from the node (KUBE-LOAD-BALANCER-SOURCE-IP), no OUT-FILTER drop', () => {
    const lb = svc('  loadBalancerSourceRanges: [192.168.0.0/16]\n').replace('type: NodePort', 'type: LoadBalancer') + 'status: {loadBalancer: {ingress: [{ip: 1.2.3.4}]}}\n';
    const s = sync(lb);
    expect(s.ipsets.get('KUBE-LOAD-BALANCER-SOURCE-IP')).toEqual(['1.2.3.4,tcp:80,1.2.3.4']);
    expect(s.restoreText).not.toContain('-A KUBE-IPVS-OUT-FILTER');
  });
  it('ETP Local LoadBalancer: health check node port set, LOCAL sets, VS only with local endpoints', () => {
    const lb = svc('  externalTrafficPolicy: Local\n  healthCheckNodePort: 32000\n').replace('type: NodePort', 'type: LoadBalancer')
      + 'status: {loadBalancer: {ingress: [{ip: 1.2.3.4}]}}\n' + slice(['10.244.1.5@node-1', '10.244.2.7']);
    const s = sync(lb);
    expect(s.ipsets.get('KUBE-HEALTH-CHECK-NODE-PORT')).toEqual(['32000']);
    expect(s.ipsets.get('KUBE-NODE-PORT-LOCAL-TCP')).toEqual(['30080']);
    expect(s.ipsets.get('KUBE-LOAD-BALANCER-LOCAL')).toEqual(['1.2.3.4,tcp:80']);
    expect(vsList(s)).toEqual(['TCP 10.96.0.10:80 10.244.1.5:8080/1,10.244.2.7:8080/1', 'TCP 1.2.3.4:80 10.244.1.5:8080/1', 'TCP 192.168.0.10:30080 10.244.1.5:8080/1']);
  });
});

describe('node tool text', () => {
  const s = sync(svc() + slice(['10.244.1.5@node-1']));
  it('ipset list: header per type, members, references counted from the rules', () => {
    const text = formatIpsetList(s.ipsets, { family: 'IPv4', rules: s.iptables, includeEmpty: false });
    expect(text).toContain('Name: KUBE-CLUSTER-IP\nType: hash:ip,port\nRevision: 7\nHeader: family inet hashsize 1024 maxelem 65536\nSize in memory: 424\nReferences: 3\nNumber of entries: 1\nMembers:\n10.96.0.10,tcp:80\n');
    expect(text).toContain('Name: KUBE-NODE-PORT-TCP\nType: bitmap:port\nRevision: 3\nHeader: range 0-65535\n');
    expect(text).not.toContain('KUBE-EXTERNAL-IP');
  });
  it('IPv6 set names: KUBE-6- prefix, cut to 31 characters', () => {
    expect(ipsetName('KUBE-CLUSTER-IP', 'IPv6')).toBe('KUBE-6-CLUSTER-IP');
    expect(ipsetName('KUBE-NODE-PORT-LOCAL-SCTP-HASH', 'IPv6')).toBe('KUBE-6-NODE-PORT-LOCAL-SCTP-HAS');
  });
  it('ip addr show kube-ipvs0: DOWN dummy link, /32 per address', () => {
    const text = formatIpAddrShowKubeIpvs0(['10.96.0.10', 'fd00::a'], { nodeName: 'node-1' });
    expect(text).toMatch(/^5: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default \n {4}link\/ether ([0-9a-f]{2}:){5}[0-9a-f]{2} brd ff:ff:ff:ff:ff:ff\n/);
    expect(text).toContain('    inet 10.96.0.10/32 scope global kube-ipvs0\n       valid_lft forever preferred_lft forever\n');
    expect(text).toContain('    inet6 fd00::a/128 scope global \n');
  });
  it('iptables-save: jump rules first (last inserted on top), marks normalised', () => {
    const text = ipvsIptablesSaveText(s.restoreText, { ipvsFilter: true, family: 'IPv4' });
    expect(text).toContain('-A INPUT -m comment --comment "kubernetes ipvs access filter" -j KUBE-IPVS-FILTER\n-A INPUT -m comment --comment "kube-proxy firewall rules" -j KUBE-PROXY-FIREWALL\n-A INPUT -m comment --comment "kubernetes health check rules" -j KUBE-NODE-PORT\n');
    expect(text).toContain('-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n');
    expect(text).toContain('-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0\n');
    expect(text).toContain('-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN\n');
  });
});
