// Every modelled match, table-driven: one FORWARD rule `<matches> -j DROP` and a packet; the
// packet is dropped exactly when the rule matches. Unknown options are "not modelled" (never
// a match). ipset contents come from the caller; xt_recent state survives between traces.
import { describe, expect, it } from 'vitest';
import { dataplaneFromDump } from '../dataplaneFromDump.ts';
import type { IPSet } from '../ipset.ts';
import { makePacket, type Packet, type PacketSpec } from '../packet.ts';
import { parseIptables } from '../parseIptables.ts';
import { walkPacket } from '../walkPacket.ts';

const SETS: IPSet[] = [
  { name: 'KUBE-CLUSTER-IP', type: 'hash:ip,port', members: ['10.96.0.10,udp:53', '10.96.0.1,tcp:443'] },
  { name: 'KUBE-LOOP-BACK', type: 'hash:ip,port,ip', members: ['10.244.1.5,tcp:80,10.244.1.5'] },
  { name: 'KUBE-NODE-PORT-TCP', type: 'bitmap:port', members: ['30080'] },
  { name: 'KUBE-LOAD-BALANCER-SOURCE-CIDR', type: 'hash:ip,port,net', members: ['1.2.3.4,tcp:80,203.0.113.0/25'] },
];

function verdict(matches: string, spec: PacketSpec, iface = 'eth0'): string {
  const rs = parseIptables(`*filter\n:FORWARD ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n-A FORWARD ${matches} -j DROP\n-A INPUT ${matches} -j DROP\nCOMMIT\n`);
  expect(rs.diagnostics, matches).toEqual([]);
  const dp = dataplaneFromDump({ name: 'n', ruleset: rs, localIPs: ['192.168.0.2'], ipsets: SETS, interfaces: { lo: ['127.0.0.1/8'], eth0: ['192.168.0.2/24'], cni0: ['10.244.1.1/24'] } });
  const p = makePacket(spec) as Packet;
  const t = walkPacket(dp, { kind: 'wire', node: 'n', iface }, p, { mode: { kind: 'all' } });
  const path = t.paths[0]!;
  return path.notModelled.length ? `not modelled: ${path.notModelled.join(', ')}` : path.verdict === 'DROP' ? 'match' : 'no match';
}

const tcp = (dst: string, dport: number, src = '203.0.113.9', extra: Partial<PacketSpec> = {}): PacketSpec => ({ proto: 'tcp', src, dst, dport, ...extra });

