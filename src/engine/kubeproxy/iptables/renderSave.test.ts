// iptables-save rendering (research §14): kube-proxy's restore arguments come back from the
// kernel in iptables' own order, with /32, quoted comments, normalised marks and probabilities.
import { describe, expect, it } from 'vitest';
import { saveRuleText } from './renderSave.ts';
import { renderList } from './renderList.ts';

describe('saveRuleText', () => {
  it.each([
    ['-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O',
      '-A KUBE-SERVICES -d 172.30.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O'],
    ['-A KUBE-SEP-X -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80',
      '-A KUBE-SEP-X -p tcp -m comment --comment "ns1/svc1:p80" -m tcp -j DNAT --to-destination 10.180.0.1:80'],
    ['-A KUBE-SVC-X -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-X ! -s 10.0.0.0/8 -d 172.30.0.44/32 -p tcp -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ'],
    ['-A KUBE-SVC-X -m comment --comment "s -> 10.0.0.1:80" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-Y',
      '-A KUBE-SVC-X -m comment --comment "s -> 10.0.0.1:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-Y'],
    ['-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000', '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000'],
    ['-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000', '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0'],
    ['-A KUBE-POSTROUTING -m mark ! --mark 0x00004000/0x00004000 -j RETURN', '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN'],
    ['-A KUBE-SERVICES -m comment --comment "s has no endpoints" -m tcp -p tcp -d 172.30.0.46 --dport 80 -j REJECT',
      '-A KUBE-SERVICES -d 172.30.0.46/32 -p tcp -m comment --comment "s has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable'],
    ['-A KUBE-SVC-X -m comment --comment "s -> 10.0.0.1:80" -m recent --name KUBE-SEP-Y --rcheck --seconds 10800 --reap -j KUBE-SEP-Y',
      '-A KUBE-SVC-X -m comment --comment "s -> 10.0.0.1:80" -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-Y --mask 255.255.255.255 --rsource -j KUBE-SEP-Y'],
  ])('%s', (input, want) => expect(saveRuleText(input, 'IPv4')).toBe(want));
  it('IPv6 host addresses get /128 and REJECT the ICMPv6 default', () => {
    expect(saveRuleText('-A KUBE-SERVICES -m comment --comment "s has no endpoints" -m tcp -p tcp -d fd00:172:30::41 --dport 80 -j REJECT', 'IPv6'))
      .toBe('-A KUBE-SERVICES -d fd00:172:30::41/128 -p tcp -m comment --comment "s has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp6-port-unreachable');
  });
});

describe('renderList (iptables -L -n -v)', () => {
  it('prints headers, counters, columns and module details', () => {
    const state = '*nat\n:PREROUTING ACCEPT [0:0]\n:KUBE-SERVICES - [0:0]\n-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES\n' +
      '-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-X\nCOMMIT\n';
    expect(renderList(state, 'nat', 'IPv4').split('\n')).toEqual([
      'Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)',
      ' pkts bytes target     prot opt in     out     source               destination         ',
      '    0     0 KUBE-SERVICES  all  --  *      *       0.0.0.0/0            0.0.0.0/0            /* kubernetes service portals */',
      '',
      'Chain KUBE-SERVICES (1 references)',
      ' pkts bytes target     prot opt in     out     source               destination         ',
      '    0     0 KUBE-SVC-X  tcp  --  *      *       0.0.0.0/0            172.30.0.41          /* ns1/svc1:p80 cluster IP */ tcp dpt:80',
      '',
    ]);
  });
});

describe('the fast save path equals the text path', () => {
  it('firstSyncSaveTables renders what nodeStateAfterFirstSync + renderSave does (TestOverallIPTablesRules)', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { parseManifests, proxierConfigFromVector } = await import('../../../cli/conformance/families/iptables.ts');
    const { buildProxyModel } = await import('../proxyModel.ts');
    const { syncProxyRules } = await import('./syncProxyRules.ts');
    const { renderRestore } = await import('./renderRestore.ts');
    const { nodeStateAfterFirstSync, firstSyncSaveTables } = await import('./nodeState.ts');
    const { renderSave, renderSaveTables } = await import('./renderSave.ts');
    const v = JSON.parse(readFileSync(path.resolve(process.cwd(), '../shared/vectors/iptables/TestOverallIPTablesRules.json'), 'utf8'));
    const rs = syncProxyRules(buildProxyModel(parseManifests(v.manifests, 'v'), proxierConfigFromVector(v.config, 'v')));
    const slow = renderSave(nodeStateAfterFirstSync(rs, renderRestore(rs)), { family: 'IPv4' });
    expect(renderSaveTables(firstSyncSaveTables(rs), { family: 'IPv4' })).toBe(slow);
    expect(slow).toContain('-A KUBE-SEP-I77PXRDZVX7PMWMN -p tcp -m comment --comment "ns5/svc5:p80" -m recent --set --name KUBE-SEP-I77PXRDZVX7PMWMN --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.180.0.3:80');
  });
});
