// ObjectMeta validation (apimachinery/pkg/api/validation/objectmeta.go ValidateObjectMeta,
// ValidateLabels, ValidateAnnotations). Which name rule applies is the kind's (NameFn).
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../names.ts';
import { childPath } from '../fieldPath.ts';
import type { Reporter } from './reporter.ts';

/** The name rule per kind: Service → DNS-1035 label; Namespace → DNS-1123 label; most others subdomain. */
const NAME_RULE: Record<string, (v: string) => string[]> = {
  Service: isDNS1035Label,
  Namespace: isDNS1123Label,
};

export function validateLabels(r: Reporter, labels: unknown, path: string): void {
  if (labels === undefined || labels === null) return;
  if (typeof labels !== 'object' || Array.isArray(labels)) {
    r.invalid(path, labels, 'must be a map of string keys to string values');
    return;
  }
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    for (const m of isQualifiedName(k)) r.invalid(childPath(path, k), k, m);
    if (typeof v !== 'string') {
      r.invalid(childPath(path, k), v, 'a label value must be a string (quote it in YAML)');
      continue;
    }
    for (const m of isValidLabelValue(v)) r.invalid(childPath(path, k), v, m);
  }
}

export function validateObjectMeta(r: Reporter, namespaced: boolean): void {
  const meta = r.object.metadata;
  const name = meta.name;
  if (name === undefined || name === null || name === '') {
    r.required('metadata.name', 'name or generateName is required');
  } else if (typeof name !== 'string') {
    r.invalid('metadata.name', name, 'must be a string');
  } else {
    const rule = NAME_RULE[r.object.kind] ?? isDNS1123Subdomain;
    for (const m of rule(name)) r.invalid('metadata.name', name, m);
  }
  if (namespaced && meta.namespace !== undefined) {
    if (typeof meta.namespace !== 'string') r.invalid('metadata.namespace', meta.namespace, 'must be a string');
    else for (const m of isDNS1123Label(meta.namespace)) r.invalid('metadata.namespace', meta.namespace, m);
  }
  validateLabels(r, meta.labels, 'metadata.labels');
  if (meta.annotations !== undefined && meta.annotations !== null) {
    if (typeof meta.annotations !== 'object' || Array.isArray(meta.annotations)) r.invalid('metadata.annotations', meta.annotations, 'must be a map');
    else {
      for (const [k, v] of Object.entries(meta.annotations)) {
        for (const m of isQualifiedName(k)) r.invalid('metadata.annotations', k, m);
        if (typeof v !== 'string') r.invalid(childPath('metadata.annotations', k), v, 'an annotation value must be a string');
      }
    }
  }
}
