// A plain-JSON deep copy. Manifests are JSON-shaped (no Dates, Maps or cycles), and this is
// several times faster than structuredClone, which matters when 100k Pods are stamped out.

export function deepClone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(deepClone) as T;
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) out[k] = deepClone((v as Record<string, unknown>)[k]);
  return out as T;
}
