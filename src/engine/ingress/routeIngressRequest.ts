// An HTTP request from outside the cluster, routed as the lab's ingress controller routes it:
// L4 to the controller Pod (through its Service), then L7 by Host and path to a backend Pod.
import type { ClusterSnapshot, KubeObject } from '../cluster/objects.ts';
import { hostMatches, normalizeHost } from './hostMatch.ts';
import { DEFAULT_CONTROLLER, type IngressControllerConfig } from './ingressClass.ts';
import { buildIngressServers, CATCH_ALL, type IngressServer, type IngressServers } from './ingressServers.ts';
import type { IngressBackend } from './ingressSpec.ts';
import { selectPath, urlPath, type PathType } from './pathMatch.ts';
import { resolveServiceBackend, type BackendEndpoint, type ResolvedBackend } from './resolveBackend.ts';

export interface IngressRequest {
  /** The Host header ("" = a request to the address with no name). */
  readonly host: string;
  readonly path: string;
  readonly scheme?: 'http' | 'https';
  readonly method?: string;
}

export interface IngressRouteOptions {
  readonly controller?: IngressControllerConfig;
  /** Send the same request this many times (load balancing); default 1. */
  readonly count?: number;
  /** Reuse a server table already built for this snapshot. */
  readonly servers?: IngressServers;
}

export type MatchedBy = 'rule' | 'ingressDefaultBackend' | 'catchAllDefaultBackend' | 'controllerDefaultBackend';

export interface IngressHop {
  readonly layer: 'L4' | 'L7';
  readonly from: string;
  readonly to: string;
  readonly via: string;
  readonly detail: string;
}

export interface IngressRoute {
  readonly request: Required<Pick<IngressRequest, 'host' | 'path' | 'scheme'>> & { readonly method: string };
  readonly status: number;
  readonly matchedBy: MatchedBy;
  /** The server (virtual host) that took the request: a rule host, or "_" for any other. */
  readonly server: string;
  readonly ingress: string | null;
  readonly rule: { readonly host: string | null; readonly path: string; readonly pathType: PathType } | null;
  readonly backend: ResolvedBackend | null;
  readonly tls: { readonly terminated: boolean; readonly secretName: string | null; readonly defaultCertificate: boolean };
  /** ssl-redirect: the 308 a plain-HTTP request to a TLS host gets first (the client follows it). */
  readonly redirect: { readonly status: 308; readonly location: string } | null;
  /** The endpoint each of the `count` requests went to (round robin). */
  readonly picks: readonly BackendEndpoint[];
  readonly distinctPods: number;
  readonly hops: readonly IngressHop[];
  readonly reason: string;
}

/** nginx server selection: exact name, then a matching wildcard, then the catch-all server. */
function selectServer(t: IngressServers, host: string): IngressServer {
  const h = normalizeHost(host);
  const exact = t.servers.get(h);
  if (exact && h !== CATCH_ALL) return exact;
  for (const s of t.servers.values()) if (s.host.startsWith('*.') && hostMatches(s.host, h)) return s;
  return t.servers.get(CATCH_ALL)!;
}

function tlsFor(t: IngressServers, host: string): { secretName?: string; ingress: string } | undefined {
  const h = normalizeHost(host);
  const exact = t.tls.get(h);
  if (exact) return exact;
  for (const [pattern, v] of t.tls) if (pattern.startsWith('*.') && hostMatches(pattern, h)) return v;
  return undefined;
}

/** The controller's front door: its Service address and the Pods behind it, if the files have them. */
function controllerFrontDoor(t: IngressServers, ctl: IngressControllerConfig): { service: string; address: string; pods: string[]; modeled: boolean } {
  const key = `${ctl.namespace}/${ctl.serviceName}`;
  const svc: KubeObject | undefined = t.backends.services.get(key);
  if (!svc) return { service: key, address: '<ingress address>', pods: [], modeled: false };
  const lb = svc.status?.loadBalancer?.ingress?.[0];
  const address = lb?.ip ?? lb?.hostname ?? svc.spec?.externalIPs?.[0] ?? svc.spec?.clusterIP ?? '<ingress address>';
  const pods: string[] = [];
  for (const slice of t.backends.slices.get(key) ?? []) {
    for (const ep of (slice.endpoints ?? []) as { targetRef?: { name?: string } }[]) if (ep.targetRef?.name) pods.push(ep.targetRef.name);
  }
  return { service: key, address, pods, modeled: true };
}

