// Destination hashing — net/netfilter/ipvs/ip_vs_dh.c. 256 buckets (IP_VS_DH_TAB_BITS 8), one
// dest per bucket in list order round and round (no weights); the bucket is
// (ntohl(daddr_fold) * 2654435761) & 255. With one VIP every client lands on the same pod.
import type { ParsedIP } from '../../../shared/ip.ts';
import type { IpvsService } from '../ipvsService.ts';
import { addrFold } from './shScheduler.ts';
import { isUnavailable, type IpvsScheduler } from './scheduler.ts';

export const IP_VS_DH_TAB_SIZE = 256;

export function dhHashKey(ip: ParsedIP): number {
  return Number((addrFold(ip) * 2654435761n) & BigInt(IP_VS_DH_TAB_SIZE - 1));
}

export interface DHState { readonly buckets: Int32Array }

export function dhBuckets(svc: IpvsService): Int32Array {
  const b = new Int32Array(IP_VS_DH_TAB_SIZE).fill(-1);
  const n = svc.dests.length;
  if (n > 0) for (let i = 0; i < IP_VS_DH_TAB_SIZE; i++) b[i] = i % n;
  return b;
}

export const dhScheduler: IpvsScheduler<DHState> = {
  name: 'dh',
  init: (svc) => ({ buckets: dhBuckets(svc) }),
  schedule(svc, state, pkt) {
    const i = state.buckets[dhHashKey(pkt.dst)] ?? -1;
    const d = i >= 0 ? svc.dests[i] : undefined;
    return { dest: d && !isUnavailable(d) ? i : null, state };
  },
};
