// kube-proxy: proxier.go computeProbability — `fmt.Sprintf("%0.10f", 1.0/float64(n))`.
// Go rounds the exact binary value of the double to 10 decimals, ties to even; JS toFixed
// breaks ties upward (1/2048 = 0.00048828125 exactly), so we round with exact integers.

const SCALE = 10n ** 10n;

/** The `--probability` text for 1/n, exactly as Go's %0.10f prints it. */
export function computeProbability(n: number): string {
  const x = 1 / n;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  if (expBits === 0x7ff) return String(x);
  // x = mant × 2^exp exactly
  const mant = expBits === 0 ? frac : frac | (1n << 52n);
  const exp = (expBits === 0 ? 1 : expBits) - 1075;
  let q: bigint;
  if (exp >= 0) q = mant * SCALE * (1n << BigInt(exp));
  else {
    const den = 1n << BigInt(-exp);
    const num = mant * SCALE;
    q = num / den;
    const r2 = (num % den) * 2n;
    if (r2 > den || (r2 === den && q % 2n === 1n)) q += 1n;
  }
  const intPart = q / SCALE;
  const fracPart = (q % SCALE).toString().padStart(10, '0');
  return `${intPart}.${fracPart}`;
}

/** The probability strings are computed once per n and cached (proxier.go probability). */
const cache = new Map<number, string>();
export function probability(n: number): string {
  let s = cache.get(n);
  if (s === undefined) {
    s = computeProbability(n);
    cache.set(n, s);
  }
  return s;
}
