// Never queue — net/netfilter/ipvs/ip_vs_nq.c ip_vs_nq_schedule: the first available dest with no
// active connection gets the new one at once; when every dest is busy, the shortest expected
// delay, (activeconns + 1) / weight, as sed compares it (a tie keeps the earlier dest).
import { isUnavailable, type IpvsScheduler } from './scheduler.ts';
import { expectedDelayOverhead } from './sedScheduler.ts';

export const nqScheduler: IpvsScheduler<null> = {
  name: 'nq',
  init: () => null,
  schedule(svc, state) {
    let least: number | null = null;
    let loh = 0;
    for (let i = 0; i < svc.dests.length; i++) {
      const d = svc.dests[i]!;
      if (isUnavailable(d)) continue;
      const doh = expectedDelayOverhead(d);
      if (d.activeConns === 0) return { dest: i, state }; // "return the server directly if it is idle"
      if (least === null || loh * d.weight > doh * svc.dests[least]!.weight) {
        least = i;
        loh = doh;
      }
    }
    return { dest: least, state };
  },
};
