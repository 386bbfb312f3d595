// lib/siphash.c hsiphash on a 64-bit kernel: SipHash-1-3 (one compression round, three
// finalization rounds) with a 128-bit key given as two unsigned longs, truncated to 32 bits.
// Also the generic SipHash-c-d so the implementation can be checked against the reference
// SipHash-2-4 test vectors.
const M64 = (1n << 64n) - 1n;
const rotl = (x: bigint, b: bigint) => ((x << b) | (x >> (64n - b))) & M64;

function sipRound(v: bigint[]): void {
  let [v0, v1, v2, v3] = v as [bigint, bigint, bigint, bigint];
  v0 = (v0 + v1) & M64; v1 = rotl(v1, 13n); v1 ^= v0; v0 = rotl(v0, 32n);
  v2 = (v2 + v3) & M64; v3 = rotl(v3, 16n); v3 ^= v2;
  v0 = (v0 + v3) & M64; v3 = rotl(v3, 21n); v3 ^= v0;
  v2 = (v2 + v1) & M64; v1 = rotl(v1, 17n); v1 ^= v2; v2 = rotl(v2, 32n);
  v[0] = v0; v[1] = v1; v[2] = v2; v[3] = v3;
}

/** SipHash-c-d of `data` under key (k0, k1) — the 64-bit result. */
export function sipHash(data: Uint8Array, k0: bigint, k1: bigint, c: number, d: number): bigint {
  const v = [0x736f6d6570736575n ^ k0, 0x646f72616e646f6dn ^ k1, 0x6c7967656e657261n ^ k0, 0x7465646279746573n ^ k1];
  const full = data.length - (data.length % 8);
  const le = (off: number, len: number) => {
    let m = 0n;
    for (let i = len - 1; i >= 0; i--) m = (m << 8n) | BigInt(data[off + i]!);
    return m;
  };
  for (let off = 0; off < full; off += 8) {
    const m = le(off, 8);
    v[3]! ^= m;
    for (let i = 0; i < c; i++) sipRound(v);
    v[0]! ^= m;
  }
  const b = ((BigInt(data.length) & 0xffn) << 56n) | le(full, data.length - full);
  v[3]! ^= b;
  for (let i = 0; i < c; i++) sipRound(v);
  v[0]! ^= b;
  v[2]! ^= 0xffn;
  for (let i = 0; i < d; i++) sipRound(v);
  return v[0]! ^ v[1]! ^ v[2]! ^ v[3]!;
}

/** hsiphash(&v, sizeof(u32), key) for a host-order (little-endian) u32 `v`, as ip_vs_mh.c calls it. */
export function hsiphashU32(v: number, key: readonly [bigint, bigint]): number {
  const bytes = new Uint8Array([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]);
  return Number(sipHash(bytes, key[0], key[1], 1, 3) & 0xffffffffn);
}
