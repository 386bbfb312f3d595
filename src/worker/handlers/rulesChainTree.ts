// A Service's path through what kube-proxy programmed, as a small tree.
// iptables: KUBE-SERVICES (and KUBE-NODEPORTS) → KUBE-SVC/EXT/FW → KUBE-SEP with the statistic
// --probability values and the DNAT target (kube-proxy proxier.go writeServiceToEndpointRules).
// ipvs: virtual server → real servers with weights (proxier.go syncService / syncEndpoint).
import { isServiceChainName } from '../../engine/kubeproxy/chainNames.ts';
import { chainRulesLookup, jumpTarget, saveLine, type IptablesRule, type IptablesRuleset } from '../../engine/kubeproxy/iptables/index.ts';
import { hostPort, virtualServerKey, ipvsNodePortIPs, type IpvsProxierState } from '../../engine/kubeproxy/ipvs/index.ts';
import type { ProxyModel } from '../../engine/kubeproxy/types.ts';
import { toLink, virtualServerAddresses } from './rulesDump.ts';
import { serviceKeysById, type NodeSync } from './rulesNodeSync.ts';
import type { RulesTreeNode } from './rulesTypes.ts';

const ENTRY_CHAINS = ['KUBE-SERVICES', 'KUBE-NODEPORTS'];
/** Service chains nest at most KUBE-SERVICES → EXT → SVC → SEP (plus FW); a guard, not a limit users meet. */
const MAX_DEPTH = 6;

function iptablesTree(rs: IptablesRuleset, service: string): RulesTreeNode | null {
  const rulesOf = chainRulesLookup(rs.nat);
  const node = (rule: IptablesRule, depth: number, seen: ReadonlySet<string>): RulesTreeNode => {
    const target = jumpTarget(rule);
    const link = toLink(rule.provenance);
    let children: RulesTreeNode[] = [];
    if (target && isServiceChainName(target) && depth < MAX_DEPTH && !seen.has(target)) {
      const next = new Set(seen).add(target);
      children = rulesOf(target).map((r) => node(r, depth + 1, next));
    }
    return { text: saveLine(rule, rs.family), ...(link ? { link } : {}), children };
  };
  const roots = ENTRY_CHAINS.flatMap((c) => rulesOf(c).filter((r) => r.provenance?.service === service));
  if (roots.length === 0) return null;
  return { text: service, link: { service }, children: roots.map((r) => node(r, 0, new Set())) };
}

function ipvsTree(state: IpvsProxierState, model: ProxyModel, service: string): RulesTreeNode | null {
  const vss = new Map(state.virtualServers.map((v) => [virtualServerKey(v), v]));
  const children: RulesTreeNode[] = [];
  const nodePortIPs = ipvsNodePortIPs(model.config);
  const byId = serviceKeysById(model);
  for (const { service: sp, endpoints } of model.servicePorts) {
    if (byId.get(sp.id) !== service) continue;
    for (const [address, port] of virtualServerAddresses(sp, nodePortIPs)) {
      const vs = vss.get(virtualServerKey({ address, port, protocol: sp.protocol }));
      if (!vs) continue;
      const persistent = vs.flags.includes('persistent') ? ` persistent ${vs.timeout}` : '';
      children.push({
        text: `${vs.protocol}  ${hostPort(vs.address, vs.port)} ${vs.scheduler}${persistent}`,
        link: { service },
        children: vs.realServers.map((rs) => {
          const slice = endpoints.find((e) => e.ip === rs.address && e.port === rs.port)?.sliceKey;
          return { text: `-> ${hostPort(rs.address, rs.port)}  Masq  weight ${rs.weight}`, link: { service, ...(slice ? { endpointSlice: slice } : {}) }, children: [] };
        }),
      });
    }
  }
  return children.length === 0 ? null : { text: service, link: { service }, children };
}

export function chainTree(sync: NodeSync, service: string): RulesTreeNode | null {
  return sync.mode === 'iptables' ? iptablesTree(sync.rs, service) : ipvsTree(sync.ipvs, sync.model, service);
}
