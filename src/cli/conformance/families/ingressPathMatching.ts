// Conformance family `ingress-path-matching` (vectors/README.md): the docs' path and host tables
// through engine/ingress's matchers, and the docs' example Ingresses through the router.
import { cluster, ingress } from '../../../engine/index.ts';
import { CliError } from '../../io.ts';
import { asArray, asObject, asString } from '../input.ts';
import { requestTwins } from './ingressRequestTwins.ts';

const PATH_TYPES = new Set(['Exact', 'Prefix', 'ImplementationSpecific']);

/**
 * The docs' examples assume the IngressClass they name is installed (the docs' own IngressClass
 * example, `nginx-example`, is ingress-nginx's): add each missing class for the lab's controller.
 */
function withNamedClassesInstalled(s: cluster.ClusterSnapshot): cluster.ClusterSnapshot {
  const have = new Set(cluster.objectsOfKind(s, 'IngressClass').map((o) => o.object.metadata.name));
  const added: cluster.ClusterObject[] = [];
  for (const { object } of cluster.objectsOfKind(s, 'Ingress')) {
    const name = ingress.ingressSpecOf(object).ingressClassName;
    if (name === undefined || have.has(name)) continue;
    have.add(name);
    added.push({
      key: `IngressClass/${name}`,
      object: { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name }, spec: { controller: ingress.DEFAULT_CONTROLLER.controllerName } },
    });
  }
  return { ...s, objects: [...s.objects, ...added] };
}

export function fill(input: unknown, file: string): unknown {
  const doc = structuredClone(asObject(input, file, 'document'));
  asArray(doc.pathCases ?? [], file, 'pathCases').forEach((c, i) => {
    const tc = asObject(c, file, `pathCases[${i}]`);
    const rules = asArray(tc.rules, file, `pathCases[${i}].rules`).map((r, j) => {
      const o = asObject(r, file, `pathCases[${i}].rules[${j}]`);
      const pathType = asString(o.pathType, file, `pathCases[${i}].rules[${j}].pathType`);
      if (!PATH_TYPES.has(pathType)) throw new CliError(`${file}: pathCases[${i}].rules[${j}].pathType: unknown pathType ${JSON.stringify(pathType)}`);
      return { path: asString(o.path, file, `pathCases[${i}].rules[${j}].path`), pathType: pathType as ingress.PathType };
    });
    const win = ingress.selectPath(rules, asString(tc.requestPath, file, `pathCases[${i}].requestPath`));
    tc.actualMatches = win !== null;
    tc.actualWinningRule = win ? { path: win.path, pathType: win.pathType } : null;
  });
  asArray(doc.hostCases ?? [], file, 'hostCases').forEach((c, i) => {
    const tc = asObject(c, file, `hostCases[${i}]`);
    tc.actualMatches = ingress.hostMatches(asString(tc.ruleHost, file, `hostCases[${i}].ruleHost`), asString(tc.hostHeader, file, `hostCases[${i}].hostHeader`));
  });
  asArray(doc.docExamples ?? [], file, 'docExamples').forEach((e, i) => {
    const ex = asObject(e, file, `docExamples[${i}]`);
    const s = cluster.buildCluster([{ name: `${file}#docExamples[${i}].manifests`, text: asString(ex.manifests, file, `docExamples[${i}].manifests`) }]);
    const bad = s.diagnostics.find((d) => d.severity === 'error');
    if (bad) throw new CliError(`${file}: docExamples[${i}].manifests: ${bad.message}`);
    const servers = ingress.buildIngressServers(withNamedClassesInstalled(s));
    asArray(ex.requests ?? [], file, `docExamples[${i}].requests`).forEach((rq, j) => {
      const req = asObject(rq, file, `docExamples[${i}].requests[${j}]`);
      const r = ingress.routeIngressRequest(
        s,
        { host: asString(req.host ?? '', file, `docExamples[${i}].requests[${j}].host`), path: asString(req.path, file, `docExamples[${i}].requests[${j}].path`), scheme: req.scheme === 'https' ? 'https' : 'http' },
        { servers },
      );
      Object.assign(req, requestTwins(r));
    });
  });
  return doc;
}
