// What `podlab rules --mode ipvs` prints, and which kube-proxy version a Node reports.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../cluster/objects.ts';
import { buildProxyModel } from '../proxyModel.ts';
import { defaultProxierConfig } from '../proxierConfig.ts';
import { kubernetesVersionOfNode, renderIpvsNode } from './renderIpvsNode.ts';
import { syncIpvsProxyRules } from './syncIpvsProxyRules.ts';

const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' },
  spec: { clusterIP: '10.96.0.20', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } };
const node = (nodeInfo: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { nodeInfo } });

describe('renderIpvsNode', () => {
  const state = syncIpvsProxyRules(buildProxyModel([svc], defaultProxierConfig({ mode: 'ipvs' })));
  it('prints ipvsadm -Ln, ipset list and iptables-save, in that order, under # headers', () => {
    const text = renderIpvsNode(state, { family: 'IPv4' });
    const heads = text.split('\n').filter((l) => /^# (ipvsadm|ipset|iptables-save)/.test(l));
    expect(heads).toEqual(['# ipvsadm -Ln', '# ipset list', '# iptables-save']);
    expect(text).toContain('TCP  10.96.0.20:80 rr\n');
    expect(text).toContain('Name: KUBE-CLUSTER-IP\n');
    expect(text).toContain('-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT --reject-with icmp-port-unreachable\n');
  });
  it('--format restore is kube-proxy\'s own restore input', () => {
    expect(renderIpvsNode(state, { family: 'IPv4', format: 'restore' })).toBe(state.restoreText);
  });
});

describe('kubernetesVersionOfNode', () => {
  it.each<[string, KubeObject | undefined, string]>([
    ['kubeProxyVersion first', node({ kubeProxyVersion: 'v1.26.1', kubeletVersion: 'v1.30.0' }), 'v1.26.1'],
    ['else kubeletVersion', node({ kubeletVersion: 'v1.30.0' }), 'v1.30.0'],
    ['unreadable → the lab default', node({ kubeletVersion: 'latest' }), '1.33'],
    ['no Node → the lab default', undefined, '1.33'],
  ])('%s', (_n, n, want) => expect(kubernetesVersionOfNode(n)).toBe(want));
});
