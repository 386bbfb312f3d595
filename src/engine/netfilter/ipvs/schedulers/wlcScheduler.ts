// Weighted least connection — net/netfilter/ipvs/ip_vs_wlc.c ip_vs_wlc_schedule: the least
// connection overhead (activeconns*256 + inactconns) per weight, with the kernel's comparison
// loop (scheduler.ts leastOverheadPerWeight). ipvsadm's default scheduler (kube-proxy's is rr).
import { connOverhead } from '../ipvsService.ts';
import { leastOverheadPerWeight, type IpvsScheduler } from './scheduler.ts';

export const wlcScheduler: IpvsScheduler<null> = {
  name: 'wlc',
  init: () => null,
  schedule: (svc, state) => ({ dest: leastOverheadPerWeight(svc, connOverhead), state }),
};