export function routeIngressRequest(s: ClusterSnapshot, req: IngressRequest, opts: IngressRouteOptions = {}): IngressRoute {
  const ctl = opts.controller ?? DEFAULT_CONTROLLER;
  const t = opts.servers ?? buildIngressServers(s, ctl);
  const request = { host: req.host, path: req.path, scheme: req.scheme ?? 'http', method: req.method ?? 'GET' } as const;
  const server = selectServer(t, req.host);
  const tlsEntry = tlsFor(t, req.host);
  const redirect =
    request.scheme === 'http' && tlsEntry && ctl.sslRedirect ? ({ status: 308, location: `https://${normalizeHost(req.host)}${req.path}` } as const) : null;
  const scheme = redirect ? 'https' : request.scheme;

  const loc = selectPath(server.locations, req.path);
  let matchedBy: MatchedBy;
  let chosen: { ingress: string; backend: IngressBackend } | undefined;
  if (loc) {
    matchedBy = 'rule';
    chosen = { ingress: loc.ingress, backend: loc.backend };
  } else if (server.defaultBackend) {
    matchedBy = server.host === CATCH_ALL ? 'catchAllDefaultBackend' : 'ingressDefaultBackend';
    chosen = server.defaultBackend;
  } else {
    matchedBy = 'controllerDefaultBackend';
  }

  let status = 404;
  let backend: ResolvedBackend | null = null;
  let reason: string;
  if (!chosen) {
    reason = loc === null && server.locations.length > 0
      ? `no path of host ${server.host === CATCH_ALL ? '(any)' : server.host} matches ${urlPath(req.path)} and there is no defaultBackend: the controller answers 404`
      : `no Ingress rule matches host ${JSON.stringify(req.host)} and no defaultBackend is set: the controller answers 404`;
  } else if (!chosen.backend.service) {
    status = 503;
    reason = 'a resource backend: ingress-nginx serves only Service backends';
  } else {
    const ns = chosen.ingress.split('/')[0] ?? 'default';
    backend = resolveServiceBackend(t.backends, ns, chosen.backend.service);
    status = backend.problem ? 503 : 200;
    reason = backend.problem ? `${backend.problem}: ingress-nginx answers 503` : `routed by ${matchedBy === 'rule' ? `rule ${loc?.pathType} ${loc?.path}` : 'defaultBackend'} of Ingress ${chosen.ingress}`;
  }

  const count = Math.max(1, Math.floor(opts.count ?? 1));
  const eps = backend && !backend.problem ? backend.endpoints : [];
  // ingress-nginx load-balance "round_robin" (the default): request i goes to endpoint i mod n.
  const picks = eps.length > 0 ? Array.from({ length: count }, (_, i) => eps[i % eps.length]!) : [];
  const distinctPods = new Set(picks.map((p) => p.pod ?? `${p.ip}:${p.port}`)).size;

  const door = controllerFrontDoor(t, ctl);
  const port = scheme === 'https' ? 443 : 80;
  const ctlPod = door.pods[0] ?? `${ctl.namespace}/<${ctl.serviceName} pod>`;
  const hops: IngressHop[] = [
    {
      layer: 'L4',
      from: 'client',
      to: `${door.address}:${port}`,
      via: `Service ${door.service} (kube-proxy DNAT to a controller Pod)`,
      detail:
        `TCP to the ingress address; kube-proxy sees only IP:port and picks controller Pod ${ctlPod}` +
        (door.modeled ? '' : ` (the controller's Service is not in the files: the lab assumes ingress-nginx as its Helm chart installs it)`),
    },
  ];
  if (picks[0]) {
    hops.push({
      layer: 'L7',
      from: ctlPod,
      to: `${picks[0].ip}:${picks[0].port}`,
      via: `${scheme === 'https' ? 'TLS terminated, then ' : ''}HTTP Host ${JSON.stringify(normalizeHost(req.host))} path ${urlPath(req.path)} → ${backend?.namespace}/${backend?.service}`,
      detail: `nginx proxies straight to endpoint ${picks[0].pod ?? picks[0].ip} (not via the Service ClusterIP)`,
    });
  }

  return {
    request,
    status,
    matchedBy,
    server: server.host,
    ingress: chosen?.ingress ?? null,
    rule: loc ? { host: loc.host === CATCH_ALL ? null : loc.host, path: loc.path, pathType: loc.pathType } : null,
    backend,
    tls: { terminated: scheme === 'https', secretName: scheme === 'https' ? (tlsEntry?.secretName ?? null) : null, defaultCertificate: scheme === 'https' && !tlsEntry },
    redirect,
    picks,
    distinctPods,
    hops,
    reason,
  };
}
