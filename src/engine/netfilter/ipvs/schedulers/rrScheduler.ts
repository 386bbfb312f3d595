// Round robin — net/netfilter/ipvs/ip_vs_rr.c ip_vs_rr_schedule. sched_data points at the last
// chosen destination (initially the list head); walk on from it, wrapping, and take the first
// destination that is not overloaded and has weight > 0.
import type { IpvsScheduler } from './scheduler.ts';

/** Index of the last chosen dest; -1 is the list head. */
export interface RRState { readonly last: number }

export const rrScheduler: IpvsScheduler<RRState> = {
  name: 'rr',
  init: () => ({ last: -1 }),
  schedule(svc, state) {
    const n = svc.dests.length;
    if (n === 0) return { dest: null, state };
    const start = state.last >= 0 && state.last < n ? state.last : -1;
    // From the head: one pass over every dest. From a dest: the ones after it, then from the
    // head round to it (it is checked last).
    for (let step = 1; step <= n; step++) {
      const idx = (start + step) % n;
      const d = svc.dests[idx]!;
      if (!d.overloaded && d.weight > 0) return { dest: idx, state: { last: idx } };
    }
    return { dest: null, state };
  },
};
