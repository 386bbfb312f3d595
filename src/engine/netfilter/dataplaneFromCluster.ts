// The dataplane of a lab cluster. CNI model: routed veths, as kindnet (ptp plugin) sets them up:
// each Pod's eth0 is one end of a veth pair; the host end `veth<hash>` carries the node's pod
// gateway address (first address of the node's podCIDR, /32) and a host route
// `podIP/32 dev veth<hash>`; other nodes' podCIDRs are routed `via <nodeIP> dev eth0`
// (kindnet's routes.go syncRoute). No bridge, so there is no L2 short-cut and no br_netfilter:
// pod-to-pod traffic on one node is routed through the host's FORWARD hook.
// Each node's ruleset is the iptables state kube-proxy would leave (built-in chain jumps and
// the restore input), rendered by the iptables renderer unless the caller gives the text. In
// ipvs mode the node also gets kube-ipvs0 (ClusterIPs as local addresses), the ipsets and the
// virtual servers, which the walker consults at its IPVS hooks.
import { fnv32a } from '../cluster/hashing.ts';
import { nodeInternalIP } from '../cluster/nodes.ts';
import type { ClusterSnapshot, KubeObject } from '../cluster/objects.ts';
import { nodeStateAfterFirstSync, renderRestore, syncProxyRules } from '../kubeproxy/iptables/index.ts';
import { ipsetInfo, ipsetName, ipvsNodeStateText, kubernetesVersionOfNode, syncIpvsProxyRules } from '../kubeproxy/ipvs/index.ts';
import { ipvsHandlerFor } from './ipvs/ipvsHandler.ts';
import type { IPSet } from './ipset.ts';
import type { IpvsHandler } from './ipvsHook.ts';
import { kubeProxyConfigurationOf, proxierConfigForNode } from '../kubeproxy/proxierConfig.ts';
import { buildProxyModel } from '../kubeproxy/proxyModel.ts';
import type { Diagnostic } from '../shared/diagnostics.ts';
import { canonicalIP, ipFamilyOf, nthAddress, parseCIDR, type IPFamily } from '../shared/ip.ts';
import type { Dataplane, DataplaneNode, DataplanePod, NetInterface, Route } from './dataplane.ts';
import { parseIptables } from './parseIptables.ts';

export interface ClusterDataplaneOptions {
  readonly ipFamily?: IPFamily;
  /** kube-proxy mode; default: the KubeProxyConfiguration's, else iptables. */
  readonly mode?: 'iptables' | 'ipvs';
  /** A node's iptables text (restore or save format) instead of the rendered one. */
  readonly rulesFor?: (nodeName: string) => string | undefined;
}

export interface ClusterDataplane {
  /** The kube-proxy mode the nodes were rendered in (the option, else the configured one). */
  readonly mode: 'iptables' | 'ipvs';
  readonly dataplane: Dataplane;
  /** Each node's iptables text as loaded. */
  readonly rulesText: ReadonlyMap<string, string>;
  readonly diagnostics: readonly Diagnostic[];
}

/** kube-proxy's iptables state on `nodeName` (restore format, with the built-in jumps). */
export function kubeProxyIptablesState(snapshot: ClusterSnapshot, nodeName: string, ipFamily: IPFamily = 'IPv4'): string {
  const config = proxierConfigForNode(snapshot, { nodeName, ipFamily });
  const rs = syncProxyRules(buildProxyModel(snapshot, config));
  return nodeStateAfterFirstSync(rs, renderRestore(rs));
}

interface IpvsNodeParts {
  readonly text: string;
  readonly ipsets: IPSet[];
  readonly handler: IpvsHandler;
  readonly kubeIpvs0: readonly string[];
}

/**
 * kube-proxy ipvs mode on `nodeName` (kubeproxy/ipvs): its iptables state, the ipsets it fills,
 * the virtual servers (as the walker's IPVS handler) and the addresses bound to kube-ipvs0.
 */
export function kubeProxyIpvsParts(snapshot: ClusterSnapshot, nodeName: string, ipFamily: IPFamily = 'IPv4'): IpvsNodeParts {
  const config = proxierConfigForNode(snapshot, { nodeName, ipFamily });
  const node = snapshot.objects.find((o) => o.object.kind === 'Node' && o.object.metadata.name === nodeName)?.object;
  const kpc = kubeProxyConfigurationOf(snapshot);
  const state = syncIpvsProxyRules(buildProxyModel(snapshot, config), {
    kubernetesVersion: kubernetesVersionOfNode(node),
    ...(kpc?.ipvs?.scheduler ? { scheduler: kpc.ipvs.scheduler } : {}),
  });
  const ipsets: IPSet[] = [...state.ipsets].map(([base, members]) => ({ name: ipsetName(base, ipFamily), type: ipsetInfo(base).type, members }));
  return {
    text: ipvsNodeStateText(state.restoreText, { ipvsFilter: state.behaviour.ipvsFilterChain }),
    ipsets,
    handler: ipvsHandlerFor(state.virtualServers),
    kubeIpvs0: state.kubeIpvs0Addresses,
  };
}

