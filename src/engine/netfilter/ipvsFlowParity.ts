// The iptables vectors' packet flows re-run in ipvs mode: one node built from a vector's proxier
// config + raw manifests the way the iptables flows are (local addresses = `tracerLocalIPs`, the
// config's hostInterfaces), but with kube-proxy's ipvs-mode state instead (kubeproxy/ipvs):
// kube-ipvs0 carrying the ClusterIPs/external IPs, the ipsets, the ipvs-mode iptables rules and
// the virtual servers at the walker's IPVS hooks (ip_vs_in_hook, LOCAL_IN / LOCAL_OUT).
import type { KubeObject } from '../cluster/objects.ts';
import { ipsetInfo, ipsetName, ipvsNodeStateText, syncIpvsProxyRules } from '../kubeproxy/ipvs/index.ts';
import { buildProxyModel } from '../kubeproxy/proxyModel.ts';
import type { IpvsProxierState } from '../kubeproxy/ipvs/index.ts';
import type { ProxierConfig, ProxyModel } from '../kubeproxy/types.ts';
import { canonicalIP } from '../shared/ip.ts';
import type { Dataplane } from './dataplane.ts';
import { dataplaneFromDump } from './dataplaneFromDump.ts';
import { ipvsHandlerFor } from './ipvs/ipvsHandler.ts';
import type { IPSet } from './ipset.ts';
import { makePacket, type L4Proto } from './packet.ts';
import { parseIptables } from './parseIptables.ts';
import { walkPacket } from './walkPacket.ts';

export interface VectorIpvsDataplane {
  readonly dp: Dataplane;
  readonly localIPs: ReadonlySet<string>;
  /** The ipvs-mode iptables state the node was loaded with (for evidence). */
  readonly rulesText: string;
  readonly model: ProxyModel;
  readonly state: IpvsProxierState;
}

/** One ipvs-mode node for a vector's config + manifests; `tracerLocalIPs` are its local addresses. */
export function dataplaneForVectorInIpvsMode(config: ProxierConfig, objects: readonly KubeObject[], tracerLocalIPs: readonly string[]): VectorIpvsDataplane {
  const model = buildProxyModel([...objects], config);
  const state = syncIpvsProxyRules(model, config.nodeIPs[0] ? { nodeIP: config.nodeIPs[0] } : {});
  const rulesText = ipvsNodeStateText(state.restoreText, { ipvsFilter: state.behaviour.ipvsFilterChain });
  const ruleset = parseIptables(rulesText, { file: 'ipvs-mode iptables state' });
  const ipsets: IPSet[] = [...state.ipsets].map(([base, members]) => ({ name: ipsetName(base, config.ipFamily), type: ipsetInfo(base).type, members }));
  const localIPs = tracerLocalIPs.map((a) => canonicalIP(a) ?? a);
  const hasInterfaces = Object.keys(config.hostInterfaces).length > 0;
  const dp = dataplaneFromDump({
    name: config.nodeName,
    ruleset,
    localIPs,
    ipsets,
    ipvs: { handler: ipvsHandlerFor(state.virtualServers), addresses: state.kubeIpvs0Addresses },
    ...(hasInterfaces ? { interfaces: config.hostInterfaces } : {}),
  });
  return { dp, localIPs: new Set(localIPs), rulesText, model, state };
}

export interface ParityFlow {
  readonly sourceIP: string;
  readonly destIP: string;
  readonly destPort: number;
  readonly protocol: string;
}

/**
 * The flow's outcome in the iptables flows' vocabulary (vectors/iptables/README.md): the DNAT
 * destinations in path order, else DROP/REJECT when a rule (or IPVS, a virtual server with no
 * real servers) ended it, ACCEPT when a rule accepted it, "" when untouched. A local source
 * starts at OUTPUT, any other arrives on eth0.
 */
export function traceVectorFlowIpvs(v: VectorIpvsDataplane, flow: ParityFlow): { output: string; masq: boolean } {
  const proto = flow.protocol.toLowerCase() as L4Proto;
  const pkt = makePacket({ proto, src: flow.sourceIP, dst: flow.destIP, dport: flow.destPort });
  if (typeof pkt === 'string') return { output: '', masq: false };
  const node = v.dp.nodes[0]?.name ?? 'node';
  const start = v.localIPs.has(pkt.src) ? ({ kind: 'host', node } as const) : ({ kind: 'wire', node, iface: 'eth0' } as const);
  const trace = walkPacket(v.dp, start, pkt, { mode: { kind: 'all' } });
  const outputs: string[] = [];
  for (const p of trace.paths) {
    const ipvsDrop = p.steps.some((s) => s.kind === 'ipvs' && (s.target === 'DROP' || s.target === 'REJECT'));
    const ended = p.verdict === 'DROP' || p.verdict === 'REJECT';
    const ruleVerdict = ended && (p.decidedByRule || ipvsDrop) ? p.verdict : p.acceptedByRule ? 'ACCEPT' : null;
    const item = p.dnat ?? ruleVerdict;
    if (item && !outputs.includes(item)) outputs.push(item);
  }
  return { output: outputs.join(', '), masq: trace.paths.some((p) => p.masquerade) };
}
