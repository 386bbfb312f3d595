// `ipvsadm -Lnc`: the connection table, persistence templates included (ipvsadm.c
// print_conn: "%-3s %-6s %-11s %-18s %-18s %s", expire as mm:ss).
import type { IpvsConn, IpvsKernelState } from './ipvsLookup.ts';

const hp = (a: string, p: number) => (a.includes(':') ? `[${a}]:${p}` : `${a}:${p}`);

/**
 * Conn state names: the lab's TCP conns are ESTABLISHED (it assumes the handshake completes),
 * UDP conns show `UDP`, SCTP `ESTABLISHED`, templates `NONE` with client port 0.
 */
function stateName(c: IpvsConn): string {
  if (c.template) return 'NONE';
  return c.proto === 'udp' ? 'UDP' : 'ESTABLISHED';
}

function expire(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export function formatIpvsadmConnections(state: IpvsKernelState, now = 0): string {
  const rows = [...state.templates.values(), ...state.conns.values()].filter((c) => c.expires > now);
  const lines = ['IPVS connection entries', 'pro expire state       source             virtual            destination'];
  for (const c of rows) {
    lines.push(`${c.proto.toUpperCase().padEnd(3)} ${expire(c.expires - now).padEnd(6)} ${stateName(c).padEnd(11)} ${hp(c.caddr, c.cport).padEnd(18)} ${hp(c.vaddr, c.vport).padEnd(18)} ${hp(c.daddr, c.dport)}`);
  }
  return lines.join('\n') + '\n';
}
