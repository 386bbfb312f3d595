// The packet a REJECT target sends back (net/ipv4/netfilter/ipt_REJECT.c, nf_reject_ipv4.c):
// an ICMP destination-unreachable with the --reject-with code, or a TCP RST for tcp-reset.
import type { Packet } from './packet.ts';

/** The answer REJECT sends (ipt_REJECT.c: nf_send_unreach / nf_send_reset). */
export function rejectReply(p: Packet, rejectWith: string): Packet {
  if (rejectWith === 'tcp-reset' && p.proto === 'tcp') {
    return { ...p, src: p.dst, dst: p.src, sport: p.dport, dport: p.sport, tcpFlags: ['RST', 'ACK'], mark: 0 };
  }
  const v6 = p.family === 'IPv6';
  const codes: Record<string, number> = v6
    ? { 'icmp6-no-route': 0, 'no-route': 0, 'icmp6-adm-prohibited': 1, 'adm-prohibited': 1, 'icmp6-addr-unreachable': 3, 'addr-unreach': 3, 'icmp6-port-unreachable': 4, 'port-unreach': 4 }
    : { 'icmp-net-unreachable': 0, 'icmp-host-unreachable': 1, 'icmp-proto-unreachable': 2, 'icmp-port-unreachable': 3, 'icmp-net-prohibited': 9, 'icmp-host-prohibited': 10, 'icmp-admin-prohibited': 13 };
  return {
    family: p.family,
    proto: v6 ? 'icmpv6' : 'icmp',
    src: p.dst,
    dst: p.src,
    sport: 0,
    dport: 0,
    icmpType: v6 ? 1 : 3,
    icmpCode: codes[rejectWith] ?? (v6 ? 4 : 3),
    mark: 0,
  };
}
