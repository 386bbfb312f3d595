// Least connection — net/netfilter/ipvs/ip_vs_lc.c ip_vs_lc_schedule: the least overhead
// (activeconns*256 + inactconns) among available dests; a tie goes to the first in the list.
import { connOverhead } from '../ipvsService.ts';
import { isUnavailable, type IpvsScheduler } from './scheduler.ts';

export const lcScheduler: IpvsScheduler<null> = {
  name: 'lc',
  init: () => null,
  schedule(svc, state) {
    let least: number | null = null;
    let loh = 0;
    svc.dests.forEach((d, i) => {
      if (isUnavailable(d)) return;
      const doh = connOverhead(d);
      if (least === null || doh < loh) {
        least = i;
        loh = doh;
      }
    });
    return { dest: least, state };
  },
};
