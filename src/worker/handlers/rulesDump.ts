// One command's output on a node, line by line, each line linked to the object that produced it:
// iptables rules carry provenance from the renderer (ruleset.ts RuleProvenance); chain headers
// take their chain's; ipvs objects are matched back to the proxy model's service ports.
import { isServiceChainName } from '../../engine/kubeproxy/chainNames.ts';
import {
  firstSyncSaveTables, nodeStateAfterFirstSync, renderList, renderSaveTables,
  type IptablesRuleset, type RuleProvenance,
} from '../../engine/kubeproxy/iptables/index.ts';
import {
  formatIpAddrShowKubeIpvs0, formatIpsetList, formatIpvsadmList, hostPort, ipvsIptablesSaveText, ipvsNodeStateText, ipvsNodePortIPs, virtualServerKey,
} from '../../engine/kubeproxy/ipvs/index.ts';
import type { ProxyModel, ServicePortInfo } from '../../engine/kubeproxy/types.ts';
import { linkInterner, makeLink, type LinkOf } from './ruleLinkInterner.ts';
import { serviceFromComment, serviceKeysById, type NodeSync } from './rulesNodeSync.ts';
import type { RuleLink, RulesDump, RulesViewId } from './rulesTypes.ts';

export function viewsFor(mode: NodeSync['mode']): RulesViewId[] {
  return mode === 'ipvs'
    ? ['ipvsadm', 'ipset', 'kube-ipvs0', 'iptables-save', 'iptables-nat', 'iptables-filter']
    : ['iptables-save', 'iptables-nat', 'iptables-filter'];
}

export function toLink(p: RuleProvenance | undefined): RuleLink | null {
  return makeLink(p?.service, p?.endpointSlice);
}

interface IptablesLinks {
  /** Per table, then chain, the provenance of its rules in order (kube-proxy's chains hold only restore-written rules). */
  readonly byChainRule: Map<string, Map<string, (RuleLink | null)[]>>;
  /** Per service chain, the provenance of its first rule (for `:CHAIN` and `Chain CHAIN` headers). */
  readonly byChain: Map<string, RuleLink>;
}

function iptablesLinks(rs: IptablesRuleset, linkOf: LinkOf): IptablesLinks {
  const byChainRule = new Map<string, Map<string, (RuleLink | null)[]>>();
  const byChain = new Map<string, RuleLink>();
  for (const table of [rs.nat, rs.filter]) {
    const lists = new Map<string, (RuleLink | null)[]>();
    byChainRule.set(table.name, lists);
    for (const r of table.rules) {
      const p = r.provenance;
      const link = p ? linkOf(p.service, p.endpointSlice) : null;
      let list = lists.get(r.chain);
      if (!list) lists.set(r.chain, (list = []));
      list.push(link);
      if (link && isServiceChainName(r.chain) && !byChain.has(r.chain)) byChain.set(r.chain, link);
    }
  }
  return { byChainRule, byChain };
}

const CHAIN_DECL = /^:(\S+)/;
const LIST_CHAIN = /^Chain (\S+)/;
const RULE_CHAIN = /^-A (\S+)/;

/**
 * Links for save or list text: a save-form rule gets its own provenance (iptables-save prints a
 * kube-proxy chain's rules in the order the restore wrote them, so the k-th `-A C` is rule k of C);
 * other lines their chain's, else the Service their kube-proxy comment names.
 */
function linkLines(text: string, links: IptablesLinks | null, byId: ReadonlyMap<string, string>, linkOf: LinkOf): RulesDump {
  const lines = text.replace(/\n$/, '').split('\n');
  const out: (RuleLink | null)[] = new Array(lines.length);
  let table = '';
  let chain = '';
  let ordinal = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const c0 = l.charCodeAt(0);
    let own: RuleLink | null | undefined;
    if (c0 === 42 /* * */) {
      table = l.slice(1);
      ordinal = new Map();
      chain = '';
    } else if (l === '' || l === 'COMMIT') chain = '';
    else {
      const rule = c0 === 45 /* - */ ? RULE_CHAIN.exec(l) : null;
      const head = rule ?? LIST_CHAIN.exec(l) ?? CHAIN_DECL.exec(l);
      if (head) chain = head[1]!;
      if (rule && links) {
        const list = links.byChainRule.get(table)?.get(chain);
        if (list && !BUILTIN_CHAIN_NAMES.has(chain)) {
          const k = ordinal.get(chain) ?? 0;
          ordinal.set(chain, k + 1);
          own = list[k];
        }
      }
    }
    out[i] = own ?? links?.byChain.get(chain) ?? linkOf(serviceFromComment(l, byId));
  }
  return { lines, links: out };
}

