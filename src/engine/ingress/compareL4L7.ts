// The seed's "L4 service vs L7 service" table (Service of type LoadBalancer vs Ingress) as
// data, with each cell filled from the scenario: which Services own a load balancer address,
// which hosts share the controller's, where TLS is terminated — and, for one routed request,
// what each hop saw and decided.
import { objectsOfKind, type ClusterSnapshot } from '../cluster/objects.ts';
import { normalizeHost } from './hostMatch.ts';
import { CATCH_ALL, type IngressServers } from './ingressServers.ts';
import { urlPath } from './pathMatch.ts';
import type { IngressRoute } from './routeIngressRequest.ts';

export interface L4L7Row {
  readonly aspect: string;
  /** A Service of type LoadBalancer / NodePort, handled by kube-proxy (hop 1's layer). */
  readonly l4: string;
  /** An Ingress, handled by the ingress controller (hop 2's layer). */
  readonly l7: string;
}

const list = (xs: readonly string[], none: string) => (xs.length === 0 ? none : xs.join(', '));

export function compareL4L7(s: ClusterSnapshot, t: IngressServers, r?: IngressRoute): L4L7Row[] {
  const lbServices = objectsOfKind(s, 'Service')
    .filter((o) => o.object.spec?.type === 'LoadBalancer')
    .map((o) => `${o.object.metadata.namespace ?? 'default'}/${o.object.metadata.name}`);
  const hosts = [...t.servers.keys()].filter((h) => h !== CATCH_ALL);
  const backends = new Set<string>();
  for (const server of t.servers.values()) {
    for (const l of server.locations) if (l.backend.service) backends.add(`${l.ingress.split('/')[0]}/${l.backend.service.name}`);
    if (server.defaultBackend?.backend.service) backends.add(`${server.defaultBackend.ingress.split('/')[0]}/${server.defaultBackend.backend.service.name}`);
  }
  const secrets = [...new Set([...t.tls.values()].map((v) => v.secretName).filter((x): x is string => !!x))];
  const rows: L4L7Row[] = [
    {
      aspect: 'load balancer address',
      l4: `each LoadBalancer Service has its own: ${list(lbServices, 'none in this scenario')}`,
      l7: `${backends.size} backend Service(s) share the controller's one address: ${list([...backends], 'none')}`,
    },
    {
      aspect: 'DNS names',
      l4: 'one name (and record update) per exposed Service',
      l7: `host rules on the shared address: ${list(hosts, 'none (every host goes to the catch-all server)')}`,
    },
    {
      aspect: 'protocols and TLS',
      l4: 'any TCP/UDP/SCTP port; HTTPS means each app manages its own certificate',
      l7: `HTTP(S) on 80/443; TLS terminated at the Ingress with ${list(secrets, 'no Secret configured')}`,
    },
    {
      aspect: 'routing features',
      l4: 'destination IP:port only (5-tuple)',
      l7: 'Host and path rules; header matching, rewrites and weights need controller annotations or the Gateway API',
    },
  ];
  if (!r) return rows;
  const l4 = r.hops.find((h) => h.layer === 'L4');
  const l7 = r.hops.find((h) => h.layer === 'L7');
  const backend = r.backend ? `${r.backend.namespace}/${r.backend.service}` : 'none';
  rows.push(
    { aspect: 'this request: who decides', l4: `kube-proxy rules on the node (${l4?.via ?? 'the controller Service'})`, l7: 'the ingress controller (nginx) in its Pod' },
    { aspect: 'this request: what it reads', l4: `destination ${l4?.to ?? '?'}`, l7: `Host ${JSON.stringify(normalizeHost(r.request.host))}, path ${urlPath(r.request.path)}, scheme ${r.tls.terminated ? 'https' : r.request.scheme}` },
    {
      aspect: 'this request: decision',
      l4: 'DNAT to one controller Pod, once per connection',
      l7: r.status === 200 ? `Service ${backend} → endpoint ${l7?.to ?? '?'}, per request (round robin)` : `HTTP ${r.status}: ${r.reason}`,
    },
  );
  return rows;
}
