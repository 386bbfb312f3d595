// Source hashing — net/netfilter/ipvs/ip_vs_sh.c. A 256-bucket table (IP_VS_SH_TAB_BITS 8)
// filled by ip_vs_sh_reassign: walk the dest list round and round, each dest taking `weight`
// consecutive buckets (at least one, so a weight-0 dest still owns a bucket). The bucket is
// hash_32(ntohs(port) + ntohl(addr_fold), 8) of the source (port only with sh-port); a dest
// that is unavailable there means no destination (unless sh-fallback, which kube-proxy never sets).
import type { ParsedIP } from '../../../shared/ip.ts';
import type { IpvsService } from '../ipvsService.ts';
import { isUnavailable, type IpvsScheduler } from './scheduler.ts';

export const IP_VS_SH_TAB_BITS = 8;
export const IP_VS_SH_TAB_SIZE = 1 << IP_VS_SH_TAB_BITS;
/** include/linux/hash.h GOLDEN_RATIO_32. */
const GOLDEN_RATIO_32 = 0x61c88647n;

/** include/linux/hash.h hash_32: the top `bits` bits of val * GOLDEN_RATIO_32 (mod 2^32). */
export function hash32(val: bigint, bits: number): number {
  return Number(((val * GOLDEN_RATIO_32) & 0xffffffffn) >> BigInt(32 - bits));
}

/** addr_fold: the IPv4 address, or the XOR of the four 32-bit words of an IPv6 address. */
export function addrFold(ip: ParsedIP): bigint {
  if (ip.family === 'IPv4') return ip.value;
  let f = 0n;
  for (let i = 0; i < 4; i++) f ^= (ip.value >> BigInt(32 * i)) & 0xffffffffn;
  return f;
}

export function shHashKey(ip: ParsedIP, port: number): number {
  return hash32((BigInt(port) + addrFold(ip)) & 0xffffffffn, IP_VS_SH_TAB_BITS) & (IP_VS_SH_TAB_SIZE - 1);
}

/** ip_vs_sh_reassign: bucket → dest index (-1 when the service has no dests). */
export function shBuckets(svc: IpvsService): Int32Array {
  const b = new Int32Array(IP_VS_SH_TAB_SIZE).fill(-1);
  const n = svc.dests.length;
  if (n === 0) return b;
  let p = 0;
  let count = 0;
  for (let i = 0; i < IP_VS_SH_TAB_SIZE; i++) {
    b[i] = p;
    // Don't move to the next dest until it has `weight` buckets.
    if (++count >= svc.dests[p]!.weight) {
      p = (p + 1) % n;
      count = 0;
    }
  }
  return b;
}

export interface SHState { readonly buckets: Int32Array }

export const shScheduler: IpvsScheduler<SHState> = {
  name: 'sh',
  init: (svc) => ({ buckets: shBuckets(svc) }),
  schedule(svc, state, pkt) {
    // IP_VS_SVC_F_SCHED_SH_PORT (0x10): kube-proxy's FlagSourceHash is that bit.
    const port = svc.flags.includes('source-hash') ? pkt.sport : 0;
    const i = state.buckets[shHashKey(pkt.src, port)] ?? -1;
    const d = i >= 0 ? svc.dests[i] : undefined;
    return { dest: d && !isUnavailable(d) ? i : null, state };
  },
};
