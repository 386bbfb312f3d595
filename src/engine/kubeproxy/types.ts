// The proxy model shared by every kube-proxy mode (DESIGN.md habit 3: one model, many renderers).
// Mirrors pkg/proxy/types.go (ServicePort, Endpoint) and pkg/proxy/serviceport.go
// (BaseServicePortInfo), pkg/proxy/endpoint.go (BaseEndpointInfo). Renderers only make syntax.
import type { IPFamily } from '../shared/ip.ts';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** kube-proxy's ServicePortName: namespace/name:port-name (pkg/proxy/types.go). */
export interface ServicePortName {
  readonly namespace: string;
  readonly name: string;
  readonly port: string;
  readonly protocol: Protocol;
}

export interface ServicePortInfo {
  readonly portName: ServicePortName;
  /** `ns/name:port` as kube-proxy's ServicePortName.String() prints it. */
  readonly id: string;
  readonly clusterIP: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly nodePort: number;
  readonly targetPort?: number | string;
  readonly externalIPs: readonly string[];
  /** LoadBalancer ingress IPs, after the ipMode: Proxy filter (serviceport.go). */
  readonly loadBalancerVIPs: readonly string[];
  readonly loadBalancerSourceRanges: readonly string[];
  readonly sessionAffinityClientIP: boolean;
  readonly stickyMaxAgeSeconds: number;
  readonly externalPolicyLocal: boolean;
  readonly internalPolicyLocal: boolean;
  readonly healthCheckNodePort: number;
  readonly usesClusterEndpoints: boolean;
  readonly usesLocalEndpoints: boolean;
  /** nodePort ≠ 0, or LB VIPs, or externalIPs (serviceport.go ExternallyAccessible). */
  readonly externallyAccessible?: boolean;
  /** Provenance: `Service/<ns>/<name>` of the object this port came from, and its index in spec.ports. */
  readonly serviceKey?: string;
  readonly portIndex?: number;
}

export interface EndpointInfo {
  /** `ip:port`, IPv6 as `[ip]:port` (BaseEndpointInfo.String()). */
  readonly endpoint: string;
  readonly ip: string;
  readonly port: number;
  readonly isLocal: boolean;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly nodeName?: string;
  readonly zoneHints: readonly string[];
  readonly nodeHints: readonly string[];
  /** Provenance: `EndpointSlice/<ns>/<name>` the endpoint was read from, and its index in `endpoints`. */
  readonly sliceKey?: string;
  readonly endpointIndex?: number;
}

/** pkg/proxy/util/localdetector.go: how "traffic from a local pod" is recognised. */
export type LocalDetector =
  | { readonly mode: 'ClusterCIDR'; readonly clusterCIDR: string }
  | { readonly mode: 'NodeCIDR'; readonly podCIDR: string }
  | { readonly mode: 'BridgeInterface'; readonly bridgeInterface: string }
  | { readonly mode: 'InterfaceNamePrefix'; readonly interfaceNamePrefix: string }
  | { readonly mode: 'None' };

/** The inputs kube-proxy's proxier reads on one node (its flags / KubeProxyConfiguration). */
export interface ProxierConfig {
  readonly ipFamily: IPFamily;
  readonly nodeName: string;
  readonly nodeIPs: readonly string[];
  readonly localDetector: LocalDetector;
  readonly masqueradeAll: boolean;
  /** As kube-proxy prints it in rules, e.g. `0x4000` (tests) or `0x00004000` (real). */
  readonly masqueradeMark: string;
  readonly localhostNodePorts: boolean;
  /** null = every local address. */
  readonly nodePortAddresses: readonly string[] | null;
  /** Interfaces and their CIDR addresses, for nodePortAddresses and locality. */
  readonly hostInterfaces: Readonly<Record<string, readonly string[]>>;
  readonly nfacctCounters: Readonly<Record<string, boolean>>;
  readonly conntrackTCPLiberal: boolean;
  readonly iptablesHasRandomFully: boolean;
  readonly nodeZone?: string;
  /** Proxy mode the config asks for (KubeProxyConfiguration.mode; default iptables). */
  readonly mode?: 'iptables' | 'ipvs' | 'nftables';
}

export interface ProxyServicePort {
  readonly service: ServicePortInfo;
  /** Every endpoint kube-proxy knows for this port, sorted by `endpoint` string. */
  readonly endpoints: readonly EndpointInfo[];
}

/** The whole per-node model: what one proxier instance sees after a sync. */
export interface ProxyModel {
  readonly config: ProxierConfig;
  readonly servicePorts: readonly ProxyServicePort[];
  /** Warnings a real cluster would have raised (objects an apiserver would reject, ignored fields). */
  readonly warnings: readonly string[];
}
