// The kubernetes plugin's view of a lab cluster: Services, EndpointSlices (ready or unset-ready
// endpoints only), Pods and Namespaces of a ClusterSnapshot, and the Corefile from the
// kube-system/coredns ConfigMap (kubeadm's when there is none).
import type { ClusterSnapshot, KubeObject } from '../../cluster/objects.ts';
import { parseCorefileKubernetes, type CorefileProblem } from './corefile.ts';
import { kubeadmCorefile, type CoreDNSConfig, type DnsClusterState, type DnsEndpoints, type DnsPort, type DnsService } from './model.ts';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function ports(list: unknown): DnsPort[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((p: Record<string, unknown>) =>
    typeof p?.['port'] === 'number' ? [{ name: typeof p['name'] === 'string' ? p['name'] : '', protocol: typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP', port: p['port'] }] : [],
  );
}

/** object/service.go ToService. */
export function serviceOf(o: KubeObject): DnsService {
  const spec = o.spec ?? {};
  const ips: string[] = Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0 ? spec.clusterIPs : [typeof spec.clusterIP === 'string' ? spec.clusterIP : ''];
  return {
    name: o.metadata.name,
    namespace: o.metadata.namespace ?? 'default',
    type: typeof spec.type === 'string' ? spec.type : 'ClusterIP',
    clusterIPs: ips,
    ...(typeof spec.externalName === 'string' ? { externalName: spec.externalName } : {}),
    ports: ports(spec.ports),
  };
}

/** object/endpoint.go EndpointSliceToEndpoints: ready (or unset) endpoints; a port -1 sentinel when the slice has none. */
export function endpointsOf(o: KubeObject): DnsEndpoints {
  const ps = ports(o['ports']);
  const endpoints = Array.isArray(o['endpoints']) ? (o['endpoints'] as Record<string, unknown>[]) : [];
  const addresses = endpoints.flatMap((e) => {
    const ready = (e['conditions'] as { ready?: unknown } | undefined)?.ready;
    // endpointsliceReady: "nil means unknown, treat as ready"
    if (ready === false) return [];
    const ref = e['targetRef'] as { name?: unknown } | undefined;
    return (Array.isArray(e['addresses']) ? (e['addresses'] as unknown[]) : []).filter((a): a is string => typeof a === 'string').map((ip) => ({
      ip,
      ...(typeof e['hostname'] === 'string' ? { hostname: e['hostname'] } : {}),
      // "ignore pod names that are too long to be a valid label"
      ...(typeof ref?.name === 'string' && ref.name.length < 64 ? { targetRefName: ref.name } : {}),
      ...(typeof e['nodeName'] === 'string' ? { nodeName: e['nodeName'] } : {}),
    }));
  });
  return {
    name: o.metadata.name,
    namespace: o.metadata.namespace ?? 'default',
    service: o.metadata.labels?.[SERVICE_NAME_LABEL] ?? '',
    addresses,
    ports: ps.length > 0 ? ps : [{ name: '', protocol: '', port: -1 }],
  };
}

export function clusterStateOf(s: ClusterSnapshot): DnsClusterState {
  const of = (kind: string) => s.objects.filter((o) => o.object.kind === kind).map((o) => o.object);
  const namespaces = new Set(of('Namespace').map((n) => n.metadata.name));
  // A namespace the user's objects live in counts as existing (the lab does not require the Namespace object).
  for (const o of s.objects) if (o.object.metadata.namespace) namespaces.add(o.object.metadata.namespace);
  return {
    services: of('Service').map(serviceOf),
    endpoints: of('EndpointSlice').map(endpointsOf),
    pods: of('Pod').flatMap((p) => (typeof p.status?.podIP === 'string' ? [{ name: p.metadata.name, namespace: p.metadata.namespace ?? 'default', podIP: p.status.podIP as string }] : [])),
    namespaceExists: (ns) => namespaces.has(ns),
  };
}

export interface SnapshotDNS {
  readonly cluster: DnsClusterState;
  readonly config: CoreDNSConfig;
  readonly problems: readonly CorefileProblem[];
}

/**
 * The cluster state plus the Corefile's kubernetes options. CoreDNS's own IP (`localIPs`, for
 * NS records) is the first kube-dns Pod's IP.
 */
export function coreDNSOf(s: ClusterSnapshot): SnapshotDNS {
  const domain = s.kubeletConfig?.clusterDomain || 'cluster.local';
  const cm = s.objects.find((o) => o.object.kind === 'ConfigMap' && o.object.metadata.namespace === 'kube-system' && o.object.metadata.name === 'coredns');
  const corefile = (cm?.object['data'] as Record<string, unknown> | undefined)?.['Corefile'];
  const parsed = typeof corefile === 'string' ? parseCorefileKubernetes(corefile) : { config: null, problems: [] };
  const dnsPod = s.objects.find((o) => o.object.kind === 'Pod' && o.object.metadata.namespace === 'kube-system' && o.object.metadata.labels?.['k8s-app'] === 'kube-dns' && typeof o.object.status?.podIP === 'string');
  const localIPs = dnsPod ? [dnsPod.object.status.podIP as string] : [];
  const config = parsed.config ? { ...parsed.config, localIPs } : kubeadmCorefile(domain, localIPs);
  return { cluster: clusterStateOf(s), config, problems: parsed.problems };
}
