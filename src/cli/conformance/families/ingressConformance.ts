// Conformance family `ingress-conformance` (vectors/README.md): every feature's manifests, with
// the backends the conformance harness creates, routed by engine/ingress.
import { cluster, ingress } from '../../../engine/index.ts';
import { CliError } from '../../io.ts';
import { asArray, asObject, asString } from '../input.ts';
import { requestTwins } from './ingressRequestTwins.ts';

export function fill(input: unknown, file: string): unknown {
  const doc = structuredClone(asObject(input, file, 'document'));
  asArray(doc.features, file, 'features').forEach((f, i) => {
    const where = `features[${i}]`;
    const feature = asObject(f, file, where);
    const snap = cluster.buildCluster([{ name: `${file}#${where}.manifests`, text: asString(feature.manifests, file, `${where}.manifests`) }]);
    const bad = snap.diagnostics.find((d) => d.severity === 'error');
    if (bad) throw new CliError(`${file}: ${where}.manifests: ${bad.message}`);
    const setup = feature.setup && typeof feature.setup === 'object' && !Array.isArray(feature.setup) ? feature.setup : {};
    const s = ingress.withEchoBackends(snap, {
      scaleDeployment: typeof setup.scaleDeployment === 'string' ? setup.scaleDeployment : undefined,
      replicas: typeof setup.replicas === 'number' ? setup.replicas : undefined,
    });
    const servers = ingress.buildIngressServers(s);
    // The controller writes status.loadBalancer only on Ingresses it serves; nothing else routes.
    const served = servers.ingresses.length > 0 && servers.ingresses.every((v) => v.served);
    feature.actual = { ingressStatusHasAddress: served, routed: served };
    asArray(feature.requests ?? [], file, `${where}.requests`).forEach((rq, j) => {
      const req = asObject(rq, file, `${where}.requests[${j}]`);
      const count = typeof req.count === 'number' ? req.count : 1;
      const r = ingress.routeIngressRequest(
        s,
        {
          host: asString(req.host ?? '', file, `${where}.requests[${j}].host`),
          path: asString(req.path, file, `${where}.requests[${j}].path`),
          scheme: req.scheme === 'https' ? 'https' : 'http',
          method: typeof req.method === 'string' ? req.method : 'GET',
        },
        { servers, count },
      );
      Object.assign(req, requestTwins(r), { actualDistinctPods: r.distinctPods });
    });
  });
  return doc;
}
