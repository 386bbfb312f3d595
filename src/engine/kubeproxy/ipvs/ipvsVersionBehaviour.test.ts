// Version-dependent behaviour and the sysctls kube-proxy sets in ipvs mode.
import { describe, expect, it } from 'vitest';
import { ipvsSysctls } from './ipvsSysctls.ts';
import { ipvsBehaviourFor, parseKubernetesVersion } from './ipvsVersionBehaviour.ts';

describe('ipvsBehaviourFor', () => {
  it.each([
    ['1.26', { ipvsFilterChain: false, clusterIPAnswersPing: true, vipReachesHostSockets: true, ipvsModeDeprecated: false }],
    ['1.27', { ipvsFilterChain: true, clusterIPAnswersPing: false, vipReachesHostSockets: false, ipvsModeDeprecated: false }],
    ['v1.35.0', { ipvsFilterChain: true, clusterIPAnswersPing: false, vipReachesHostSockets: false, ipvsModeDeprecated: true }],
  ])('%s', (v, want) => expect(ipvsBehaviourFor(v)).toMatchObject(want));
  it.each([['1.30.0-rc.1', [1, 30]], ['v2.0', [2, 0]], ['1', null], ['', null]])('parses %j', (t, want) => {
    expect(parseKubernetesVersion(t)).toEqual(want);
  });
});

describe('ipvsSysctls', () => {
  const keys = (o: Parameters<typeof ipvsSysctls>[0]) => ipvsSysctls(o).map((s) => `${s.key}=${s.value}`);
  it('always: conntrack, expire_nodest_conn, expire_quiescent_template, ip_forward', () => {
    expect(keys({})).toEqual(['net/ipv4/vs/conntrack=1', 'net/ipv4/vs/expire_nodest_conn=1', 'net/ipv4/vs/expire_quiescent_template=1', 'net/ipv4/ip_forward=1']);
  });
  it.each([['4.19.0', true], ['5.8.3', true], ['5.9.0', false], ['6.1.0', false], ['3.10', false]])('conn_reuse_mode on kernel %s: %s', (k, has) => {
    expect(keys({ kernelVersion: k }).includes('net/ipv4/vs/conn_reuse_mode=0')).toBe(has);
  });
  it('strictARP adds arp_ignore=1 and arp_announce=2', () => {
    expect(keys({ strictARP: true }).slice(-2)).toEqual(['net/ipv4/conf/all/arp_ignore=1', 'net/ipv4/conf/all/arp_announce=2']);
  });
});
