// Field paths as the apiserver prints them in validation errors (field.Path.String()):
// `spec.ports[0].nodePort`, `metadata.labels[kubernetes.io/name]`. One spelling, shared by the
// parser (which records where each path was written) and the validators (which report on it).

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Appends a map key or list index to a path, as field.Path.Child / Index / Key do. */
export function childPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (!PLAIN_KEY.test(key)) return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

/** Builds a path from parts: `fieldPath('spec', 'ports', 0, 'port')` → `spec.ports[0].port`. */
export function fieldPath(...parts: (string | number)[]): string {
  return parts.reduce<string>((p, k) => childPath(p, k), '');
}

/** The parents of a path, nearest first: `a.b[0].c` → `a.b[0]`, `a.b`, `a`. */
export function parentPaths(path: string): string[] {
  const out: string[] = [];
  let p = path;
  for (;;) {
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
    out.push(p);
  }
  return out;
}