describe('matches', () => {
  it.each([
    ['-s CIDR', '-s 203.0.113.0/24', tcp('10.1.1.1', 80), 'match'],
    ['! -s CIDR', '! -s 203.0.113.0/24', tcp('10.1.1.1', 80), 'no match'],
    ['-d with dotted mask', '-d 10.1.0.0/255.255.0.0', tcp('10.1.1.1', 80), 'match'],
    ['-d list', '-d 10.9.9.9,10.1.1.1', tcp('10.1.1.1', 80), 'match'],
    ['-p by number', '-p 6', tcp('10.1.1.1', 80), 'match'],
    ['! -p udp', '! -p udp', tcp('10.1.1.1', 80), 'match'],
    ['-i wildcard', '-i eth+', tcp('10.1.1.1', 80), 'match'],
    ['-i other', '-i cni0', tcp('10.1.1.1', 80), 'no match'],
    ['-o at FORWARD', '-o eth0', tcp('10.1.1.1', 80), 'match'],
    ['--dport range', '-p tcp -m tcp --dport 70:90', tcp('10.1.1.1', 80), 'match'],
    ['--dport on udp rule vs tcp packet', '-p udp -m udp --dport 80', tcp('10.1.1.1', 80), 'no match'],
    ['! --sport', '-p tcp -m tcp ! --sport 40000', tcp('10.1.1.1', 80), 'no match'],
    ['--syn', '-p tcp -m tcp --syn', tcp('10.1.1.1', 80), 'match'],
    ['--tcp-flags on an ACK', '-p tcp -m tcp --tcp-flags SYN,ACK SYN', tcp('10.1.1.1', 80, undefined, { tcpFlags: ['ACK'] }), 'no match'],
    ['multiport', '-p tcp -m multiport --dports 22,80,8000:8100', tcp('10.1.1.1', 8080), 'match'],
    ['multiport miss', '-p tcp -m multiport --dports 22,443', tcp('10.1.1.1', 80), 'no match'],
    ['icmp echo-request', '-p icmp -m icmp --icmp-type echo-request', { proto: 'icmp', src: '203.0.113.9', dst: '10.1.1.1' }, 'match'],
    ['icmp type 0', '-p icmp -m icmp --icmp-type 0', { proto: 'icmp', src: '203.0.113.9', dst: '10.1.1.1' }, 'no match'],
    ['comment', '-m comment --comment "any text"', tcp('10.1.1.1', 80), 'match'],
    ['mark 0 with mask', '-m mark --mark 0x0/0x4000', tcp('10.1.1.1', 80), 'match'],
    ['mark set', '-m mark --mark 0x4000/0x4000', tcp('10.1.1.1', 80, undefined, { mark: 0x4000 }), 'match'],
    ['mark not set', '-m mark ! --mark 0x4000/0x4000', tcp('10.1.1.1', 80), 'match'],
    ['addrtype dst LOCAL', '-m addrtype --dst-type LOCAL', tcp('192.168.0.2', 80), 'match'],
    ['addrtype 127/8 is LOCAL', '-m addrtype --dst-type LOCAL', tcp('127.0.0.9', 80, '127.0.0.1'), 'match'],
    ['addrtype ! src LOCAL', '-m addrtype ! --src-type LOCAL', tcp('192.168.0.2', 80), 'match'],
    ['addrtype --limit-iface-in (address on another iface)', '-m addrtype --dst-type LOCAL --limit-iface-in', { ...tcp('10.244.1.1', 80) }, 'no match'],
    ['addrtype --limit-iface-in (address on in iface)', '-m addrtype --dst-type LOCAL --limit-iface-in', tcp('192.168.0.2', 80), 'match'],
    ['addrtype MULTICAST', '-m addrtype --dst-type MULTICAST', { proto: 'udp', src: '203.0.113.9', dst: '224.0.0.251', dport: 5353 }, 'match'],
    ['ctstate NEW', '-m conntrack --ctstate NEW', tcp('10.1.1.1', 80), 'match'],
    ['ctstate ESTABLISHED,RELATED', '-m conntrack --ctstate RELATED,ESTABLISHED', tcp('10.1.1.1', 80), 'no match'],
    ['state NEW', '-m state --state NEW', tcp('10.1.1.1', 80), 'match'],
    ['ctstate INVALID: a RST without a connection', '-m conntrack --ctstate INVALID', tcp('10.1.1.1', 80, undefined, { tcpFlags: ['RST'] }), 'match'],
    ['ctstate INVALID: SYN/ACK without a connection', '-m conntrack --ctstate INVALID', tcp('10.1.1.1', 80, undefined, { tcpFlags: ['SYN', 'ACK'] }), 'match'],
    ['ctstate NEW: a mid-stream ACK is picked up (tcp_loose)', '-m conntrack --ctstate NEW', tcp('10.1.1.1', 80, undefined, { tcpFlags: ['ACK'] }), 'match'],
    ['ctstate DNAT (no NAT)', '-m conntrack --ctstate DNAT', tcp('10.1.1.1', 80), 'no match'],
    ['ctorigdst', '-m conntrack --ctorigdst 10.1.1.0/24 --ctorigdstport 80', tcp('10.1.1.1', 80), 'match'],
    ['ctdir ORIGINAL', '-m conntrack --ctdir ORIGINAL', tcp('10.1.1.1', 80), 'match'],
    ['set dst,dst', '-m set --match-set KUBE-CLUSTER-IP dst,dst', { proto: 'udp', src: '10.244.1.5', dst: '10.96.0.10', dport: 53 }, 'match'],
    ['set proto differs', '-m set --match-set KUBE-CLUSTER-IP dst,dst', { proto: 'tcp', src: '10.244.1.5', dst: '10.96.0.10', dport: 53 }, 'no match'],
    ['set dst,dst,src (loop-back)', '-m set --match-set KUBE-LOOP-BACK dst,dst,src', tcp('10.244.1.5', 80, '10.244.1.5'), 'match'],
    ['set bitmap:port', '-m set --match-set KUBE-NODE-PORT-TCP dst', tcp('192.168.0.2', 30080), 'match'],
    ['set with a net dimension', '-m set --match-set KUBE-LOAD-BALANCER-SOURCE-CIDR dst,dst,src', tcp('1.2.3.4', 80, '203.0.113.100'), 'match'],
    ['set with a net dimension, outside', '-m set --match-set KUBE-LOAD-BALANCER-SOURCE-CIDR dst,dst,src', tcp('1.2.3.4', 80, '203.0.113.200'), 'no match'],
    ['! set', '-m set ! --match-set KUBE-NODE-PORT-TCP dst', tcp('192.168.0.2', 30080), 'no match'],
    ['set not supplied', '-m set --match-set NOPE dst', tcp('10.1.1.1', 80), 'not modelled: ipset "NOPE" (its contents were not supplied)'],
    ['statistic probability 1', '-m statistic --mode random --probability 1.0', tcp('10.1.1.1', 80), 'match'],
    ['nfacct', '-m nfacct --nfacct-name ct_state_invalid_dropped_pkts', tcp('10.1.1.1', 80), 'match'],
    ['physdev on a routed path', '-m physdev --physdev-is-bridged', tcp('10.1.1.1', 80), 'no match'],
    ['! physdev-in', '-m physdev ! --physdev-in veth0', tcp('10.1.1.1', 80), 'match'],
    ['recent --rcheck with an empty list', '-m recent --name X --rcheck --seconds 60 --reap', tcp('10.1.1.1', 80), 'no match'],
    ['recent --set always matches', '-m recent --name X --set', tcp('10.1.1.1', 80), 'match'],
    ['unknown module', '-m hashlimit --hashlimit-above 1/sec', tcp('10.1.1.1', 80), 'not modelled: -m hashlimit'],
    ['unknown module but an address test fails first', '-d 10.9.9.9 -m hashlimit --hashlimit-above 1/sec', tcp('10.1.1.1', 80), 'no match'],
  ])('%s', (_n, matches, spec, want) => {
    expect(verdict(matches, spec as PacketSpec)).toBe(want);
  });

  it('recent: --set on one packet is seen by --rcheck on the next, until --seconds pass', () => {
    const rs = parseIptables(`*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -m recent --name AFF --rcheck --seconds 10 --reap -j DROP\n-A FORWARD -m recent --name AFF --set -j ACCEPT\nCOMMIT\n`);
    const dp = dataplaneFromDump({ name: 'n', ruleset: rs, localIPs: ['192.168.0.2'] });
    const p = makePacket(tcp('10.1.1.1', 80)) as Packet;
    const wire = { kind: 'wire', node: 'n', iface: 'eth0' } as const;
    const first = walkPacket(dp, wire, p, { mode: { kind: 'all' }, now: 0 });
    expect(first.paths[0]?.verdict).toBe('ACCEPT');
    const state = first.after[0]!;
    expect(walkPacket(dp, wire, p, { mode: { kind: 'all' }, now: 5_000, state }).paths[0]?.decidedByRule).toBe('filter FORWARD #1');
    expect(walkPacket(dp, wire, p, { mode: { kind: 'all' }, now: 11_000, state }).paths[0]?.decidedByRule).toBeNull();
    const other = makePacket(tcp('10.1.1.1', 80, '203.0.113.10')) as Packet;
    expect(walkPacket(dp, wire, other, { mode: { kind: 'all' }, now: 5_000, state }).paths[0]?.decidedByRule).toBeNull();
  });
});