/** The host-side veth name of a pod: kindnet/ptp use `veth` + random hex; ours is a stable hash. */
export function hostVethName(namespace: string, name: string): string {
  return `veth${fnv32a(`${namespace}/${name}`).toString(16).padStart(8, '0')}`;
}

function podCIDROf(node: KubeObject, family: IPFamily): string | undefined {
  const list: string[] = Array.isArray(node.spec?.podCIDRs) ? node.spec.podCIDRs : node.spec?.podCIDR ? [node.spec.podCIDR] : [];
  return list.find((c) => ipFamilyOf(c.split('/')[0] ?? '') === family);
}

export function dataplaneFromCluster(snapshot: ClusterSnapshot, opts: ClusterDataplaneOptions = {}): ClusterDataplane {
  const family = opts.ipFamily ?? 'IPv4';
  const objs = snapshot.objects.map((o) => o.object);
  const kpcMode = kubeProxyConfigurationOf(snapshot).mode;
  const mode = opts.mode ?? (kpcMode === 'ipvs' ? 'ipvs' : 'iptables');
  const nodes = objs.filter((o) => o.kind === 'Node');
  const podsRaw = objs.filter((o) => o.kind === 'Pod' && o.spec?.nodeName && o.status?.podIP && !o.metadata.deletionTimestamp && o.status?.phase !== 'Succeeded' && o.status?.phase !== 'Failed');
  const pods: DataplanePod[] = podsRaw.map((p) => {
    const ns = p.metadata.namespace ?? 'default';
    const hostNetwork = p.spec?.hostNetwork === true;
    return {
      name: p.metadata.name,
      namespace: ns,
      ip: canonicalIP(String(p.status.podIP)) ?? String(p.status.podIP),
      node: String(p.spec.nodeName),
      ...(hostNetwork ? { hostNetwork } : { hostVeth: hostVethName(ns, p.metadata.name) }),
    };
  });
  const diagnostics: Diagnostic[] = [];
  const rulesText = new Map<string, string>();
  const nodeIP = new Map(nodes.map((n) => [n.metadata.name, nodeInternalIP(n)]));
  const out: DataplaneNode[] = nodes.map((n) => {
    const name = n.metadata.name;
    const ip = nodeIP.get(name);
    const cidr = podCIDROf(n, family);
    const parsed = cidr ? parseCIDR(cidr) : null;
    const gateway = parsed ? nthAddress(parsed, 1n) : null;
    const interfaces: NetInterface[] = [
      { name: 'lo', addresses: ['127.0.0.1/8', '::1/128'] },
      { name: 'eth0', addresses: ip ? [`${ip}/${family === 'IPv4' ? 32 : 128}`] : [] },
    ];
    const routes: Route[] = [];
    for (const p of pods) {
      if (p.node !== name || p.hostNetwork || !p.hostVeth) continue;
      interfaces.push({ name: p.hostVeth, addresses: gateway ? [`${gateway}/32`] : [], pod: `${p.namespace}/${p.name}` });
      routes.push({ dst: `${p.ip}/${family === 'IPv4' ? 32 : 128}`, dev: p.hostVeth, ...(gateway ? { src: gateway } : {}) });
    }
    for (const other of nodes) {
      const oName = other.metadata.name;
      const oIP = nodeIP.get(oName);
      if (oName === name || !oIP) continue;
      routes.push({ dst: `${oIP}/${family === 'IPv4' ? 32 : 128}`, dev: 'eth0', ...(ip ? { src: ip } : {}) });
      const oCIDR = podCIDROf(other, family);
      if (oCIDR) routes.push({ dst: oCIDR, via: oIP, dev: 'eth0', ...(ip ? { src: ip } : {}) });
    }
    routes.push({ dst: 'default', dev: 'eth0', ...(ip ? { src: ip } : {}) });
    const ipvs = mode === 'ipvs' ? kubeProxyIpvsParts(snapshot, name, family) : null;
    if (ipvs) interfaces.push({ name: 'kube-ipvs0', addresses: ipvs.kubeIpvs0.map((a) => `${a}/${family === 'IPv4' ? 32 : 128}`) });
    const text = opts.rulesFor?.(name) ?? ipvs?.text ?? kubeProxyIptablesState(snapshot, name, family);
    rulesText.set(name, text);
    const ruleset = parseIptables(text, { file: `iptables of ${name}` });
    diagnostics.push(...ruleset.diagnostics);
    // kube-ipvs0 is DOWN but its addresses are in the local table (netfilter-path.md §2a).
    const localIPs = [ip, '127.0.0.1', gateway, ...(ipvs?.kubeIpvs0 ?? [])].filter((a): a is string => !!a);
    return { name, interfaces, localIPs, routes, ruleset, ...(ipvs ? { ipsets: ipvs.ipsets, ipvs: ipvs.handler } : {}) };
  });
  return { mode, dataplane: { nodes: out, pods }, rulesText, diagnostics };
}
