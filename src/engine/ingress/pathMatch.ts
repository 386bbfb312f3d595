// Ingress path matching (networking.k8s.io/v1 HTTPIngressPath.PathType).
// Reference semantics: kubernetes/website docs/concepts/services-networking/ingress.md
// ("Path types", "Examples", "Multiple matches") and staging/src/k8s.io/api/networking/v1/types.go.

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

export interface PathRule {
  readonly path: string;
  readonly pathType: PathType;
}

/** Only the URL path counts: the query string and fragment are cut off. */
export function urlPath(requestPath: string): string {
  const cut = requestPath.search(/[?#]/);
  const p = cut >= 0 ? requestPath.slice(0, cut) : requestPath;
  return p === '' ? '/' : p;
}

/** Path elements: split on '/', ignoring the empty elements of leading, trailing (and doubled) slashes. */
function elements(path: string): string[] {
  return path.split('/').filter((e) => e !== '');
}

/**
 * Does one rule match the request path?
 * - Exact: case-sensitive string equality (`/foo` ≠ `/foo/`).
 * - Prefix: element-wise prefix (`/aaa/bb` does not match `/aaa/bbb`; trailing slashes ignored; `/` matches all).
 * - ImplementationSpecific: as ingress-nginx treats it without the use-regex annotation — an
 *   nginx `location <path>` string prefix (so `/foo` also matches `/foobar`); an empty path is `/`.
 */
export function pathMatches(rule: PathRule, requestPath: string): boolean {
  const req = urlPath(requestPath);
  switch (rule.pathType) {
    case 'Exact':
      return req === rule.path;
    case 'Prefix': {
      const r = elements(rule.path);
      const q = elements(req);
      return r.length <= q.length && r.every((e, i) => e === q[i]);
    }
    case 'ImplementationSpecific':
      return req.startsWith(rule.path === '' ? '/' : rule.path);
  }
}

/** The length a match counts with: a Prefix rule's trailing slash adds nothing (`/foo/` ≡ `/foo`). */
function matchLength(rule: PathRule): number {
  if (rule.pathType === 'Prefix') return '/'.length + elements(rule.path).join('/').length;
  return rule.path === '' ? 1 : rule.path.length;
}

const TIE_RANK: Record<PathType, number> = { Exact: 0, Prefix: 1, ImplementationSpecific: 2 };

/**
 * The winning path among the rules of one host: the longest matching path; on a tie Exact beats
 * Prefix (docs "Multiple matches"), and ImplementationSpecific comes last. Order in the YAML
 * does not matter, except between two identical rules, where the first is kept (ingress-nginx
 * skips a location that is already configured).
 */
export function selectPath<T extends PathRule>(rules: readonly T[], requestPath: string): T | null {
  let best: T | null = null;
  for (const r of rules) {
    if (!pathMatches(r, requestPath)) continue;
    if (!best) {
      best = r;
      continue;
    }
    const d = matchLength(r) - matchLength(best);
    if (d > 0 || (d === 0 && TIE_RANK[r.pathType] < TIE_RANK[best.pathType])) best = r;
  }
  return best;
}
