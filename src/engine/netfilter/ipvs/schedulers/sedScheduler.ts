// Shortest expected delay — net/netfilter/ipvs/ip_vs_sed.c ip_vs_sed_schedule: the least expected
// delay, (activeconns + 1) / weight (inactive connections do not count), with the comparison loop
// it shares with wlc (scheduler.ts leastOverheadPerWeight).
import type { IpvsDest } from '../ipvsService.ts';
import { leastOverheadPerWeight, type IpvsScheduler } from './scheduler.ts';

/** ip_vs_sed_dest_overhead / ip_vs_nq_dest_overhead: only active connections, plus the new one. */
export function expectedDelayOverhead(d: IpvsDest): number {
  return d.activeConns + 1;
}

export const sedScheduler: IpvsScheduler<null> = {
  name: 'sed',
  init: () => null,
  schedule: (svc, state) => ({ dest: leastOverheadPerWeight(svc, expectedDelayOverhead), state }),
};
