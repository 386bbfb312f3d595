// The iptables rules kube-proxy still writes in ipvs mode, as the iptables-restore input of one
// sync. Mirrors pkg/proxy/ipvs/proxier.go: iptablesChains / createAndLinkKubeChain (chain lines),
// ipsetWithIptablesChain and writeIptablesRules (rules, in that order), acceptIPVSTraffic.
import type { IPFamily } from '../../shared/ip.ts';
import type { ProxierConfig } from '../types.ts';
import { applyRestoreNoflush, renderSave } from '../iptables/index.ts';
import { ipsetInfo, ipsetName, type IPSetBaseName, type IPSetContents } from './ipset.ts';

export type IptablesTable = 'nat' | 'filter';

// kube-proxy: proxier.go iptablesChains (the order createAndLinkKubeChain writes the chain lines).
export const IPVS_KUBE_CHAINS: readonly { table: IptablesTable; chain: string }[] = [
  { table: 'nat', chain: 'KUBE-SERVICES' },
  { table: 'nat', chain: 'KUBE-POSTROUTING' },
  { table: 'nat', chain: 'KUBE-NODE-PORT' },
  { table: 'nat', chain: 'KUBE-LOAD-BALANCER' },
  { table: 'nat', chain: 'KUBE-MARK-MASQ' },
  { table: 'filter', chain: 'KUBE-FORWARD' },
  { table: 'filter', chain: 'KUBE-NODE-PORT' },
  { table: 'filter', chain: 'KUBE-PROXY-FIREWALL' },
  { table: 'filter', chain: 'KUBE-SOURCE-RANGES-FIREWALL' },
  { table: 'filter', chain: 'KUBE-IPVS-FILTER' },
  { table: 'filter', chain: 'KUBE-IPVS-OUT-FILTER' },
];

// kube-proxy: proxier.go iptablesJumpChain. Each is inserted at position 1 of the built-in chain
// (EnsureRule(Prepend)) outside iptables-restore, so it is not part of the restore input.
export const IPVS_JUMP_CHAINS: readonly { table: IptablesTable; from: string; to: string; comment: string }[] = [
  { table: 'nat', from: 'OUTPUT', to: 'KUBE-SERVICES', comment: 'kubernetes service portals' },
  { table: 'nat', from: 'PREROUTING', to: 'KUBE-SERVICES', comment: 'kubernetes service portals' },
  { table: 'nat', from: 'POSTROUTING', to: 'KUBE-POSTROUTING', comment: 'kubernetes postrouting rules' },
  { table: 'filter', from: 'FORWARD', to: 'KUBE-FORWARD', comment: 'kubernetes forwarding rules' },
  { table: 'filter', from: 'INPUT', to: 'KUBE-NODE-PORT', comment: 'kubernetes health check rules' },
  { table: 'filter', from: 'INPUT', to: 'KUBE-PROXY-FIREWALL', comment: 'kube-proxy firewall rules' },
  { table: 'filter', from: 'FORWARD', to: 'KUBE-PROXY-FIREWALL', comment: 'kube-proxy firewall rules' },
  { table: 'filter', from: 'INPUT', to: 'KUBE-IPVS-FILTER', comment: 'kubernetes ipvs access filter' },
  { table: 'filter', from: 'OUTPUT', to: 'KUBE-IPVS-OUT-FILTER', comment: 'kubernetes ipvs access filter' },
];

