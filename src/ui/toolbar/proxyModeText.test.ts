import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readProxyMode, setProxyMode } from './proxyModeText.ts';

const KPC = 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\n';
const SVC = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\n';

describe('proxy mode in the YAML', () => {
  it.each([
    ['no config', SVC, 'iptables'],
    ['config without mode', `${SVC}---\n${KPC}`, 'iptables'],
    ['empty mode', `${KPC}mode: ""\n`, 'iptables'],
    ['ipvs', `${SVC}---\n${KPC}mode: ipvs # chosen\n`, 'ipvs'],
    ['quoted', `${KPC}mode: 'nftables'\n`, 'nftables'],
    ['mode in another doc is not it', `kind: Other\nmode: ipvs\n---\n${KPC}`, 'iptables'],
  ])('reads %s', (_n, text, want) => expect(readProxyMode(text)).toBe(want));

  it.each([
    ['appends a config', SVC, 'ipvs', `${SVC}---\n${KPC}mode: ipvs\n`],
    ['appends after text without a final newline', 'a: 1', 'ipvs', `a: 1\n---\n${KPC}mode: ipvs\n`],
    ['replaces the mode, keeps the comment', `${KPC}mode: iptables # x\n`, 'ipvs', `${KPC}mode: ipvs # x\n`],
    ['inserts after kind', `${SVC}---\n${KPC}clusterCIDR: 10.244.0.0/16\n`, 'ipvs', `${SVC}---\n${KPC}mode: ipvs\nclusterCIDR: 10.244.0.0/16\n`],
  ] as const)('%s', (_n, text, mode, want) => {
    expect(setProxyMode(text, mode)).toBe(want);
    expect(readProxyMode(setProxyMode(text, mode))).toBe(mode);
  });

  it('fuzz: set then read gives the mode back, and never touches other documents', () => {
    fc.assert(fc.property(fc.string(), fc.constantFrom('iptables', 'ipvs', 'nftables' as const), (junk, mode) => {
      const text = `${junk.replace(/KubeProxyConfiguration/g, '')}`;
      const out = setProxyMode(text, mode);
      expect(readProxyMode(out)).toBe(mode);
      expect(out.startsWith(text)).toBe(true);
    }), { numRuns: 300 });
  });
});
