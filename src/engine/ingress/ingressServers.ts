// The controller's merged view of every Ingress it serves: one "server" per host, each with
// its locations (paths), as ingress-nginx builds them (internal/ingress/controller/controller.go
// createServers, createUpstreams; Ingresses are taken oldest first, sortIngressSlice).
import { objectsOfKind, type ClusterSnapshot } from '../cluster/objects.ts';
import type { Diagnostic } from '../shared/diagnostics.ts';
import { classifyIngress, DEFAULT_CONTROLLER, ingressClasses, type ClassDecision, type IngressControllerConfig } from './ingressClass.ts';
import { ingressSpecOf, type IngressBackend, type IngressSpec } from './ingressSpec.ts';
import type { PathType } from './pathMatch.ts';
import { indexBackends, type BackendIndex } from './resolveBackend.ts';
import { validateIngress } from './validateIngress.ts';

/** The server name nginx uses for "any other host" (also where host-less rules go). */
export const CATCH_ALL = '_';

export interface IngressLocation {
  readonly ingress: string;
  readonly host: string;
  readonly path: string;
  readonly pathType: PathType;
  readonly backend: IngressBackend;
}

export interface IngressServer {
  readonly host: string;
  /** The Ingress whose defaultBackend answers unmatched paths on this host, if any. */
  defaultBackend?: { readonly ingress: string; readonly backend: IngressBackend };
  readonly locations: IngressLocation[];
}

export interface IngressView {
  readonly ingress: IngressSpec;
  readonly key: string;
  readonly decision: ClassDecision;
  readonly diagnostics: readonly Diagnostic[];
  /** Served: valid (stored by the API server) and of this controller's class. */
  readonly served: boolean;
}

export interface IngressServers {
  readonly servers: ReadonlyMap<string, IngressServer>;
  readonly ingresses: readonly IngressView[];
  /** TLS host → the Secret and Ingress that configure it. */
  readonly tls: ReadonlyMap<string, { readonly secretName?: string; readonly ingress: string }>;
  /** Services and EndpointSlices by name, so a request resolves its backend without a scan. */
  readonly backends: BackendIndex;
}

export function buildIngressServers(s: ClusterSnapshot, ctl: IngressControllerConfig = DEFAULT_CONTROLLER): IngressServers {
  const classes = ingressClasses(s, ctl);
  const views: IngressView[] = objectsOfKind(s, 'Ingress').map(({ object }) => {
    const ingress = ingressSpecOf(object);
    const diagnostics = validateIngress(ingress);
    const decision = classifyIngress(ingress, classes, ctl);
    const valid = !diagnostics.some((d) => d.severity === 'error');
    return { ingress, key: `${ingress.namespace}/${ingress.name}`, decision, diagnostics, served: valid && decision.handled };
  });
  // sortIngressSlice: oldest first, then by namespace/name, so the first definition of a host wins.
  const served = views
    .filter((v) => v.served)
    .sort((a, b) => (a.ingress.creationTimestamp ?? '').localeCompare(b.ingress.creationTimestamp ?? '') || a.key.localeCompare(b.key));

  const servers = new Map<string, IngressServer>([[CATCH_ALL, { host: CATCH_ALL, locations: [] }]]);
  const tls = new Map<string, { secretName?: string; ingress: string }>();
  for (const { ingress: ing, key } of served) {
    const catchAll = servers.get(CATCH_ALL)!;
    // "special catch all case, Ingress with a backend but no rule"
    if (ing.defaultBackend && ing.rules.length === 0 && !catchAll.defaultBackend) catchAll.defaultBackend = { ingress: key, backend: ing.defaultBackend };
    for (const rule of ing.rules) {
      const host = rule.host ?? CATCH_ALL;
      let server = servers.get(host);
      if (!server) {
        // "use backend specified in Ingress as the default backend for all its rules"
        server = { host, locations: [], defaultBackend: ing.defaultBackend ? { ingress: key, backend: ing.defaultBackend } : undefined };
        servers.set(host, server);
      }
      for (const p of rule.paths) {
        const path = p.pathType === 'ImplementationSpecific' && p.path === '' ? '/' : p.path;
        // a location already configured by an older Ingress is kept
        if (server.locations.some((l) => l.path === path && l.pathType === p.pathType)) continue;
        server.locations.push({ ingress: key, host, path, pathType: p.pathType, backend: p.backend });
      }
    }
    for (const t of ing.tls) {
      const hosts = t.hosts.length > 0 ? t.hosts : ing.rules.map((r) => r.host).filter((h): h is string => !!h);
      for (const h of hosts) if (!tls.has(h)) tls.set(h, { secretName: t.secretName, ingress: key });
    }
  }
  return { servers, ingresses: views, tls, backends: indexBackends(s) };
}
