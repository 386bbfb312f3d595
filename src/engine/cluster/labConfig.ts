// Lab settings as the real config kinds (DESIGN.md): KubeProxyConfiguration
// (kubeproxy.config.k8s.io/v1alpha1), KubeletConfiguration (kubelet.config.k8s.io/v1beta1) and
// ServiceCIDR (networking.k8s.io/v1). The user's documents are merged over the defaults below.

/** kube-proxy's config, the fields the lab reads (pkg/proxy/apis/config/v1alpha1/defaults.go). */
export interface KubeProxyConfiguration {
  apiVersion: 'kubeproxy.config.k8s.io/v1alpha1';
  kind: 'KubeProxyConfiguration';
  /** `iptables` (the Linux default when empty), `ipvs` or `nftables`. */
  mode: 'iptables' | 'ipvs' | 'nftables';
  clusterCIDR: string;
  bindAddress: string;
  detectLocalMode: 'ClusterCIDR' | 'NodeCIDR' | 'BridgeInterface' | 'InterfaceNamePrefix';
  nodePortAddresses: string[];
  iptables: { masqueradeAll: boolean; masqueradeBit: number; localhostNodePorts: boolean; syncPeriod: string; minSyncPeriod: string };
  ipvs: { scheduler: string; strictARP: boolean; excludeCIDRs: string[]; tcpTimeout: string; tcpFinTimeout: string; udpTimeout: string; syncPeriod: string; minSyncPeriod: string };
  nftables: { masqueradeAll: boolean; masqueradeBit: number; syncPeriod: string; minSyncPeriod: string };
  conntrack: { maxPerCore: number; min: number; tcpEstablishedTimeout: string; tcpCloseWaitTimeout: string; tcpBeLiberal: boolean; udpTimeout: string; udpStreamTimeout: string };
  [k: string]: unknown;
}

/** The kubelet's config, as kubeadm writes it (kubeadm sets clusterDNS/clusterDomain; the bare kubelet leaves them empty). */
export interface KubeletConfiguration {
  apiVersion: 'kubelet.config.k8s.io/v1beta1';
  kind: 'KubeletConfiguration';
  clusterDomain: string;
  clusterDNS: string[];
  resolvConf: string;
  maxPods: number;
  /** pkg/kubelet/apis/config/v1beta1/defaults_linux.go DefaultEvictionHard. */
  evictionHard: Record<string, string>;
  evictionSoft: Record<string, string>;
  evictionSoftGracePeriod: Record<string, string>;
  evictionPressureTransitionPeriod: string;
  evictionMaxPodGracePeriod: number;
  nodeStatusUpdateFrequency: string;
  cgroupDriver: string;
  [k: string]: unknown;
}

export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';
export const DEFAULT_CLUSTER_CIDR = '10.244.0.0/16';

export function defaultKubeProxyConfiguration(): KubeProxyConfiguration {
  return {
    apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
    kind: 'KubeProxyConfiguration',
    mode: 'iptables',
    clusterCIDR: DEFAULT_CLUSTER_CIDR,
    bindAddress: '0.0.0.0',
    detectLocalMode: 'ClusterCIDR',
    nodePortAddresses: [],
    // SetDefaults_KubeProxyConfiguration: masqueradeBit 14, syncPeriod 30s, minSyncPeriod 1s.
    iptables: { masqueradeAll: false, masqueradeBit: 14, localhostNodePorts: true, syncPeriod: '30s', minSyncPeriod: '1s' },
    ipvs: { scheduler: '', strictARP: false, excludeCIDRs: [], tcpTimeout: '0s', tcpFinTimeout: '0s', udpTimeout: '0s', syncPeriod: '30s', minSyncPeriod: '0s' },
    nftables: { masqueradeAll: false, masqueradeBit: 14, syncPeriod: '30s', minSyncPeriod: '1s' },
    // conntrack defaults: maxPerCore 32768, min 131072, established 24h, close-wait 1h.
    conntrack: { maxPerCore: 32768, min: 131072, tcpEstablishedTimeout: '24h0m0s', tcpCloseWaitTimeout: '1h0m0s', tcpBeLiberal: false, udpTimeout: '0s', udpStreamTimeout: '0s' },
  };
}

export function defaultKubeletConfiguration(): KubeletConfiguration {
  return {
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    kind: 'KubeletConfiguration',
    clusterDomain: 'cluster.local',
    clusterDNS: ['10.96.0.10'],
    resolvConf: '/etc/resolv.conf',
    maxPods: 110,
    evictionHard: { 'memory.available': '100Mi', 'nodefs.available': '10%', 'nodefs.inodesFree': '5%', 'imagefs.available': '15%', 'imagefs.inodesFree': '5%' },
    evictionSoft: {},
    evictionSoftGracePeriod: {},
    evictionPressureTransitionPeriod: '5m0s',
    evictionMaxPodGracePeriod: 0,
    nodeStatusUpdateFrequency: '10s',
    cgroupDriver: 'systemd',
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Deep-merges `over` onto `base`: objects merge key by key, anything else replaces. */
export function mergeConfig<T>(base: T, over: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(over)) return (over === undefined || over === null ? base : over) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? mergeConfig(out[k], v) : v;
  return out as T;
}

/** kube-proxy treats an empty mode as the platform default: iptables on Linux (server.go platformApplyDefaults). */
export function toKubeProxyConfiguration(user: unknown): KubeProxyConfiguration {
  const merged = mergeConfig(defaultKubeProxyConfiguration(), user);
  if (!merged.mode) merged.mode = 'iptables';
  return merged;
}

export function toKubeletConfiguration(user: unknown): KubeletConfiguration {
  return mergeConfig(defaultKubeletConfiguration(), user);
}
