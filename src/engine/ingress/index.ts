// Public face of engine/ingress: which Ingresses the controller serves, and how a request is routed.
export { pathMatches, selectPath, urlPath, type PathRule, type PathType } from './pathMatch.ts';
export { hostMatches, normalizeHost } from './hostMatch.ts';
export { ingressSpecOf, type IngressSpec, type IngressBackend, type IngressRule, type HTTPIngressPath, type IngressTLS } from './ingressSpec.ts';
export { validateIngress, LEGACY_CLASS_ANNOTATION } from './validateIngress.ts';
export {
  classifyIngress,
  defaultIngressClass,
  ingressClasses,
  DEFAULT_CLASS_ANNOTATION,
  DEFAULT_CONTROLLER,
  type ClassDecision,
  type IngressClassInfo,
  type IngressControllerConfig,
} from './ingressClass.ts';
export { buildIngressServers, CATCH_ALL, type IngressServers, type IngressServer, type IngressLocation, type IngressView } from './ingressServers.ts';
export { resolveServiceBackend, indexBackends, type BackendIndex, type BackendEndpoint, type BackendPort, type ResolvedBackend } from './resolveBackend.ts';
export { routeIngressRequest, type IngressRequest, type IngressRoute, type IngressHop, type IngressRouteOptions, type MatchedBy } from './routeIngressRequest.ts';
export { withEchoBackends, ECHO_PORT, type EchoHarnessSetup } from './echoHarness.ts';
export { compareL4L7, type L4L7Row } from './compareL4L7.ts';
