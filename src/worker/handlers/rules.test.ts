import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../engine/cluster/buildCluster.ts';
import { parseRequest, PROTOCOL_VERSION } from '../protocol.ts';
import { handleRules, newRulesCache } from './rules.ts';
import { checkRulesRequest, type RulesTreeNode } from './rulesTypes.ts';

const scenario = readFileSync(new URL('../../../public/scenarios/web-clusterip-nodeport.yaml', import.meta.url), 'utf8');
const files = (text: string) => [{ name: 'lab.yaml', text }];
const withIpvs = (text: string) => `${text}\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n`;
const flat = (n: RulesTreeNode | null): string[] => (n ? [n.text, ...n.children.flatMap(flat)] : []);

describe('handleRules (default scenario)', () => {
  it('iptables-save with provenance: every KUBE-SEP line links to an EndpointSlice of Service web', () => {
    const r = handleRules(newRulesCache(), { files: files(scenario) });
    expect(r.mode).toBe('iptables');
    expect(r.views).toEqual(['iptables-save', 'iptables-nat', 'iptables-filter']);
    expect(r.dump.lines.length).toBe(r.dump.links.length);
    const sep = r.dump.lines.flatMap((l, i) => (l.startsWith('-A KUBE-SEP-') && l.includes('DNAT') ? [i] : []));
    expect(sep.length, r.dump.lines.join('\n')).toBeGreaterThan(0);
    const cluster = buildCluster(files(scenario));
    for (const i of sep) {
      // The link is this rule's own: the slice it names holds the DNAT destination's address.
      const slice = cluster.objects.find((o) => o.key === r.dump.links[i]?.endpointSlice)?.object as { endpoints?: { addresses: string[] }[] } | undefined;
      const ip = /--to-destination ([\d.]+):/.exec(r.dump.lines[i]!)![1]!;
      expect(slice?.endpoints?.some((e) => e.addresses.includes(ip)), `${r.dump.lines[i]} → ${r.dump.links[i]?.endpointSlice}`).toBe(true);
    }
    expect(r.stats.rules).toBeGreaterThan(0);
    expect(r.stats.restoreBytes).toBeGreaterThan(r.stats.rules);
  });

  it('the chain tree of web: KUBE-SERVICES → KUBE-SVC (probabilities) → KUBE-SEP DNAT', () => {
    const r = handleRules(newRulesCache(), { files: files(scenario), service: 'Service/default/web' });
    const texts = flat(r.tree);
    expect(texts.some((t) => t.startsWith('-A KUBE-SERVICES') && t.includes('-j KUBE-SVC-')), texts.join('\n')).toBe(true);
    expect(texts.filter((t) => t.includes('--probability 0.33333333349')).length, texts.join('\n')).toBe(1);
    expect(texts.some((t) => /-A KUBE-SEP-\S+ .*-j DNAT --to-destination \d+\.\d+\.\d+\.\d+:\d+/.test(t)), texts.join('\n')).toBe(true);
  });

  it('a change is measured: scaling 3 → 2 gives a resync where partial < full and 0.5 probability', () => {
    const cache = newRulesCache();
    handleRules(cache, { files: files(scenario) });
    expect(handleRules(cache, { files: files(scenario) }).resync).toBeNull();
    const scaled = scenario.replace(/replicas: 3/, 'replicas: 2');
    const r = handleRules(cache, { files: files(scaled), service: 'Service/default/web' });
    expect(r.resync, 'resync after a change').not.toBeNull();
    expect(r.resync!.partial.bytes).toBeLessThan(r.resync!.full.bytes);
    expect(r.resync!.changedServicePorts.some((s) => s.startsWith('default/web')), JSON.stringify(r.resync)).toBe(true);
    expect(flat(r.tree).some((t) => t.includes('--probability 0.50000000000'))).toBe(true);
    // An edit that leaves the proxy model alone (a YAML comment) keeps the last change's numbers.
    const again = handleRules(cache, { files: files(`# a note\n${scaled}`) });
    expect(again.resync).toEqual(r.resync);
  });

  it('list views name chains and keep links for service chains', () => {
    const r = handleRules(newRulesCache(), { files: files(scenario), view: 'iptables-nat' });
    expect(r.dump.lines[0]).toMatch(/^Chain PREROUTING/);
    const i = r.dump.lines.findIndex((l) => l.startsWith('Chain KUBE-SVC-'));
    expect(r.dump.links[i]?.service, r.dump.lines.join('\n')).toMatch(/^Service\/default\//);
  });

  it('ipvs mode: ipvsadm -Ln lists the web ClusterIP virtual server, linked, and a tree with weights', () => {
    const r = handleRules(newRulesCache(), { files: files(withIpvs(scenario)), service: 'Service/default/web' });
    expect(r.mode).toBe('ipvs');
    expect(r.view).toBe('ipvsadm');
    const vs = r.dump.lines.findIndex((l, i) => /^TCP\s+\d/.test(l) && r.dump.links[i]?.service === 'Service/default/web');
    expect(vs, r.dump.lines.join('\n')).toBeGreaterThanOrEqual(0);
    expect(r.dump.links[vs + 1]?.endpointSlice, r.dump.lines.join('\n')).toMatch(/^EndpointSlice\//);
    expect(flat(r.tree).filter((t) => t.includes('weight 1')).length, flat(r.tree).join('\n')).toBe(3);
    for (const view of ['ipset', 'kube-ipvs0', 'iptables-save', 'iptables-nat', 'iptables-filter'] as const) {
      const d = handleRules(newRulesCache(), { files: files(withIpvs(scenario)), view }).dump;
      expect(d.lines.length, view).toBeGreaterThan(1);
      if (view === 'kube-ipvs0') expect(d.links.some((l) => l?.service === 'Service/default/web'), d.lines.join('\n')).toBe(true);
    }
  });

  it('an unknown node falls back to the first; a cluster without Services still renders', () => {
    const r = handleRules(newRulesCache(), { files: files(scenario), node: 'nope' });
    expect(r.nodes).toContain(r.node);
    const empty = handleRules(newRulesCache(), { files: files('') });
    expect(empty.dump.lines.length).toBeGreaterThan(0);
  });

  it('nftables mode says it shows iptables instead (a fidelity note, not a silent swap)', () => {
    const r = handleRules(newRulesCache(), { files: files(withIpvs(scenario).replace('mode: ipvs', 'mode: nftables')) });
    expect(r.mode).toBe('iptables');
    expect(r.warnings.join('\n')).toMatch(/nftables is not rendered/);
  });

  it('checkRulesRequest names the bad field', () => {
    expect(checkRulesRequest({ view: 'x' })).toMatch(/field view/);
    expect(checkRulesRequest({ node: 3 })).toMatch(/field node/);
    expect(checkRulesRequest({ view: 'ipvsadm', node: 'n' })).toBeUndefined();
  });

  it('the protocol boundary validates a rules request', () => {
    const base = { version: PROTOCOL_VERSION, id: 1, type: 'rules', files: files('') };
    expect(parseRequest({ ...base, view: 'ipvsadm', node: 'node-1' }).ok).toBe(true);
    const bad = parseRequest({ ...base, view: 'iptables -F' });
    expect(bad.ok ? '' : bad.error).toMatch(/^request rules: field view/);
    const noFiles = parseRequest({ ...base, files: 'x' });
    expect(noFiles.ok ? '' : noFiles.error).toMatch(/^request rules: field files/);
  });
});
