// Label selectors (k8s.io/apimachinery/pkg/labels and metav1.LabelSelectorAsSelector).
// Two kinds: the equality map a Service uses (`spec.selector`) and the LabelSelector with
// matchLabels/matchExpressions that workloads use.

export type Labels = Readonly<Record<string, string>>;

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/**
 * A Service's equality selector. `undefined` selects nothing (endpointslice/util
 * GetPodServiceMemberships skips nil selectors); `{}` selects every Pod, as labels.Set{} does.
 */
export function matchesSelectorMap(selector: Labels | undefined | null, labels: Labels | undefined): boolean {
  if (!selector) return false;
  for (const k in selector) if ((labels?.[k] ?? undefined) !== selector[k]) return false;
  return true;
}

function matchesRequirement(r: LabelSelectorRequirement, labels: Labels | undefined): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key] : undefined;
  switch (r.operator) {
    case 'In': return has && (r.values ?? []).includes(v as string);
    case 'NotIn': return !has || !(r.values ?? []).includes(v as string);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    default: return false;
  }
}

/**
 * metav1.LabelSelectorAsSelector: null/undefined selects nothing, an empty selector selects
 * everything, otherwise every matchLabels pair and every expression must hold.
 */
export function matchesLabelSelector(selector: LabelSelector | undefined | null, labels: Labels | undefined): boolean {
  if (!selector) return false;
  if (selector.matchLabels && !matchesSelectorMap(selector.matchLabels, labels)) return false;
  for (const r of selector.matchExpressions ?? []) if (!matchesRequirement(r, labels)) return false;
  return true;
}

/** labels.FormatLabels: `k=v` pairs sorted by key, comma-joined; `<none>` when empty. */
export function formatLabels(labels: Labels | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
}
