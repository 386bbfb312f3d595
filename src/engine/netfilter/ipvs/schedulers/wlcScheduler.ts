// Weighted least connection — net/netfilter/ipvs/ip_vs_wlc.c ip_vs_wlc_schedule: the first
// available dest, then any later one with a smaller overhead/weight, compared without division
// as loh * w_dest > doh * w_least. ipvsadm's default scheduler (kube-proxy's is rr).
import { connOverhead } from '../ipvsService.ts';
import { isUnavailable, type IpvsScheduler } from './scheduler.ts';

export const wlcScheduler: IpvsScheduler<null> = {
  name: 'wlc',
  init: () => null,
  schedule(svc, state) {
    const first = svc.dests.findIndex((d) => !isUnavailable(d));
    if (first < 0) return { dest: null, state };
    let least = first;
    let loh = connOverhead(svc.dests[first]!);
    for (let i = first + 1; i < svc.dests.length; i++) {
      const d = svc.dests[i]!;
      if (d.overloaded) continue;
      const doh = connOverhead(d);
      if (loh * d.weight > doh * svc.dests[least]!.weight) {
        least = i;
        loh = doh;
      }
    }
    return { dest: least, state };
  },
};
