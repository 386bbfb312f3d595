// Pipeline step 2: validate each object as the apiserver would on create. Returns the
// diagnostics; an object with an error is rejected (it never reaches the controllers), as
// `kubectl apply` would have been refused.
import type { ParsedObject } from '../parseManifests.ts';
import { KINDS } from '../kinds.ts';
import { Reporter } from './reporter.ts';
import { validateObjectMeta } from './validateMeta.ts';
import { validateShape } from './validateShape.ts';
import { validateEndpointSlice, validateIngress, validateNode, validateSecret } from './validateOthers.ts';
import { validatePodSpec } from './validatePodSpec.ts';
import { validateService } from './validateService.ts';
import { validateWorkload } from './validateWorkload.ts';

const BY_KIND: Record<string, (r: Reporter) => void> = {
  Pod: (r) => validatePodSpec(r, r.object.spec, 'spec'),
  Service: validateService,
  Deployment: validateWorkload,
  ReplicaSet: validateWorkload,
  DaemonSet: validateWorkload,
  StatefulSet: validateWorkload,
  Node: validateNode,
  EndpointSlice: validateEndpointSlice,
  Ingress: validateIngress,
  Secret: validateSecret,
};

export function validateObject(p: ParsedObject): Reporter {
  const r = new Reporter(p.object, p.source);
  const info = KINDS[p.object.kind];
  if (!info) return r;
  if (!info.apiVersions.includes(p.object.apiVersion)) {
    // What kubectl says when the RESTMapper has no such kind in that group/version.
    r.report('error', 'apiVersion', `no matches for kind "${p.object.kind}" in version "${p.object.apiVersion}" (expected ${info.apiVersions.join(' or ')})`);
    return r;
  }
  if (info.config) return r;
  validateObjectMeta(r, info.namespaced);
  // Decoding into the Go types fails on a wrong-typed field; everything below relies on the shapes.
  if (!validateShape(r)) return r;
  BY_KIND[p.object.kind]?.(r);
  return r;
}