// kube-proxy: proxier.go ipsetWithIptablesChain, in order.
const IPSET_WITH_IPTABLES_CHAIN: readonly {
  name: IPSetBaseName; table: IptablesTable; from: string; to: string; matchType: string; protocolMatch?: string;
}[] = [
  { name: 'KUBE-LOOP-BACK', table: 'nat', from: 'KUBE-POSTROUTING', to: 'MASQUERADE', matchType: 'dst,dst,src' },
  { name: 'KUBE-LOAD-BALANCER', table: 'nat', from: 'KUBE-SERVICES', to: 'KUBE-LOAD-BALANCER', matchType: 'dst,dst' },
  { name: 'KUBE-LOAD-BALANCER-LOCAL', table: 'nat', from: 'KUBE-LOAD-BALANCER', to: 'RETURN', matchType: 'dst,dst' },
  { name: 'KUBE-NODE-PORT-LOCAL-TCP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', matchType: 'dst', protocolMatch: 'tcp' },
  { name: 'KUBE-NODE-PORT-TCP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', matchType: 'dst', protocolMatch: 'tcp' },
  { name: 'KUBE-NODE-PORT-LOCAL-UDP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', matchType: 'dst', protocolMatch: 'udp' },
  { name: 'KUBE-NODE-PORT-UDP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', matchType: 'dst', protocolMatch: 'udp' },
  { name: 'KUBE-NODE-PORT-LOCAL-SCTP-HASH', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', matchType: 'dst,dst', protocolMatch: 'sctp' },
  { name: 'KUBE-NODE-PORT-SCTP-HASH', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', matchType: 'dst,dst', protocolMatch: 'sctp' },
  { name: 'KUBE-LOAD-BALANCER-FW', table: 'filter', from: 'KUBE-PROXY-FIREWALL', to: 'KUBE-SOURCE-RANGES-FIREWALL', matchType: 'dst,dst' },
  { name: 'KUBE-LOAD-BALANCER-SOURCE-CIDR', table: 'filter', from: 'KUBE-SOURCE-RANGES-FIREWALL', to: 'RETURN', matchType: 'dst,dst,src' },
  { name: 'KUBE-LOAD-BALANCER-SOURCE-IP', table: 'filter', from: 'KUBE-SOURCE-RANGES-FIREWALL', to: 'RETURN', matchType: 'dst,dst,src' },
];

/** An LB ip:port the node itself may not reach (its source ranges exclude the node IP). */
export interface LbNoNodeAccessEntry {
  readonly ip: string;
  readonly port: number;
  readonly protocol: string;
}

export interface IpvsIptablesInput {
  readonly config: Pick<ProxierConfig, 'ipFamily' | 'masqueradeAll' | 'localDetector' | 'masqueradeMark' | 'iptablesHasRandomFully'>;
  readonly ipsets: IPSetContents;
  readonly lbNoNodeAccess: readonly LbNoNodeAccessEntry[];
  /** KUBE-IPVS-FILTER exists from v1.27 (PR #108460); older proxiers do not write it. */
  readonly ipvsFilter: boolean;
}

export interface IpvsIptablesRules {
  /** Rules per table in the order kube-proxy writes them (`-A CHAIN …`). */
  readonly nat: readonly string[];
  readonly filter: readonly string[];
}

const q = (comment: string) => `"${comment}"`;

/** kube-proxy: proxier.go writeIptablesRules (without the table headers and COMMIT lines). */
export function writeIpvsIptablesRules(input: IpvsIptablesInput): IpvsIptablesRules {
  const { config, ipsets } = input;
  const fam: IPFamily = config.ipFamily;
  const nat: string[] = [];
  const filter: string[] = [];
  const name = (s: IPSetBaseName) => ipsetName(s, fam);
  const nonEmpty = (s: IPSetBaseName) => (ipsets.get(s)?.length ?? 0) > 0;
  const comment = (s: IPSetBaseName) => q(ipsetInfo(s).comment);
  const mark = config.masqueradeMark;

  // Dismiss connects to localhost early in the service chain.
  nat.push(`-A KUBE-SERVICES -s ${fam === 'IPv6' ? '::1/128' : '127.0.0.0/8'} -j RETURN`);

  for (const s of IPSET_WITH_IPTABLES_CHAIN) {
    if (!nonEmpty(s.name)) continue;
    const args = [`-A ${s.from}`];
    if (s.protocolMatch) args.push(`-p ${s.protocolMatch}`);
    args.push(`-m comment --comment ${comment(s.name)} -m set --match-set ${name(s.name)} ${s.matchType}`, `-j ${s.to}`);
    (s.table === 'filter' ? filter : nat).push(args.join(' '));
  }

  if (nonEmpty('KUBE-CLUSTER-IP')) {
    const args = `-A KUBE-SERVICES -m comment --comment ${comment('KUBE-CLUSTER-IP')} -m set --match-set ${name('KUBE-CLUSTER-IP')}`;
    if (config.masqueradeAll) {
      nat.push(`${args} dst,dst -j KUBE-MARK-MASQ`);
    } else if (config.localDetector.mode === 'ClusterCIDR') {
      // Masquerade off-cluster traffic to a service VIP (localDetector.IfNotLocal()).
      nat.push(`${args} dst,dst ! -s ${config.localDetector.clusterCIDR} -j KUBE-MARK-MASQ`);
    } else {
      // Node-originated connections to a VIP get the VIP as source (kube-ipvs0 local route), so
      // masquerade VIP → VIP:port traffic.
      nat.push(`${args} src,dst -j KUBE-MARK-MASQ`);
    }
  }

  const externalIPRules = (args: string) => {
    // From off-machine only (not a bridge port, not a local source), then "dst is local".
    nat.push(`${args} -m physdev ! --physdev-is-in -m addrtype ! --src-type LOCAL -j ACCEPT`);
    nat.push(`${args} -m addrtype --dst-type LOCAL -j ACCEPT`);
  };
  if (nonEmpty('KUBE-EXTERNAL-IP')) {
    const args = `-A KUBE-SERVICES -m comment --comment ${comment('KUBE-EXTERNAL-IP')} -m set --match-set ${name('KUBE-EXTERNAL-IP')} dst,dst`;
    nat.push(`${args} -j KUBE-MARK-MASQ`);
    externalIPRules(args);
  }
  if (nonEmpty('KUBE-EXTERNAL-IP-LOCAL')) {
    externalIPRules(`-A KUBE-SERVICES -m comment --comment ${comment('KUBE-EXTERNAL-IP-LOCAL')} -m set --match-set ${name('KUBE-EXTERNAL-IP-LOCAL')} dst,dst`);
  }

  nat.push('-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT');
  nat.push('-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ');
  filter.push('-A KUBE-SOURCE-RANGES-FIREWALL -j DROP');
  // Disable LB access from the node: for IPVS both source and destination are the LB IP.
  for (const e of input.lbNoNodeAccess) {
    filter.push(`-A KUBE-IPVS-OUT-FILTER -s ${e.ip} -m ipvs --vaddr ${e.ip} --vproto ${e.protocol} --vport ${e.port} -j DROP`);
  }

  // acceptIPVSTraffic: must be at the end of KUBE-SERVICES.
  for (const s of ['KUBE-CLUSTER-IP', 'KUBE-LOAD-BALANCER'] as const) {
    if (nonEmpty(s)) nat.push(`-A KUBE-SERVICES -m set --match-set ${name(s)} dst,dst -j ACCEPT`);
  }

  filter.push(`-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark ${mark}/${mark} -j ACCEPT`);
  filter.push('-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');
  filter.push(`-A KUBE-NODE-PORT -m comment --comment ${comment('KUBE-HEALTH-CHECK-NODE-PORT')} -m set --match-set ${name('KUBE-HEALTH-CHECK-NODE-PORT')} dst -j ACCEPT`);

  if (input.ipvsFilter) {
    // Keep host ports from answering on VIPs (kubernetes/kubernetes#72236).
    for (const s of ['KUBE-LOAD-BALANCER', 'KUBE-CLUSTER-IP', 'KUBE-EXTERNAL-IP', 'KUBE-EXTERNAL-IP-LOCAL'] as const) {
      filter.push(`-A KUBE-IPVS-FILTER -m set --match-set ${name(s)} dst,dst -j RETURN`);
    }
    filter.push(`-A KUBE-IPVS-FILTER -m set --match-set ${name('KUBE-HEALTH-CHECK-NODE-PORT')} dst -j RETURN`);
    filter.push(`-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set ${name('KUBE-IPVS-IPS')} dst -j REJECT`);
  }

  nat.push(`-A KUBE-POSTROUTING -m mark ! --mark ${mark}/${mark} -j RETURN`);
  // XOR the mark to clear it, so a packet that re-traverses the stack is not masqueraded again.
  nat.push(`-A KUBE-POSTROUTING -j MARK --xor-mark ${mark}`);
  nat.push(`-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${config.iptablesHasRandomFully ? ' --random-fully' : ''}`);
  nat.push(`-A KUBE-MARK-MASQ -j MARK --or-mark ${mark}`);
  return { nat, filter };
}

/** The iptables-restore input: natChains, natRules, filterChains, filterRules (proxier.go iptablesData). */
export function ipvsRestoreText(rules: IpvsIptablesRules, opts: { ipvsFilter: boolean }): string {
  const chains = (t: IptablesTable) => IPVS_KUBE_CHAINS
    .filter((c) => c.table === t && (opts.ipvsFilter || c.chain !== 'KUBE-IPVS-FILTER'))
    .map((c) => `:${c.chain} - [0:0]`);
  return ['*nat', ...chains('nat'), ...rules.nat, 'COMMIT', '*filter', ...chains('filter'), ...rules.filter, 'COMMIT', ''].join('\n');
}

/**
 * The node's kube-proxy-owned tables after the first sync, in restore format: built-in chains, the
 * kube chains (EnsureChain), the jump rules (each EnsureRule(Prepend) = `-I CHAIN 1`, so the last
 * one inserted ends up on top), then the restore input applied with --noflush.
 */
export function ipvsNodeStateText(restoreText: string, opts: { ipvsFilter: boolean }): string {
  const builtins: Record<IptablesTable, string[]> = {
    nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
    filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  };
  const keep = (chain: string) => opts.ipvsFilter || chain !== 'KUBE-IPVS-FILTER';
  const out: string[] = [];
  for (const t of ['nat', 'filter'] as const) {
    out.push(`*${t}`, ...builtins[t].map((b) => `:${b} ACCEPT [0:0]`));
    out.push(...IPVS_KUBE_CHAINS.filter((c) => c.table === t && keep(c.chain)).map((c) => `:${c.chain} - [0:0]`));
    for (const j of IPVS_JUMP_CHAINS) if (j.table === t && keep(j.to)) out.push(`-I ${j.from} 1 -m comment --comment ${q(j.comment)} -j ${j.to}`);
    out.push('COMMIT');
  }
  return applyRestoreNoflush(out.join('\n') + '\n', restoreText);
}

/** What `iptables-save` prints on the node afterwards (the iptables renderer's canonical form). */
export function ipvsIptablesSaveText(restoreText: string, opts: { ipvsFilter: boolean; family: IPFamily }): string {
  return renderSave(ipvsNodeStateText(restoreText, opts), { family: opts.family });
}
