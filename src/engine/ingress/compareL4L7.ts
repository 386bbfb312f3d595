// The seed's "Service (L4) vs Ingress (L7)" comparison as data, filled in from one routed
// request so the UI can show what each layer actually saw and decided for it.
import { urlPath } from './pathMatch.ts';
import { normalizeHost } from './hostMatch.ts';
import type { IngressRoute } from './routeIngressRequest.ts';

export interface L4L7Row {
  readonly aspect: string;
  /** kube-proxy in front of the controller (hop 1). */
  readonly l4: string;
  /** the ingress controller (hop 2). */
  readonly l7: string;
}

export function compareL4L7(r: IngressRoute): L4L7Row[] {
  const l4 = r.hops.find((h) => h.layer === 'L4');
  const l7 = r.hops.find((h) => h.layer === 'L7');
  const backend = r.backend ? `${r.backend.namespace}/${r.backend.service}` : 'none';
  return [
    { aspect: 'who decides', l4: 'kube-proxy rules in the node kernel (netfilter / IPVS)', l7: 'the ingress controller process (nginx) in a Pod' },
    { aspect: 'what it reads', l4: `destination IP:port only (${l4?.to ?? '?'})`, l7: `Host ${JSON.stringify(normalizeHost(r.request.host))}, path ${urlPath(r.request.path)}, scheme ${r.request.scheme}` },
    { aspect: 'decision', l4: 'DNAT to one controller Pod, per connection', l7: r.status === 200 ? `rule → Service ${backend} → endpoint ${l7?.to ?? '?'}, per request` : `HTTP ${r.status} (${r.reason})` },
    { aspect: 'TLS', l4: 'passes encrypted bytes through', l7: r.tls.terminated ? `terminates TLS${r.tls.secretName ? ` with Secret ${r.tls.secretName}` : ' with the default certificate'}` : 'plain HTTP' },
    { aspect: 'load balancing', l4: 'random (iptables) or scheduler (ipvs) per new connection', l7: `round robin per request over ${r.backend?.endpoints.length ?? 0} ready endpoint(s)` },
    { aspect: 'error it can return', l4: 'none: a packet is DNATed, dropped or rejected', l7: '404 (no rule, no default backend), 503 (no ready endpoints)' },
  ];
}
