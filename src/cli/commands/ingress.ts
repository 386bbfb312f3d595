// podlab ingress -f F… --host HOST --path PATH [--scheme http|https] [--count N] [-o text|json]
// One outside request routed by the lab's ingress controller: the Ingress and rule that took
// it, the backend Service:port, the status, and the two hops (L4 to the controller, L7 onward).
import { ingress } from '../../engine/index.ts';
import { parseCommandArgs } from '../args.ts';
import { clusterFromInputs } from '../clusterInput.ts';
import { CliError, Output } from '../io.ts';
import type { Command } from './index.ts';

export const ingressCommand: Command = {
  usage: 'ingress -f F… --host HOST --path PATH [--scheme http|https] [--count N] [-o text|json]   # route a request through the Ingresses',
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      {
        file: { type: 'string', short: 'f', multiple: true },
        host: { type: 'string' },
        path: { type: 'string' },
        scheme: { type: 'string' },
        count: { type: 'string' },
        output: { type: 'string', short: 'o' },
      },
      'ingress',
    );
    if (values.host === undefined) throw new CliError('podlab ingress: --host is required ("" for a request without a name)');
    if (values.path === undefined) throw new CliError('podlab ingress: --path is required');
    if (!values.path.startsWith('/')) throw new CliError(`podlab ingress: --path must start with '/', got ${JSON.stringify(values.path)}`);
    const scheme = values.scheme ?? 'http';
    if (scheme !== 'http' && scheme !== 'https') throw new CliError(`podlab ingress: --scheme must be http or https, got ${JSON.stringify(scheme)}`);
    const count = values.count === undefined ? 1 : Number(values.count);
    if (!Number.isInteger(count) || count < 1 || count > 100000) throw new CliError(`podlab ingress: --count must be an integer from 1 to 100000, got ${JSON.stringify(values.count)}`);
    const format = values.output ?? 'text';
    if (format !== 'text' && format !== 'json') throw new CliError(`podlab ingress: -o must be text or json, got ${JSON.stringify(format)}`);

    const s = clusterFromInputs(values.file ?? [], 'ingress');
    const servers = ingress.buildIngressServers(s);
    const r = ingress.routeIngressRequest(s, { host: values.host, path: values.path, scheme }, { servers, count });
    const ignored = servers.ingresses.filter((v) => !v.served);
    const out = new Output();
    if (format === 'json') {
      out.line(
        JSON.stringify(
          {
            ...r,
            ingresses: servers.ingresses.map((v) => ({ ingress: v.key, served: v.served, class: v.decision, diagnostics: v.diagnostics })),
            comparison: ingress.compareL4L7(s, servers, r),
          },
          null,
          2,
        ),
      );
    } else {
      out.line(`request:  ${r.request.method} ${r.request.scheme}://${r.request.host}${r.request.path}`);
      if (r.redirect) out.line(`redirect: ${r.redirect.status} → ${r.redirect.location} (ssl-redirect; followed)`);
      out.line(`status:   ${r.status}`);
      out.line(`ingress:  ${r.ingress ?? '<none>'}${r.rule ? `, rule host ${r.rule.host ?? '*'} ${r.rule.pathType} ${r.rule.path}` : r.matchedBy !== 'controllerDefaultBackend' ? ', defaultBackend' : ''}`);
      if (r.backend) {
        const port = typeof r.backend.port === 'number' ? String(r.backend.port) : `${r.backend.port.name} (${r.backend.port.resolvesTo ?? 'no such port'})`;
        out.line(`backend:  Service ${r.backend.namespace}/${r.backend.service}:${port}, ${r.backend.endpoints.length} ready endpoint(s)`);
      } else {
        out.line('backend:  <none> (the controller answers itself)');
      }
      out.line(`tls:      ${r.tls.terminated ? `terminated at the controller${r.tls.secretName ? ` (Secret ${r.tls.secretName})` : ' (default certificate: no tls entry covers this host)'}` : 'no'}`);
      r.hops.forEach((h, i) => out.line(`hop ${i + 1}:    ${h.layer} ${h.from} → ${h.to} via ${h.via}; ${h.detail}`));
      if (count > 1) out.line(`spread:   ${count} requests over ${r.distinctPods} pod(s) (round robin)`);
      out.line(`why:      ${r.reason}`);
      for (const v of ignored) {
        const why = v.diagnostics.find((d) => d.severity === 'error');
        out.line(`note:     Ingress ${v.key} is not served: ${why ? `rejected by validation: ${why.message}${why.path ? ` (${why.path})` : ''}` : v.decision.reason}`);
      }
    }
    out.flush();
    return 0;
  },
};
