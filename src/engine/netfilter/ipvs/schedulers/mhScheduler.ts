// Maglev hashing — net/netfilter/ipvs/ip_vs_mh.c. Each dest gets a permutation of the
// IP_VS_MH_TAB_SIZE (4093, CONFIG_IP_VS_MH_TAB_INDEX 12) slots from two keyed hashes of its
// address+port (offset, skip); ip_vs_mh_populate fills the table taking turns in list order,
// `turns` slots per round by (last_weight / gcd) >> rshift. A packet maps to
// lookup[hsiphash(port + addr_fold) % size] of its source (port only with mh-port, which
// kube-proxy always sets). A weight-0 dest keeps its slots (last_weight) but is unavailable.
import type { ParsedIP } from '../../../shared/ip.ts';
import type { IpvsService } from '../ipvsService.ts';
import { hsiphashU32 } from './hsiphash.ts';
import { addrFold } from './shScheduler.ts';
import { gcd, isUnavailable, type IpvsScheduler } from './scheduler.ts';

const PRIMES = [251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071];
const CONFIG_IP_VS_MH_TAB_INDEX = 12;
export const IP_VS_MH_TAB_SIZE = PRIMES[CONFIG_IP_VS_MH_TAB_INDEX - 8]!;
const IP_VS_MH_TAB_BITS = Math.floor(CONFIG_IP_VS_MH_TAB_INDEX / 2);

// generate_hash_secret: fixed keys, so every node builds the same table.
const HASH1: readonly [bigint, bigint] = [2654435761n, 2654435761n];
const HASH2: readonly [bigint, bigint] = [2654435801n, 2654435801n];

function mhHashKey(ip: ParsedIP, port: number, key: readonly [bigint, bigint]): number {
  const v = Number((BigInt(port) + addrFold(ip)) & 0xffffffffn);
  return hsiphashU32(v, key);
}

function fls(x: number): number {
  return x === 0 ? 0 : 32 - Math.clz32(x);
}

/** ip_vs_mh_permutate + ip_vs_mh_populate: slot → dest index (-1 = empty). */
export function mhLookupTable(svc: IpvsService): Int32Array {
  const size = IP_VS_MH_TAB_SIZE;
  const table = new Int32Array(size).fill(-1);
  let g = 0;
  for (const d of svc.dests) if (d.lastWeight > 0) g = g > 0 ? gcd(d.lastWeight, g) : d.lastWeight;
  if (g < 1) return table;
  const mw = Math.floor(svc.dests.reduce((m, d) => Math.max(m, d.lastWeight), 0) / g);
  const rshift = Math.max(0, fls(mw) - IP_VS_MH_TAB_BITS);
  const ds = svc.dests.map((d) => {
    const offset = mhHashKey(d.addr, d.port, HASH1) % size;
    const skip = (mhHashKey(d.addr, d.port, HASH2) % (size - 1)) + 1;
    const lw = d.lastWeight;
    return { perm: offset, skip, turns: (Math.floor(lw / g) >> rshift) || (lw !== 0 ? 1 : 0) };
  });
  const taken = new Uint8Array(size);
  let n = 0;
  let dtCount = 0;
  while (n < size) {
    for (let p = 0; p < ds.length; ) {
      const s = ds[p]!;
      if (s.turns < 1) { p++; continue; } // an added dest with zero weight is ignored
      let c = s.perm;
      while (taken[c]) {
        s.perm += s.skip;
        if (s.perm >= size) s.perm -= size;
        c = s.perm;
      }
      taken[c] = 1;
      table[c] = p;
      if (++n === size) return table;
      if (++dtCount >= s.turns) {
        dtCount = 0;
        p++;
      }
    }
  }
  return table;
}

export interface MHState { readonly lookup: Int32Array }

export const mhScheduler: IpvsScheduler<MHState> = {
  name: 'mh',
  init: (svc) => ({ lookup: mhLookupTable(svc) }),
  schedule(svc, state, pkt) {
    // IP_VS_SVC_F_SCHED_MH_PORT (0x10) = kube-proxy's FlagSourceHash.
    const port = svc.flags.includes('source-hash') ? pkt.sport : 0;
    const i = state.lookup[mhHashKey(pkt.src, port, HASH1) % IP_VS_MH_TAB_SIZE] ?? -1;
    const d = i >= 0 ? svc.dests[i] : undefined;
    return { dest: d && !isUnavailable(d) ? i : null, state };
  },
};
