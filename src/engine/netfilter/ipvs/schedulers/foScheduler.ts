// Weighted failover — net/netfilter/ipvs/ip_vs_fo.c ip_vs_fo_schedule: every new connection goes
// to the available dest with the highest weight (the first of equals); the others only take
// over when it is overloaded or set to weight 0. Connection counts play no part.
import type { IpvsScheduler } from './scheduler.ts';

export const foScheduler: IpvsScheduler<null> = {
  name: 'fo',
  init: () => null,
  schedule(svc, state) {
    let best: number | null = null;
    let hw = 0;
    svc.dests.forEach((d, i) => {
      if (!d.overloaded && d.weight > hw) {
        best = i;
        hw = d.weight;
      }
    });
    return { dest: best, state };
  },
};
