// The settings one kube-proxy instance runs with, derived for a lab node from the cluster:
// Node objects (addresses, podCIDRs, zone) and an optional KubeProxyConfiguration object
// (cmd/kube-proxy/app/server.go, server_linux.go; pkg/proxy/iptables/proxier.go NewProxier).
import type { IPFamily } from '../shared/ip.ts';
import { ipFamilyOf } from '../shared/ip.ts';
import type { ClusterSnapshot, KubeObject } from '../cluster/objects.ts';
import type { KubeProxyConfiguration } from '../cluster/labConfig.ts';
import { LABEL_TOPOLOGY_ZONE } from './categorizeEndpoints.ts';
import { parseCIDRSloppy, sloppyCIDRContains } from './sloppyIP.ts';
import type { LocalDetector, ProxierConfig } from './types.ts';

/** KubeProxyConfiguration.iptables.masqueradeBit default. */
export const DEFAULT_MASQUERADE_BIT = 14;

/** NewProxier: `fmt.Sprintf("%#08x", 1<<masqueradeBit)` — what a real node passes to iptables-restore. */
export function masqueradeMarkFor(bit: number): string {
  return '0x' + (2 ** bit).toString(16).padStart(8, '0');
}

/** What a node with no further information runs with (kube-proxy's defaults). */
export function defaultProxierConfig(overrides: Partial<ProxierConfig> = {}): ProxierConfig {
  return {
    ipFamily: 'IPv4',
    nodeName: 'node-1',
    nodeIPs: [],
    localDetector: { mode: 'None' },
    masqueradeAll: false,
    masqueradeMark: masqueradeMarkFor(DEFAULT_MASQUERADE_BIT),
    localhostNodePorts: true,
    nodePortAddresses: null,
    hostInterfaces: { lo: ['127.0.0.1/8', '::1/128'] },
    nfacctCounters: { ct_state_invalid_dropped_pkts: true, localhost_nps_accepted_pkts: true },
    conntrackTCPLiberal: false,
    iptablesHasRandomFully: true,
    mode: 'iptables',
    ...overrides,
  };
}

/**
 * NewProxier turns localhostNodePorts off unless nodePortAddresses includes an IPv4 loopback
 * address (match-all counts); the IPv6 proxier never has it.
 */
export function effectiveLocalhostNodePorts(family: IPFamily, requested: boolean, nodePortAddresses: readonly string[] | null): boolean {
  if (family !== 'IPv4' || !requested) return false;
  const v4 = (nodePortAddresses ?? []).map((c) => parseCIDRSloppy(c)).filter((c) => c && c.family === 'IPv4');
  if (v4.length === 0) return true; // unset, or no IPv4 CIDR left: match-all
  // nodeport_addresses.go ContainsIPv4Loopback: some CIDR holds 127.0.0.1.
  const loopback = { family: 'IPv4' as const, value: 0x7f000001n };
  return v4.some((c) => sloppyCIDRContains(c!, loopback));
}

interface KPC {
  mode?: string;
  clusterCIDR?: string;
  detectLocalMode?: string;
  detectLocal?: { bridgeInterface?: string; interfaceNamePrefix?: string };
  masqueradeAll?: boolean;
  iptables?: { masqueradeAll?: boolean; masqueradeBit?: number; localhostNodePorts?: boolean };
  nodePortAddresses?: string[];
  conntrack?: { tcpBeLiberal?: boolean };
}

function firstOfFamily(list: readonly string[], family: IPFamily): string | undefined {
  return list.find((c) => c.split(',').length === 1 && parseCIDRSloppy(c)?.family === family);
}

/**
 * The ProxierConfig kube-proxy would run with on `nodeName` (default: the first Node) for `family`.
 * `warnings` collects settings that real kube-proxy would refuse.
 */
