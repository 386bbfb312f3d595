// The dataplane of a lab cluster. CNI model: routed veths, as kindnet (ptp plugin) sets them up:
// each Pod's eth0 is one end of a veth pair; the host end `veth<hash>` carries the node's pod
// gateway address (first address of the node's podCIDR, /32) and a host route
// `podIP/32 dev veth<hash>`; other nodes' podCIDRs are routed `via <nodeIP> dev eth0`
// (kindnet's routes.go syncRoute). No bridge, so there is no L2 short-cut and no br_netfilter:
// pod-to-pod traffic on one node is routed through the host's FORWARD hook.
// Each node's ruleset is the iptables state kube-proxy would leave (built-in chain jumps and
// the restore input), rendered by the iptables renderer unless the caller gives the text.
import { fnv32a } from '../cluster/hashing.ts';
import { nodeInternalIP } from '../cluster/nodes.ts';
import type { ClusterSnapshot, KubeObject } from '../cluster/objects.ts';
import { nodeStateAfterFirstSync, renderRestore, syncProxyRules } from '../kubeproxy/iptables/index.ts';
import { proxierConfigForNode } from '../kubeproxy/proxierConfig.ts';
import { buildProxyModel } from '../kubeproxy/proxyModel.ts';
import type { Diagnostic } from '../shared/diagnostics.ts';
import { canonicalIP, ipFamilyOf, nthAddress, parseCIDR, type IPFamily } from '../shared/ip.ts';
import type { Dataplane, DataplaneNode, DataplanePod, NetInterface, Route } from './dataplane.ts';
import { parseIptables } from './parseIptables.ts';

export interface ClusterDataplaneOptions {
  readonly ipFamily?: IPFamily;
  /** A node's iptables text (restore or save format) instead of the rendered one. */
  readonly rulesFor?: (nodeName: string) => string | undefined;
}

export interface ClusterDataplane {
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
    const text = opts.rulesFor?.(name) ?? kubeProxyIptablesState(snapshot, name, family);
    rulesText.set(name, text);
    const ruleset = parseIptables(text, { file: `iptables of ${name}` });
    diagnostics.push(...ruleset.diagnostics);
    const localIPs = [ip, '127.0.0.1', gateway].filter((a): a is string => !!a);
    return { name, interfaces, localIPs, routes, ruleset };
  });
  return { dataplane: { nodes: out, pods }, rulesText, diagnostics };
}
