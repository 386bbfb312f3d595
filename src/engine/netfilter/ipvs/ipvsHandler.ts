// The IpvsHandler the packet walker calls at the IPVS hooks (netfilter/ipvsHook.ts). The walker
// explores paths with `choose`, so a scheduler that spreads connections (rr, wrr, lc, wlc, sed,
// nq) becomes one branch per available real server, weighted by weight; a hashing scheduler (sh,
// dh, mh) and a failover one (fo, ovf: the highest weight that has room) pick exactly one, as the
// kernel would for that packet with the service's current connection counts. ipvsLookup keeps the full kernel state
// (conns, templates, rr pointer) for callers that step connection by connection.
import type { VirtualServer } from '../../kubeproxy/ipvs/index.ts';
import { parseIP } from '../../shared/ip.ts';
import type { Diagnostic } from '../../shared/diagnostics.ts';
import type { IpvsDecision, IpvsHandler } from '../ipvsHook.ts';
import type { Packet } from '../packet.ts';
import { describeService, ipvsServiceFrom, serviceKey, type IpvsService } from './ipvsService.ts';
import { parseIpvsadmList } from './parseIpvsadm.ts';
import { isUnavailable, schedulerFor } from './schedulers/index.ts';

/** Schedulers whose choice for one packet is a single real server (no spreading). */
const PICKS_ONE = new Set(['sh', 'dh', 'mh', 'fo', 'ovf']);

export function ipvsHandlerFor(virtualServers: readonly VirtualServer[]): IpvsHandler {
  const services = new Map<string, IpvsService>();
  for (const vs of virtualServers) {
    const svc = ipvsServiceFrom(vs);
    services.set(svc.key, svc);
  }
  return {
    lookup(p: Packet, choose: (prob: number, label: string) => boolean): IpvsDecision | null {
      if (p.proto !== 'tcp' && p.proto !== 'udp' && p.proto !== 'sctp') return null;
      const svc = services.get(serviceKey(p.proto, p.dst, p.dport)) ?? (p.mark ? services.get(`fwm|${p.mark}`) : undefined);
      if (!svc) return null;
      const service = describeService(svc);
      const sched = schedulerFor(svc.scheduler);
      const src = parseIP(p.src);
      const dst = parseIP(p.dst);
      if (sched && PICKS_ONE.has(svc.scheduler) && src && dst) {
        const r = sched.schedule(svc, sched.init(svc), { src, sport: p.sport, dst, dport: p.dport });
        const d = r.dest === null ? null : svc.dests[r.dest]!;
        return { service, realServer: d ? { address: d.address, port: d.port } : null };
      }
      const avail = svc.dests.filter((d) => !isUnavailable(d));
      if (avail.length === 0) return { service, realServer: null };
      let left = avail.reduce((s, d) => s + d.weight, 0);
      for (let i = 0; i < avail.length - 1; i++) {
        const d = avail[i]!;
        const prob = d.weight / left;
        if (choose(prob, `${service} → ${d.address.includes(':') ? `[${d.address}]` : d.address}:${d.port}`)) return { service, realServer: { address: d.address, port: d.port } };
        left -= d.weight;
      }
      const last = avail[avail.length - 1]!;
      return { service, realServer: { address: last.address, port: last.port } };
    },
  };
}

/**
 * The handler for a real node's `ipvsadm -Ln` dump (`podlab trace --ipvsadm DUMP`): parse errors
 * come back with file and line; the handler uses whatever parsed.
 */
export function ipvsHandlerFromIpvsadm(text: string, file: string): { handler: IpvsHandler; errors: readonly Diagnostic[] } {
  const parsed = parseIpvsadmList(text, file);
  return { handler: ipvsHandlerFor(parsed.virtualServers), errors: parsed.errors };
}
