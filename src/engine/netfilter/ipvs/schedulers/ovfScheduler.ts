// Weighted overflow — net/netfilter/ipvs/ip_vs_ovf.c ip_vs_ovf_schedule: the dest with the highest
// weight (the first of equals) among those whose active connections do not exceed their weight;
// when it fills up, new connections overflow to the next. Inactive connections do not count,
// which is why the kernel warns it may not suit UDP.
import type { IpvsScheduler } from './scheduler.ts';

export const ovfScheduler: IpvsScheduler<null> = {
  name: 'ovf',
  init: () => null,
  schedule(svc, state) {
    let best: number | null = null;
    let hw = 0;
    svc.dests.forEach((d, i) => {
      const w = d.weight;
      if (d.overloaded || d.activeConns > w || w === 0) return;
      if (best === null || w > hw) {
        best = i;
        hw = w;
      }
    });
    return { dest: best, state };
  },
};
