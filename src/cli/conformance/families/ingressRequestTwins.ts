// The request twins shared by ingress-conformance and ingress-path-matching
// (vectors/README.md: actualStatus, actualService, actualPort; null when nothing serves it).
import type { ingress } from '../../../engine/index.ts';
import type { Json, JsonObject } from '../input.ts';

export function requestTwins(r: ingress.IngressRoute): JsonObject {
  const served = r.backend !== null && r.status !== 404;
  return {
    actualStatus: r.status,
    actualService: served ? r.backend!.service : null,
    actualPort: served ? (r.backend!.port as Json) : null,
  };
}
