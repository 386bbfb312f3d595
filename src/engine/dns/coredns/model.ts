// What the CoreDNS kubernetes plugin knows: its reduced views of Services, EndpointSlices and
// Pods (plugin/kubernetes/object/*.go), which namespaces exist, and the plugin's Corefile options.

/** object.Service (object/service.go ToService). */
export interface DnsService {
  readonly name: string;
  readonly namespace: string;
  readonly type: string;
  /** spec.clusterIPs, or [spec.clusterIP]; ['None'] for headless, [''] for ExternalName. */
  readonly clusterIPs: readonly string[];
  readonly externalName?: string;
  readonly ports: readonly DnsPort[];
}

export interface DnsPort {
  readonly name: string;
  /** As the object spells it (TCP / udp); matched case-insensitively. */
  readonly protocol: string;
  /** -1 is CoreDNS's sentinel for a slice without ports. */
  readonly port: number;
}

export interface DnsEndpointAddress {
  readonly ip: string;
  readonly hostname?: string;
  /** targetRef.name (used as the endpoint label only with `endpoint_pod_names`). */
  readonly targetRefName?: string;
  readonly nodeName?: string;
}

/**
 * object.Endpoints made from one EndpointSlice (object/endpoint.go EndpointSliceToEndpoints):
 * only addresses whose conditions.ready is true or unset, and a port -1 sentinel when the slice
 * has no ports.
 */
export interface DnsEndpoints {
  readonly name: string;
  readonly namespace: string;
  /** The `kubernetes.io/service-name` label. */
  readonly service: string;
  readonly addresses: readonly DnsEndpointAddress[];
  readonly ports: readonly DnsPort[];
}

export interface DnsPod {
  readonly name: string;
  readonly namespace: string;
  readonly podIP: string;
}

export interface DnsClusterState {
  readonly services: readonly DnsService[];
  readonly endpoints: readonly DnsEndpoints[];
  readonly pods: readonly DnsPod[];
  /** GetNamespaceByName: the namespaces that exist. */
  readonly namespaceExists: (ns: string) => boolean;
}

export type PodMode = 'disabled' | 'insecure' | 'verified';

/** The kubernetes plugin's Corefile options (plugin/kubernetes/setup.go). */
export interface CoreDNSConfig {
  /** Fully qualified, lower case, e.g. `cluster.local.`, `in-addr.arpa.`. */
  readonly zones: readonly string[];
  /** `namespaces` option; empty = every namespace. */
  readonly namespaces: readonly string[];
  readonly podMode: PodMode;
  readonly ttl: number;
  readonly ignoreEmptyService: boolean;
  readonly endpointPodNames: boolean;
  /** `fallthrough [zones]`: null = off, [] = every zone. */
  readonly fallthrough: readonly string[] | null;
  /** The CoreDNS Pod's own IPs (nsAddrs: NS records and `ns.dns.<zone>`). */
  readonly localIPs: readonly string[];
  /** False while the informers have not synced: name errors become SERVFAIL. */
  readonly informerSynced: boolean;
  /** SOA serial (CoreDNS: the API's last-modified unix time). */
  readonly serial: number;
}

/** Plugin defaults (README.md: ttl 5, pods disabled). */
export const PLUGIN_DEFAULTS: CoreDNSConfig = {
  zones: ['cluster.local.'],
  namespaces: [],
  podMode: 'disabled',
  ttl: 5,
  ignoreEmptyService: false,
  endpointPodNames: false,
  fallthrough: null,
  localIPs: [],
  informerSynced: true,
  serial: 1,
};

/**
 * kubeadm's Corefile (cmd/kubeadm/app/phases/addons/dns/manifests.go):
 * `kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure; fallthrough in-addr.arpa ip6.arpa; ttl 30 }`.
 */
export function kubeadmCorefile(clusterDomain: string, localIPs: readonly string[] = []): CoreDNSConfig {
  return {
    ...PLUGIN_DEFAULTS,
    zones: [`${clusterDomain.toLowerCase().replace(/\.$/, '')}.`, 'in-addr.arpa.', 'ip6.arpa.'],
    podMode: 'insecure',
    ttl: 30,
    fallthrough: ['in-addr.arpa.', 'ip6.arpa.'],
    localIPs,
  };
}
