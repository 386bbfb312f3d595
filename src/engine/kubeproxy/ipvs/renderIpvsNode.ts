// What `podlab rules --mode ipvs` prints for a node: the three dumps an SRE takes on a real
// ipvs-mode node, each under a `# command` header — `ipvsadm -Ln`, `ipset list`, `iptables-save`
// — or kube-proxy's own iptables-restore input (`--format restore`).
import type { KubeObject } from '../../cluster/objects.ts';
import type { IPFamily } from '../../shared/ip.ts';
import { formatIpsetList } from './ipsetList.ts';
import { formatIpvsadmList } from './ipvsadmList.ts';
import { ipvsIptablesSaveText } from './ipvsIptablesRules.ts';
import { DEFAULT_KUBERNETES_VERSION, parseKubernetesVersion } from './ipvsVersionBehaviour.ts';
import type { IpvsProxierState } from './syncIpvsProxyRules.ts';

export function renderIpvsNode(state: IpvsProxierState, opts: { family: IPFamily; format?: 'save' | 'restore' }): string {
  if (opts.format === 'restore') return state.restoreText;
  return [
    '# ipvsadm -Ln',
    formatIpvsadmList(state.virtualServers),
    '# ipset list',
    formatIpsetList(state.ipsets, { family: opts.family, rules: state.iptables }),
    '# iptables-save',
    ipvsIptablesSaveText(state.restoreText, { ipvsFilter: state.behaviour.ipvsFilterChain, family: opts.family }),
  ].join('\n');
}

/**
 * The kube-proxy version of a lab node: the Node's `status.nodeInfo.kubeProxyVersion` (what
 * kubectl shows), else its `kubeletVersion` (kubeadm runs them in step), else the lab default.
 */
export function kubernetesVersionOfNode(node: KubeObject | undefined): string {
  const info = (node?.status as { nodeInfo?: { kubeProxyVersion?: unknown; kubeletVersion?: unknown } } | undefined)?.nodeInfo;
  for (const v of [info?.kubeProxyVersion, info?.kubeletVersion]) {
    if (typeof v === 'string' && parseKubernetesVersion(v)) return v;
  }
  return DEFAULT_KUBERNETES_VERSION;
}
