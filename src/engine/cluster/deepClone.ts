// A plain-JSON deep copy. Manifests are JSON-shaped (no Dates, Maps or cycles), and this is
// several times faster than structuredClone, which matters when 100k Pods are stamped out.

export function deepClone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(deepClone) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v as Record<string, unknown>)) {
    const c = deepClone((v as Record<string, unknown>)[k]);
    // A manifest key "__proto__" stays data: plain assignment would replace the copy's prototype.
    if (k === '__proto__') Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
    else out[k] = c;
  }
  return out as T;
}
