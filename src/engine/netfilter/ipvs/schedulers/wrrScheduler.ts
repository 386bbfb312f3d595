// Weighted round robin — net/netfilter/ipvs/ip_vs_wrr.c (ip_vs_wrr_schedule, ip_vs_wrr_gcd_weight,
// ip_vs_wrr_max_weight). mark->cl is the current dest (-1 = list head), cw the current weight,
// mw = max weight - (gcd - 1), di = gcd. With every weight 1 this is exactly rr.
import { gcd, type IpvsScheduler } from './scheduler.ts';
import type { IpvsService } from '../ipvsService.ts';

export interface WRRState {
  readonly cl: number;
  readonly cw: number;
  readonly mw: number;
  readonly di: number;
}

function gcdWeight(svc: IpvsService): number {
  let g = 0;
  for (const d of svc.dests) if (d.weight > 0) g = g > 0 ? gcd(d.weight, g) : d.weight;
  return g > 0 ? g : 1;
}

function maxWeight(svc: IpvsService): number {
  return svc.dests.reduce((m, d) => Math.max(m, d.weight), 0);
}

export const wrrScheduler: IpvsScheduler<WRRState> = {
  name: 'wrr',
  init(svc) {
    const di = gcdWeight(svc);
    const mw = maxWeight(svc) - (di - 1);
    return { cl: -1, cw: mw, mw, di };
  },
  schedule(svc, state) {
    const n = svc.dests.length;
    let { cw } = state;
    const { mw, di } = state;
    if (mw === 0 || n === 0) return { dest: null, state };
    const last = state.cl;
    let idx = last;
    let stop: number | null = null;
    let lastPass = false;
    let restarted = false;
    // Bounded: each outer round lowers cw by di, and the last pass (cw <= di) ends it.
    for (;;) {
      // list_for_each_entry_continue: from idx+1 to the end of the list.
      for (idx = idx + 1; idx < n; idx++) {
        const d = svc.dests[idx]!;
        if (!d.overloaded && d.weight >= cw) return { dest: idx, state: { ...state, cl: idx, cw } };
        if (idx === stop) return { dest: null, state: { ...state, cw } };
      }
      idx = -1; // back at the head
      cw -= di;
      if (cw <= 0) {
        cw = mw;
        // A full pass for weight >= 1 already failed: nothing is available.
        if (lastPass || last === -1) return { dest: null, state: { ...state, cw } };
        restarted = true;
      }
      lastPass = cw <= di;
      if (lastPass && restarted && last !== -1) stop = last;
    }
  },
};
