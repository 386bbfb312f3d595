// Packet flows of the iptables vectors (vectors/iptables/README.md, "How the Go tracer decides
// output and masq"), traced with the hook-faithful walker rather than the Go test's simplified
// tracer: one node whose local addresses are the config's `tracerLocalIPs`; a flow whose source
// is local starts at OUTPUT (a process on the node), any other arrives on eth0 (PREROUTING).
// Every random branch is explored ("all paths"), so a Service with n endpoints yields n paths.
//
// actualOutput, per path in rule order (duplicates folded): the DNAT destination if the packet
// was DNATed; otherwise DROP/REJECT when a rule ended it, or ACCEPT when a rule (not a chain
// policy) accepted it in some table; otherwise nothing ("" = kube-proxy did not touch it).
// actualMasq: some path was source-NATed in POSTROUTING (KUBE-POSTROUTING's MASQUERADE after
// KUBE-MARK-MASQ), which is what the Go tracer's "a KUBE-MARK-MASQ jump matched" stands for.
// Where the kernel and the Go tracer could part (a DNATed packet dropped by a filter rule, a
// mark that never reaches POSTROUTING), we follow the kernel; no current vector hits such a case.
import { ensureKubeProxyJumps } from '../../engine/netfilter/kubeProxyJumps.ts';
import { dataplaneFromDump } from '../../engine/netfilter/dataplaneFromDump.ts';
import { makePacket, type L4Proto } from '../../engine/netfilter/packet.ts';
import { parseIptables } from '../../engine/netfilter/parseIptables.ts';
import { walkPacket } from '../../engine/netfilter/walkPacket.ts';
import { canonicalIP } from '../../engine/shared/ip.ts';
import type { Json, JsonObject } from './input.ts';

export interface FlowResult {
  readonly output: string;
  readonly masq: boolean;
}

function strings(v: Json | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Traces one flow; exported for the Vitest suite. */
export function traceFlow(flow: JsonObject, dp: ReturnType<typeof dataplaneFromDump>, localIPs: ReadonlySet<string>): FlowResult {
  const proto = String(flow.protocol ?? 'TCP').toLowerCase() as L4Proto;
  const pkt = makePacket({ proto, src: String(flow.sourceIP ?? ''), dst: String(flow.destIP ?? ''), dport: Number(flow.destPort ?? 0) });
  if (typeof pkt === 'string') return { output: '', masq: false };
  const node = dp.nodes[0]?.name ?? 'node';
  const start = localIPs.has(pkt.src) ? ({ kind: 'host', node } as const) : ({ kind: 'wire', node, iface: 'eth0' } as const);
  const trace = walkPacket(dp, start, pkt, { mode: { kind: 'all' } });
  const outputs: string[] = [];
  for (const p of trace.paths) {
    const ruleVerdict = p.decidedByRule && (p.verdict === 'DROP' || p.verdict === 'REJECT') ? p.verdict : p.acceptedByRule ? 'ACCEPT' : null;
    const item = p.dnat ?? ruleVerdict;
    if (item && !outputs.includes(item)) outputs.push(item);
  }
  return { output: outputs.join(', '), masq: trace.paths.some((p) => p.masquerade) };
}

/** Builds the one-node dataplane for a vector `config` and a restore/save text. */
export function flowDataplane(restoreText: string, config: JsonObject) {
  const ruleset = parseIptables(restoreText, { file: 'restore input' });
  // A bare restore input has no jumps in the built-in chains; kube-proxy adds them itself.
  if ((ruleset.tables.get('nat')?.chains.get('PREROUTING')?.rules.length ?? 0) === 0) ensureKubeProxyJumps(ruleset);
  const localIPs = strings(config.tracerLocalIPs).map((a) => canonicalIP(a) ?? a);
  const hi = config.hostInterfaces;
  const interfaces: Record<string, string[]> = {};
  if (hi && typeof hi === 'object' && !Array.isArray(hi)) for (const [k, v] of Object.entries(hi)) interfaces[k] = strings(v);
  const dp = dataplaneFromDump({ name: String(config.nodeName ?? 'node'), ruleset, localIPs, ...(Object.keys(interfaces).length ? { interfaces } : {}) });
  return { dp, localIPs: new Set(localIPs) };
}

/** Fills `actualOutput`/`actualMasq` of every flow in `flows`, tracing through `restoreText`. */
export function fillPacketFlows(flows: JsonObject[], restoreText: string, config: JsonObject): void {
  if (flows.length === 0) return;
  const { dp, localIPs } = flowDataplane(restoreText, config);
  for (const f of flows) {
    const r = traceFlow(f, dp, localIPs);
    f.actualOutput = r.output;
    f.actualMasq = r.masq;
  }
}