export function proxierConfigForNode(
  cluster: ClusterSnapshot | readonly KubeObject[],
  opts: { nodeName?: string; ipFamily?: IPFamily; warnings?: string[] } = {},
): ProxierConfig {
  const objects = 'objects' in cluster ? cluster.objects.map((o) => o.object) : cluster;
  const warnings = opts.warnings ?? [];
  const nodes = objects.filter((o) => o.kind === 'Node');
  const node = opts.nodeName !== undefined ? nodes.find((n) => n.metadata.name === opts.nodeName) : nodes[0];
  const nodeName = opts.nodeName ?? node?.metadata.name ?? 'node-1';
  // buildCluster merges the user's KubeProxyConfiguration over the lab defaults; a bare object
  // list may carry the document itself.
  const kpc = kubeProxyConfigurationOf(cluster) as KPC;
  const family = opts.ipFamily ?? 'IPv4';
  const addresses = ((node?.status?.addresses ?? []) as { type?: string; address?: string }[])
    .filter((a) => a.type === 'InternalIP' || a.type === 'ExternalIP')
    .map((a) => a.address ?? '')
    .filter((a) => ipFamilyOf(a) !== null);
  const nodeIPs = addresses.filter((a) => ipFamilyOf(a) === family);
  const podCIDRs: string[] = node?.spec?.podCIDRs ?? (node?.spec?.podCIDR ? [node.spec.podCIDR] : []);

  // cmd/kube-proxy/app/server_linux.go getLocalDetector
  const clusterCIDR = firstOfFamily((kpc.clusterCIDR ?? '').split(',').map((s) => s.trim()).filter(Boolean), family);
  let localDetector: LocalDetector = { mode: 'None' };
  const dlm = kpc.detectLocalMode ?? (clusterCIDR ? 'ClusterCIDR' : '');
  if (dlm === 'ClusterCIDR' && clusterCIDR) localDetector = { mode: 'ClusterCIDR', clusterCIDR: parseCIDRSloppy(clusterCIDR)!.text };
  else if (dlm === 'NodeCIDR') {
    const pc = firstOfFamily(podCIDRs, family);
    if (pc) localDetector = { mode: 'NodeCIDR', podCIDR: parseCIDRSloppy(pc)!.text };
    else warnings.push(`KubeProxyConfiguration: detectLocalMode NodeCIDR but Node ${nodeName} has no ${family} podCIDR; no local-traffic detection`);
  } else if (dlm === 'BridgeInterface' && kpc.detectLocal?.bridgeInterface) localDetector = { mode: 'BridgeInterface', bridgeInterface: kpc.detectLocal.bridgeInterface };
  else if (dlm === 'InterfaceNamePrefix' && kpc.detectLocal?.interfaceNamePrefix) localDetector = { mode: 'InterfaceNamePrefix', interfaceNamePrefix: kpc.detectLocal.interfaceNamePrefix };
  else if (dlm !== '' && dlm !== 'ClusterCIDR') warnings.push(`KubeProxyConfiguration: detectLocalMode ${JSON.stringify(dlm)} is incomplete or unknown; no local-traffic detection`);

  const bit = kpc.iptables?.masqueradeBit ?? DEFAULT_MASQUERADE_BIT;
  if (!Number.isInteger(bit) || bit < 0 || bit > 31) warnings.push(`KubeProxyConfiguration: iptables.masqueradeBit ${bit} must be within 0-31`);
  // "primary" means the node's primary IPs (KEP-3866); the rest are CIDRs.
  let nodePortAddresses: string[] | null = null;
  if (Array.isArray(kpc.nodePortAddresses) && kpc.nodePortAddresses.length > 0) {
    nodePortAddresses = kpc.nodePortAddresses.flatMap((c) => (c === 'primary' ? nodeIPs.map((ip) => (ip.includes(':') ? `${ip}/128` : `${ip}/32`)) : [c]));
  }
  const requestedLocalhost = kpc.iptables?.localhostNodePorts ?? true;
  const mode = kpc.mode === 'ipvs' || kpc.mode === 'nftables' ? kpc.mode : 'iptables';
  if (kpc.mode !== undefined && kpc.mode !== '' && kpc.mode !== mode) warnings.push(`KubeProxyConfiguration: unknown mode ${JSON.stringify(kpc.mode)}; using iptables`);
  return defaultProxierConfig({
    ipFamily: family,
    nodeName,
    nodeIPs,
    localDetector,
    masqueradeAll: kpc.iptables?.masqueradeAll ?? kpc.masqueradeAll ?? false,
    masqueradeMark: masqueradeMarkFor(Number.isInteger(bit) && bit >= 0 && bit <= 31 ? bit : DEFAULT_MASQUERADE_BIT),
    localhostNodePorts: effectiveLocalhostNodePorts(family, requestedLocalhost, nodePortAddresses),
    nodePortAddresses,
    hostInterfaces: { lo: ['127.0.0.1/8', '::1/128'], eth0: addresses.map((a) => (a.includes(':') ? `${a}/64` : `${a}/24`)) },
    ...(node?.metadata.labels?.[LABEL_TOPOLOGY_ZONE] ? { nodeZone: node.metadata.labels[LABEL_TOPOLOGY_ZONE] } : {}),
    conntrackTCPLiberal: kpc.conntrack?.tcpBeLiberal ?? false,
    mode,
  });
}

/**
 * The KubeProxyConfiguration in force: buildCluster merges the user's document over the lab
 * defaults into `snapshot.kubeProxyConfig`; a bare object list may carry the document itself.
 * Every reader of the mode, scheduler or masquerade settings goes through here.
 */
export function kubeProxyConfigurationOf(cluster: ClusterSnapshot | readonly KubeObject[]): Partial<KubeProxyConfiguration> {
  const objects = 'objects' in cluster ? cluster.objects.map((o) => o.object) : cluster;
  return (('objects' in cluster ? cluster.kubeProxyConfig : undefined) ?? objects.find((o) => o.kind === 'KubeProxyConfiguration') ?? {}) as Partial<KubeProxyConfiguration>;
}
