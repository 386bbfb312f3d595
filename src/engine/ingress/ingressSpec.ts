// The parts of networking.k8s.io/v1 Ingress, IngressClass and IngressTLS that routing reads,
// taken from a KubeObject defensively (bad shapes become diagnostics in validateIngress).
import type { KubeObject } from '../cluster/objects.ts';
import type { PathType } from './pathMatch.ts';

export interface IngressServiceBackend {
  readonly name: string;
  readonly port: { readonly number?: number; readonly name?: string };
}

export interface IngressBackend {
  readonly service?: IngressServiceBackend;
  readonly resource?: { readonly apiGroup?: string; readonly kind: string; readonly name: string };
}

export interface HTTPIngressPath {
  readonly path: string;
  readonly pathType: PathType;
  readonly backend: IngressBackend;
}

export interface IngressRule {
  readonly host?: string;
  readonly paths: readonly HTTPIngressPath[];
}

export interface IngressTLS {
  readonly hosts: readonly string[];
  readonly secretName?: string;
}

export interface IngressSpec {
  readonly namespace: string;
  readonly name: string;
  readonly ingressClassName?: string;
  readonly defaultBackend?: IngressBackend;
  readonly rules: readonly IngressRule[];
  readonly tls: readonly IngressTLS[];
  readonly annotations: Readonly<Record<string, string>>;
  readonly creationTimestamp?: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const optStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function backendOf(v: unknown): IngressBackend | undefined {
  if (!isObj(v)) return undefined;
  const svc = isObj(v.service) ? v.service : undefined;
  const port = svc && isObj(svc.port) ? svc.port : {};
  const res = isObj(v.resource) ? v.resource : undefined;
  return {
    service: svc ? { name: optStr(svc.name) ?? '', port: { number: typeof port.number === 'number' ? port.number : undefined, name: optStr(port.name) } } : undefined,
    resource: res ? { apiGroup: optStr(res.apiGroup), kind: optStr(res.kind) ?? '', name: optStr(res.name) ?? '' } : undefined,
  };
}

export function ingressSpecOf(o: KubeObject): IngressSpec {
  const spec = isObj(o.spec) ? o.spec : {};
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  const tls = Array.isArray(spec.tls) ? spec.tls : [];
  return {
    namespace: o.metadata.namespace ?? 'default',
    name: o.metadata.name,
    ingressClassName: optStr(spec.ingressClassName),
    defaultBackend: backendOf(spec.defaultBackend ?? spec.backend),
    rules: rules.filter(isObj).map((r) => {
      const http = isObj(r.http) ? r.http : {};
      const paths = Array.isArray(http.paths) ? http.paths : [];
      return {
        host: optStr(r.host) || undefined,
        paths: paths.filter(isObj).map((p) => ({
          path: optStr(p.path) ?? '',
          pathType: (optStr(p.pathType) ?? '') as PathType,
          backend: backendOf(p.backend) ?? {},
        })),
      };
    }),
    tls: tls.filter(isObj).map((t) => ({
      hosts: Array.isArray(t.hosts) ? t.hosts.filter((h): h is string => typeof h === 'string') : [],
      secretName: optStr(t.secretName),
    })),
    annotations: (o.metadata.annotations ?? {}) as Record<string, string>,
    creationTimestamp: optStr(o.metadata.creationTimestamp),
  };
}
