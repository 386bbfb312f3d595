// One node's kube-proxy sync for the Rules view: the proxy model and what the mode renders from it
// (iptables: the structured ruleset + restore input; ipvs: the proxier state), the same calls
// `podlab rules` makes (src/cli/commands/rules.ts).
import type { ClusterSnapshot } from '../../engine/cluster/objects.ts';
import { buildProxyModel } from '../../engine/kubeproxy/proxyModel.ts';
import { proxierConfigForNode } from '../../engine/kubeproxy/proxierConfig.ts';
import type { ProxyModel } from '../../engine/kubeproxy/types.ts';
import { measureRestore, renderRestore, syncProxyRules, type IptablesRuleset } from '../../engine/kubeproxy/iptables/index.ts';
import { kubernetesVersionOfNode, syncIpvsProxyRules, type IpvsProxierState, type IpvsSyncOptions } from '../../engine/kubeproxy/ipvs/index.ts';
import type { RulesStats } from './rulesTypes.ts';

export type NodeSync =
  | { readonly mode: 'iptables'; readonly model: ProxyModel; readonly rs: IptablesRuleset; readonly restore: string; readonly warnings: readonly string[] }
  | { readonly mode: 'ipvs'; readonly model: ProxyModel; readonly ipvs: IpvsProxierState; readonly warnings: readonly string[] };

export function nodeNames(cluster: ClusterSnapshot): string[] {
  return cluster.objects.filter((o) => o.object.kind === 'Node').map((o) => o.object.metadata.name);
}

/** --ipvs-scheduler, --ipvs-exclude-cidrs and the node's kube-proxy version, as `podlab rules --mode ipvs` reads them. */
function ipvsOptionsForNode(cluster: ClusterSnapshot, nodeName: string): IpvsSyncOptions {
  const node = cluster.objects.find((o) => o.object.kind === 'Node' && o.object.metadata.name === nodeName)?.object;
  const kpc = cluster.kubeProxyConfig?.ipvs;
  return { scheduler: kpc?.scheduler ?? '', excludeCIDRs: kpc?.excludeCIDRs ?? [], kubernetesVersion: kubernetesVersionOfNode(node) };
}

/** kube-proxy on `nodeName`, in the mode its KubeProxyConfiguration asks for (nftables is not rendered yet: iptables). */
export function syncNode(cluster: ClusterSnapshot, nodeName: string | undefined): NodeSync {
  const warnings: string[] = [];
  const config = proxierConfigForNode(cluster, { ...(nodeName !== undefined ? { nodeName } : {}), ipFamily: 'IPv4', warnings });
  const model = buildProxyModel(cluster, config);
  warnings.push(...model.warnings);
  if (config.mode === 'ipvs') {
    return { mode: 'ipvs', model, ipvs: syncIpvsProxyRules(model, ipvsOptionsForNode(cluster, config.nodeName)), warnings };
  }
  // The lab has no nftables renderer yet: say so rather than silently showing another mode.
  if (config.mode === 'nftables') warnings.push('kube-proxy mode nftables is not rendered by the lab yet; showing what iptables mode would program');
  const rs = syncProxyRules(model);
  return { mode: 'iptables', model, rs, restore: renderRestore(rs), warnings };
}

/** `Service/<ns>/<name>` for a service port id, and for `ns/name` alone. */
export function serviceKeysById(model: ProxyModel): Map<string, string> {
  const m = new Map<string, string>();
  for (const { service: sp } of model.servicePorts) {
    const key = sp.serviceKey ?? `Service/${sp.portName.namespace}/${sp.portName.name}`;
    m.set(sp.id, key);
    m.set(`${sp.portName.namespace}/${sp.portName.name}`, key);
  }
  return m;
}

// kube-proxy comments name the service port first: `--comment "ns/name:port cluster IP"` in
// restore/save form, `/* ns/name:port cluster IP */` in `iptables -L` (proxier.go svcPortNameString).
const COMMENT = /(?:--comment "?|\/\* )([^\s"*]+)/;

/** The Service (`Service/ns/name`) a line's kube-proxy comment names, if any. */
export function serviceFromComment(line: string, byId: ReadonlyMap<string, string>): string | undefined {
  const m = COMMENT.exec(line);
  return m ? byId.get(m[1]!) : undefined;
}

export function statsOf(sync: NodeSync): RulesStats {
  if (sync.mode === 'iptables') {
    const size = measureRestore(sync.restore);
    const kubeServicesRules = sync.rs.nat.rules.filter((r) => r.chain === 'KUBE-SERVICES').length;
    return { rules: size.rules, chains: size.chains, restoreBytes: size.bytes, kubeServicesRules, virtualServers: 0 };
  }
  const size = measureRestore(sync.ipvs.restoreText);
  return { rules: size.rules, chains: size.chains, restoreBytes: size.bytes, kubeServicesRules: 0, virtualServers: sync.ipvs.virtualServers.length };
}
