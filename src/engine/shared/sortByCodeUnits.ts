// Sorting many items by a string name in code-unit order (the order of `<`, and of C's strcmp on
// ASCII) without touching the strings in every comparison. A 10k-Service iptables ruleset has
// ~111k chain names sharing the prefix `KUBE-`; comparing the strings themselves made the sort
// cache-bound and its cost per name grow with the count. Here each name is read once into two
// numeric keys (the 14 code units after the common prefix, 7 bits each), a least-significant-digit
// radix sort orders the items by those 14 code units in 8 linear passes (no comparator: a comparison
// sort made ~20 calls per name at 555k names, and its cost per name grew with the count), and only
// items with equal keys are then compared as strings.

const UNITS = 7;

/**
 * Code units `[from, from + 7)` of `s` as one number, 7 bits each (past the end counts as 0, so
 * a prefix sorts before any longer string); -1 when one of them is not ASCII up to `~`.
 */
function key(s: string, from: number): number {
  let k = 0;
  for (let i = from; i < from + UNITS; i++) {
    const c = i < s.length ? s.charCodeAt(i) + 1 : 0;
    if (c > 127) return -1;
    k = k * 128 + c;
  }
  return k;
}

function commonPrefixLength(names: readonly string[]): number {
  if (names.length === 0) return 0;
  const first = names[0]!;
  let n = first.length;
  for (const s of names) {
    let i = 0;
    while (i < n && i < s.length && s.charCodeAt(i) === first.charCodeAt(i)) i++;
    n = i;
    if (n === 0) break;
  }
  return n;
}

/** `items` sorted by `nameOf(item)` in code-unit order (stable for equal names). */
export function sortByCodeUnits<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  const names = items.map(nameOf);
  const p = commonPrefixLength(names);
  const hi = new Float64Array(names.length);
  const lo = new Float64Array(names.length);
  let numeric = true;
  for (let i = 0; i < names.length && numeric; i++) {
    hi[i] = key(names[i]!, p);
    lo[i] = key(names[i]!, p + UNITS);
    numeric = hi[i]! >= 0 && lo[i]! >= 0;
  }
  const byName = (a: number, b: number) => {
    const x = names[a]!;
    const y = names[b]!;
    return x < y ? -1 : x > y ? 1 : a - b;
  };
  let order: ArrayLike<number>;
  // (below a few hundred items a comparison sort is cheaper than 8 passes over 16k buckets)
  if (numeric && items.length >= RADIX_FROM) {
    const sorted = radixOrder(hi, lo);
    // Equal keys mean equal code units over both windows; only then do the strings decide.
    for (let i = 0; i < sorted.length; ) {
      let j = i + 1;
      while (j < sorted.length && hi[sorted[j]!] === hi[sorted[i]!] && lo[sorted[j]!] === lo[sorted[i]!]) j++;
      if (j - i > 1) sorted.subarray(i, j).sort(byName);
      i = j;
    }
    order = sorted;
  } else {
    const o: number[] = new Array<number>(items.length);
    for (let i = 0; i < items.length; i++) o[i] = i;
    order = o.sort(numeric ? (a, b) => hi[a]! - hi[b]! || lo[a]! - lo[b]! || byName(a, b) : byName);
  }
  const out: T[] = new Array<T>(items.length);
  for (let i = 0; i < order.length; i++) out[i] = items[order[i]!]!;
  return out;
}

/** Item count from which the radix sort is used. */
const RADIX_FROM = 256;

/** Radix digits of 14 bits (two code units): each 49-bit key is 4 digits. */
const DIGIT_BITS = 14;
const RADIX = 1 << DIGIT_BITS;
const DIGITS_PER_KEY = Math.ceil((UNITS * 7) / DIGIT_BITS);

/**
 * The indices of `hi`/`lo` ordered by (hi, lo), stable: an LSD radix sort over their 14-bit
 * digits, least significant first, carrying the keys with the indices so each pass reads its
 * input front to back. A pass whose digit is the same for every item is skipped.
 */
function radixOrder(hi: Float64Array, lo: Float64Array): Int32Array {
  const n = hi.length;
  let idx = new Int32Array(n);
  let kHi = Float64Array.from(hi);
  let kLo = Float64Array.from(lo);
  for (let i = 0; i < n; i++) idx[i] = i;
  let idx2 = new Int32Array(n);
  let kHi2 = new Float64Array(n);
  let kLo2 = new Float64Array(n);
  const digit = new Uint16Array(n);
  const count = new Int32Array(RADIX);
  for (let pass = 0; pass < 2 * DIGITS_PER_KEY; pass++) {
    const keys = pass < DIGITS_PER_KEY ? kLo : kHi;
    // Exact: the keys are integers below 2^49 and the divisor a power of two.
    const div = 2 ** (DIGIT_BITS * (pass % DIGITS_PER_KEY));
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const d = Math.floor(keys[i]! / div) & (RADIX - 1);
      digit[i] = d;
      count[d] = count[d]! + 1;
    }
    if (count[digit[0]!] === n) continue;
    for (let d = 0, at = 0; d < RADIX; d++) {
      const c = count[d]!;
      count[d] = at;
      at += c;
    }
    for (let i = 0; i < n; i++) {
      const d = digit[i]!;
      const to = count[d]!;
      count[d] = to + 1;
      idx2[to] = idx[i]!;
      kHi2[to] = kHi[i]!;
      kLo2[to] = kLo[i]!;
    }
    [idx, idx2] = [idx2, idx];
    [kHi, kHi2] = [kHi2, kHi];
    [kLo, kLo2] = [kLo2, kLo];
  }
  return idx;
}
