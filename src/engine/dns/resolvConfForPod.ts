// A lab Pod's /etc/resolv.conf: the kubelet's GetPodDNS fed from the cluster snapshot
// (KubeletConfiguration clusterDNS / clusterDomain / resolvConf, the Pod's spec, its Node's IPs).
import type { ClusterSnapshot, KubeObject } from '../cluster/objects.ts';
import { defaultKubeletConfiguration } from '../cluster/labConfig.ts';
import type { PodDNSConfig } from './dnsConfigMerge.ts';
import { getPodDNS, type KubeletDNSSettings, type PodDNSResult } from './getPodDNS.ts';
import { renderResolvConf } from './resolvConf.ts';

/**
 * The node file the lab assumes behind `--resolv-conf=/etc/resolv.conf`: a node on a Docker
 * network whose gateway resolves (as with kind/minikube nodes). The snapshot does not model it.
 */
export const DEFAULT_NODE_RESOLV_CONF = 'nameserver 192.168.49.1\n';

export interface PodResolvConf extends PodDNSResult {
  /** The file as containerd writes it; null when nothing is configured (it then copies the node's file). */
  readonly rendered: string | null;
  readonly kubelet: KubeletDNSSettings;
}

export interface ResolvConfOptions {
  /** Content of the node's resolv.conf (default DEFAULT_NODE_RESOLV_CONF). */
  readonly nodeResolvConf?: string;
}

export function findPod(s: ClusterSnapshot, namespace: string, name: string): KubeObject | undefined {
  return s.objects.find((o) => o.object.kind === 'Pod' && (o.object.metadata.namespace ?? 'default') === namespace && o.object.metadata.name === name)?.object;
}

function nodeIPs(s: ClusterSnapshot, nodeName: unknown): string[] {
  const node = s.objects.find((o) => o.object.kind === 'Node' && o.object.metadata.name === nodeName)?.object;
  const addrs: { type?: string; address?: string }[] = Array.isArray(node?.status?.addresses) ? node.status.addresses : [];
  return addrs.filter((a) => a.type === 'InternalIP' && typeof a.address === 'string').map((a) => a.address as string);
}

/** kubelet flags for DNS, from the snapshot's KubeletConfiguration. */
export function kubeletDNSSettings(s: ClusterSnapshot, nodeName: unknown, options: ResolvConfOptions = {}): KubeletDNSSettings {
  const k = s.kubeletConfig ?? defaultKubeletConfiguration();
  return {
    clusterDNS: k.clusterDNS ?? [],
    clusterDomain: k.clusterDomain ?? '',
    resolvConf: k.resolvConf === '' ? null : (options.nodeResolvConf ?? DEFAULT_NODE_RESOLV_CONF),
    nodeIPs: nodeIPs(s, nodeName),
  };
}

/** The Pod's resolv.conf, or undefined when there is no such Pod. */
export function resolvConfForPod(s: ClusterSnapshot, namespace: string, name: string, options: ResolvConfOptions = {}): PodResolvConf | undefined {
  const pod = findPod(s, namespace, name);
  if (!pod) return undefined;
  const spec = pod.spec ?? {};
  const kubelet = kubeletDNSSettings(s, spec.nodeName, options);
  const r = getPodDNS(kubelet, {
    namespace,
    name,
    // API defaulting (SetDefaults_PodSpec): dnsPolicy ClusterFirst.
    dnsPolicy: typeof spec.dnsPolicy === 'string' ? spec.dnsPolicy : 'ClusterFirst',
    hostNetwork: spec.hostNetwork === true,
    dnsConfig: (spec.dnsConfig ?? null) as PodDNSConfig | null,
  });
  return { ...r, rendered: r.conf ? renderResolvConf(r.conf) : null, kubelet };
}
