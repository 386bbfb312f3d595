// Node selection (component-helpers/scheduling/corev1/nodeaffinity: GetRequiredNodeAffinity,
// NodeSelectorRequirementsAsSelector, matchFields on metadata.name). A Pod fits a Node when its
// nodeSelector matches AND any one requiredDuringScheduling term matches.
import type { KubeObject } from '../objects.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are untyped JSON here

function matchExpr(r: Obj, value: string | undefined, has: boolean): boolean {
  const values: string[] = Array.isArray(r.values) ? r.values.map(String) : [];
  switch (r.operator) {
    case 'In': return has && values.includes(value!);
    case 'NotIn': return !has || !values.includes(value!);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    case 'Gt': case 'Lt': {
      if (!has || values.length !== 1 || !/^-?[0-9]+$/.test(value!) || !/^-?[0-9]+$/.test(values[0]!)) return false;
      return r.operator === 'Gt' ? Number(value) > Number(values[0]) : Number(value) < Number(values[0]);
    }
    default: return false;
  }
}

function matchTerm(term: Obj, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {};
  const exprs: Obj[] = Array.isArray(term.matchExpressions) ? term.matchExpressions : [];
  const fields: Obj[] = Array.isArray(term.matchFields) ? term.matchFields : [];
  // An empty term matches nothing (nodeaffinity: "null or empty term matches no objects").
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const r of exprs) if (!matchExpr(r, labels[r.key], Object.prototype.hasOwnProperty.call(labels, r.key))) return false;
  for (const r of fields) if (r.key !== 'metadata.name' || !matchExpr(r, node.metadata.name, true)) return false;
  return true;
}

/** The required terms, or undefined when the Pod has no required node affinity. */
export function requiredTerms(pod: KubeObject): Obj[] | undefined {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return Array.isArray(terms) ? terms : undefined;
}

export function matchesNodeSelectorAndAffinity(pod: KubeObject, node: KubeObject): boolean {
  const sel: Obj = pod.spec?.nodeSelector ?? {};
  const labels = node.metadata.labels ?? {};
  for (const k of Object.keys(sel)) if (labels[k] !== sel[k]) return false;
  const terms = requiredTerms(pod);
  return terms === undefined || terms.some((t) => matchTerm(t, node));
}

/**
 * NodeAffinity PreFilter: when every required term pins metadata.name with In (what the DaemonSet
 * controller writes), only those nodes are considered; the others are "filtered out by the prefilter result".
 */
export function preFilterNodeNames(pod: KubeObject): Set<string> | undefined {
  const terms = requiredTerms(pod);
  if (!terms || terms.length === 0) return undefined;
  const names = new Set<string>();
  for (const t of terms) {
    const f = (Array.isArray(t.matchFields) ? t.matchFields : []).find((r: Obj) => r.key === 'metadata.name' && r.operator === 'In');
    if (!f) return undefined;
    for (const v of f.values ?? []) names.add(String(v));
  }
  return names;
}
