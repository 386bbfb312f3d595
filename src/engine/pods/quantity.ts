// resource.Quantity parsing (apimachinery pkg/api/resource/quantity.go), to exact milli-units
// as a bigint so sums and comparisons (QoS: limit == request) never suffer float error.

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
const DECIMAL_EXP: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const QUANTITY_RE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** Milli-units of a quantity ("100m" → 100n, "1Gi" → 1073741824000n), rounded up like MilliValue; null if malformed. */
export function parseQuantityMilli(q: string | number): bigint | null {
  const text = typeof q === 'number' ? String(q) : q.trim();
  const m = QUANTITY_RE.exec(text);
  if (!m) return null;
  const [, sign, num = '0', suffix, exp] = m;
  const [intPart = '0', fracPart = ''] = num.split('.');
  const digits = BigInt((intPart || '0') + fracPart);
  let scale = -fracPart.length; // digits × 10^scale
  let multiplier = 1n;
  if (suffix && suffix in BINARY) multiplier = BINARY[suffix] ?? 1n;
  else if (suffix !== undefined) scale += DECIMAL_EXP[suffix] ?? 0;
  else if (exp !== undefined) scale += Number(exp);
  scale += 3; // to milli-units
  let value = digits * multiplier;
  if (scale >= 0) value *= 10n ** BigInt(scale);
  else {
    const div = 10n ** BigInt(-scale);
    value = (value + div - 1n) / div; // round up, as Quantity.MilliValue does
  }
  return sign === '-' ? -value : value;
}

/** Like parseQuantityMilli, but a malformed quantity counts as 0 (validation reports it elsewhere). */
export function quantityMilli(q: string | number | undefined): bigint {
  if (q === undefined) return 0n;
  return parseQuantityMilli(q) ?? 0n;
}