/** Built-in chains also hold kube-proxy's `iptables -I` jump rules, which carry no provenance. */
const BUILTIN_CHAIN_NAMES = new Set(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']);

/** Where kube-proxy's ipvs proxier binds a service port: ClusterIP, externalIPs, LB VIPs at its port, node IPs at its nodePort (proxier.go syncProxyRules). */
export function virtualServerAddresses(sp: ServicePortInfo, nodePortIPs: readonly string[]): (readonly [string, number])[] {
  const addrs = [sp.clusterIP, ...sp.externalIPs, ...sp.loadBalancerVIPs].filter(Boolean).map((a) => [a, sp.port] as const);
  if (sp.nodePort) addrs.push(...nodePortIPs.map((a) => [a, sp.nodePort] as const));
  return addrs;
}

/** Service keys and endpoint slices by virtual-server key (`ip:port/PROTO`) and real server. */
function ipvsIndex(model: ProxyModel): Map<string, { service: string; slices: Map<string, string> }> {
  const byVS = new Map<string, { service: string; slices: Map<string, string> }>();
  const byId = serviceKeysById(model);
  const nodePortIPs = ipvsNodePortIPs(model.config);
  for (const { service: sp, endpoints } of model.servicePorts) {
    const entry = { service: byId.get(sp.id)!, slices: new Map(endpoints.flatMap((e) => (e.sliceKey ? [[hostPort(e.ip, e.port), e.sliceKey] as const] : []))) };
    for (const [address, port] of virtualServerAddresses(sp, nodePortIPs)) byVS.set(virtualServerKey({ address, port, protocol: sp.protocol }), entry);
  }
  return byVS;
}

const IPVSADM_VS = /^(TCP|UDP|SCTP)\s+(\S+)/;
const IPVSADM_RS = /^\s+->\s+(\S+)/;
const IPSET_MEMBER = /^([0-9a-f.:]+),(tcp|udp|sctp):(\d+)/;
const IP_ADDR = /^\s+inet6? ([0-9a-f.:]+)\//;

function ipvsadmLinks(text: string, model: ProxyModel, linkOf: LinkOf): RulesDump {
  const index = ipvsIndex(model);
  const lines = text.replace(/\n$/, '').split('\n');
  let current: { service: string; slices: Map<string, string> } | undefined;
  const links = lines.map((l): RuleLink | null => {
    const vs = IPVSADM_VS.exec(l);
    if (vs) {
      current = index.get(`${vs[2]}/${vs[1]}`);
      return current ? linkOf(current.service) : null;
    }
    const rs = IPVSADM_RS.exec(l);
    if (rs && current) {
      return linkOf(current.service, current.slices.get(rs[1]!));
    }
    return null;
  });
  return { lines, links };
}

/** ipset members (`ip,proto:port`) and kube-ipvs0 addresses belong to the Service with that VIP. */
function addressLinks(text: string, model: ProxyModel, linkOf: LinkOf): RulesDump {
  const index = ipvsIndex(model);
  const byIP = new Map<string, string>();
  for (const [key, e] of index) byIP.set(key.slice(0, key.lastIndexOf(':')).replace(/^\[|\]$/g, ''), e.service);
  const lines = text.replace(/\n$/, '').split('\n');
  const links = lines.map((l): RuleLink | null => {
    const m = IPSET_MEMBER.exec(l);
    if (m) {
      const e = index.get(`${hostPort(m[1]!, Number(m[3]))}/${m[2]!.toUpperCase()}`);
      return e ? linkOf(e.service) : null;
    }
    const a = IP_ADDR.exec(l);
    const service = a ? byIP.get(a[1]!) : undefined;
    return service ? linkOf(service) : null;
  });
  return { lines, links };
}

export function renderDump(sync: NodeSync, view: RulesViewId): RulesDump {
  const family = sync.model.config.ipFamily;
  const byId = serviceKeysById(sync.model);
  const linkOf = linkInterner();
  if (sync.mode === 'iptables') {
    const links = iptablesLinks(sync.rs, linkOf);
    if (view === 'iptables-nat' || view === 'iptables-filter') {
      const state = nodeStateAfterFirstSync(sync.rs, sync.restore);
      return linkLines(renderList(state, view === 'iptables-nat' ? 'nat' : 'filter', family), links, byId, linkOf);
    }
    return linkLines(renderSaveTables(firstSyncSaveTables(sync.rs), { family }), links, byId, linkOf);
  }
  const s = sync.ipvs;
  const opts = { ipvsFilter: s.behaviour.ipvsFilterChain, family };
  switch (view) {
    case 'ipvsadm': return ipvsadmLinks(formatIpvsadmList(s.virtualServers), sync.model, linkOf);
    case 'ipset': return addressLinks(formatIpsetList(s.ipsets, { family, rules: s.iptables }), sync.model, linkOf);
    case 'kube-ipvs0': return addressLinks(formatIpAddrShowKubeIpvs0(s.kubeIpvs0Addresses, { nodeName: sync.model.config.nodeName }), sync.model, linkOf);
    case 'iptables-nat':
    case 'iptables-filter':
      return linkLines(renderList(ipvsNodeStateText(s.restoreText, opts), view === 'iptables-nat' ? 'nat' : 'filter', family), null, byId, linkOf);
    case 'iptables-save':
      return linkLines(ipvsIptablesSaveText(s.restoreText, opts), null, byId, linkOf);
  }
}
