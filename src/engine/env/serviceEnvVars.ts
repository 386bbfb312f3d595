// Docker-link style Service environment variables, exactly as the kubelet makes them.
// kubelet: pkg/kubelet/envvars/envvars.go FromServices, makeEnvVariableName, makeLinkVariables;
// pkg/kubelet/kubelet_pods.go getServiceEnvVarMap.
import type { KubeObject } from '../cluster/objects.ts';

export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

/** The fields of a Service that service links read. */
export interface ServiceForEnv {
  readonly name: string;
  readonly namespace: string;
  readonly clusterIP: string;
  readonly ports: readonly { readonly name?: string; readonly port: number; readonly protocol?: string }[];
}

/** envvars.go makeEnvVariableName: upper-case, '-' → '_' (Service and port names are DNS labels). */
export function makeEnvVariableName(str: string): string {
  return str.toUpperCase().replaceAll('-', '_');
}

/** k8s.io/api/core/v1/helper IsServiceIPSet: a cluster IP that is neither "None" nor "". */
export function isServiceIPSet(svc: Pick<ServiceForEnv, 'clusterIP'>): boolean {
  return svc.clusterIP !== 'None' && svc.clusterIP !== '';
}

/** net.JoinHostPort: IPv6 (anything with a ':') is bracketed. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

// envvars.go makeLinkVariables: per port P_PORT_<port>_<PROTO>, then _PROTO, _PORT, _ADDR.
function makeLinkVariables(svc: ServiceForEnv): EnvVar[] {
  const prefix = makeEnvVariableName(svc.name);
  const all: EnvVar[] = [];
  svc.ports.forEach((sp, i) => {
    // An empty protocol means TCP (envvars.go: `protocol := string(v1.ProtocolTCP)` unless set).
    const protocol = sp.protocol ? sp.protocol : 'TCP';
    const portPrefix = `${prefix}_PORT_${sp.port}_${protocol.toUpperCase()}`;
    const url = `${protocol.toLowerCase()}://${joinHostPort(svc.clusterIP, sp.port)}`;
    if (i === 0) all.push({ name: `${prefix}_PORT`, value: url }); // the first port is the default
    all.push(
      { name: portPrefix, value: url },
      { name: `${portPrefix}_PROTO`, value: protocol.toLowerCase() },
      { name: `${portPrefix}_PORT`, value: String(sp.port) },
      { name: `${portPrefix}_ADDR`, value: svc.clusterIP },
    );
  });
  return all;
}

/**
 * envvars.go FromServices: for each Service with a cluster IP, `P_SERVICE_HOST`, `P_SERVICE_PORT`
 * (first port), `P_SERVICE_PORT_<NAME>` for every named port, then the link variables. Services
 * whose clusterIP is "None" (headless) or "" (ExternalName, unallocated) give nothing.
 */
export function fromServices(services: readonly ServiceForEnv[]): EnvVar[] {
  const result: EnvVar[] = [];
  for (const svc of services) {
    if (!isServiceIPSet(svc)) continue;
    const first = svc.ports[0];
    if (!first) continue; // a Service always has a port (validation); the kubelet would index [0]
    const name = makeEnvVariableName(svc.name) + '_SERVICE_HOST';
    result.push({ name, value: svc.clusterIP });
    const portName = makeEnvVariableName(svc.name) + '_SERVICE_PORT';
    result.push({ name: portName, value: String(first.port) });
    for (const sp of svc.ports) {
      if (sp.name) result.push({ name: `${portName}_${makeEnvVariableName(sp.name)}`, value: String(sp.port) });
    }
    result.push(...makeLinkVariables(svc));
  }
  return result;
}

/** The master services injected from namespace default whatever enableServiceLinks says (kubelet_pods.go masterServices). */
export const MASTER_SERVICES: ReadonlySet<string> = new Set(['kubernetes']);

/**
 * kubelet_pods.go getServiceEnvVarMap: which Services a Pod in `ns` sees.
 * - `default/kubernetes` always (the in-cluster config reads KUBERNETES_SERVICE_HOST);
 * - with enableServiceLinks, every Service in the Pod's namespace; a same-named one there
 *   replaces the master service (`serviceMap[serviceName] = service` overwrites);
 * - never Services of other namespaces.
 * The kubelet then merges FromServices through a map; this returns them in FromServices order
 * (first occurrence of each name keeps its position, the last value wins), each with the
 * `namespace/name` of the Service it came from.
 */
export function getServiceEnvVars(
  services: readonly ServiceForEnv[],
  ns: string,
  enableServiceLinks: boolean,
): (EnvVar & { readonly service: string })[] {
  const serviceMap = new Map<string, ServiceForEnv>();
  for (const svc of services) {
    if (!isServiceIPSet(svc)) continue;
    if (svc.namespace === 'default' && MASTER_SERVICES.has(svc.name)) {
      if (!serviceMap.has(svc.name)) serviceMap.set(svc.name, svc);
    } else if (svc.namespace === ns && enableServiceLinks) {
      serviceMap.set(svc.name, svc);
    }
  }
  const merged = new Map<string, EnvVar & { service: string }>();
  for (const svc of serviceMap.values()) {
    for (const e of fromServices([svc])) merged.set(e.name, { ...e, service: `${svc.namespace}/${svc.name}` });
  }
  return [...merged.values()];
}

/** A Service object as the cluster holds it → the fields service links read. */
export function serviceForEnv(o: KubeObject): ServiceForEnv {
  const spec = (o.spec ?? {}) as { clusterIP?: unknown; ports?: unknown };
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  return {
    name: o.metadata.name,
    namespace: o.metadata.namespace ?? 'default',
    clusterIP: typeof spec.clusterIP === 'string' ? spec.clusterIP : '',
    ports: ports
      .filter((p): p is { name?: unknown; port: number; protocol?: unknown } => !!p && typeof p === 'object' && typeof p.port === 'number')
      .map((p) => ({
        name: typeof p.name === 'string' ? p.name : undefined,
        port: p.port,
        protocol: typeof p.protocol === 'string' ? p.protocol : undefined,
      })),
  };
}
