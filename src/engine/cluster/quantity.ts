// resource.Quantity, the part the scheduler needs (k8s.io/apimachinery/pkg/api/resource
// quantity.go ParseQuantity): "500m", "1.5", "128Mi", "1G", "2e3". Values are plain numbers in
// base units (cores, bytes); `milliValue` rounds up like Quantity.MilliValue.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?[0-9]+))?$/;

/** The quantity's value in base units, or null when it is not a quantity (quantity.go ErrFormatWrong). */
export function parseQuantity(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const m = QUANTITY.exec(v.trim());
  if (!m) return null;
  const n = Number(m[1]);
  if (m[3] !== undefined) return n * 10 ** Number(m[3]);
  const suffix = m[2] ?? '';
  return n * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1);
}

/** Quantity.MilliValue: value × 1000, rounded up. */
export function milliValue(v: unknown): number {
  const q = parseQuantity(v);
  return q === null ? 0 : Math.ceil(Math.round(q * 1e9) / 1e6);
}

/** Quantity.Value: the value rounded up to an integer (bytes, pods). */
export function intValue(v: unknown): number {
  const q = parseQuantity(v);
  return q === null ? 0 : Math.ceil(q - 1e-9);
}
