// Issue 5: the iptables vectors' packet flows re-run in ipvs mode (all paths). Where upstream
// behaves the same in both modes the set of reached endpoints / verdict must equal the iptables
// `output`; where it does not, the flow must match one of the GENERAL rules in DIFFERENCES below
// (keyed by what the packet and the Service are, never by vector name), and the ipvs outcome the
// rule documents is asserted. Endpoint ORDER is not compared: iptables lists the KUBE-SEP chains
// in rule order, ipvs lists real servers as the scheduler walks them — the same set either way.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../cluster/objects.ts';
import { parseManifests, proxierConfigFromVector } from '../../cli/conformance/families/iptables.ts';
import { categorizeEndpoints } from '../kubeproxy/categorizeEndpoints.ts';
import { hostPort, ipvsNodePortIPs, type VirtualServer } from '../kubeproxy/ipvs/index.ts';
import type { ProxierConfig, ProxyServicePort } from '../kubeproxy/types.ts';
import { canonicalIP, parseIP } from '../shared/ip.ts';
import { dataplaneForVectorInIpvsMode, traceVectorFlowIpvs, type VectorIpvsDataplane } from './ipvsFlowParity.ts';

const DIR = path.resolve(process.cwd(), '../shared/vectors/iptables');

interface Flow { name: string; sourceIP: string; destIP: string; destPort: number; protocol: string; output: string; masq: boolean }

interface Ctx {
  readonly flow: Flow;
  readonly config: ProxierConfig;
  readonly v: VectorIpvsDataplane;
  /** The virtual server the packet's destination hits, if any. */
  readonly vs: VirtualServer | undefined;
  /** The Service port behind it, and whether the destination is one of its external addresses. */
  readonly sp: ProxyServicePort | undefined;
  readonly external: boolean;
}

interface Expected { readonly output: string; readonly masq?: boolean }

interface Rule {
  readonly id: string;
  /** What upstream does in each mode, with the source it comes from. */
  readonly upstream: string;
  readonly applies: (c: Ctx) => boolean;
  readonly ipvs: (c: Ctx) => Expected;
}

const isLoopback = (ip: string) => { const p = parseIP(ip); return !!p && (p.family === 'IPv4' ? p.value >> 24n === 127n : p.value === 1n); };

// The documented differences, first match wins. Each `ipvs` outcome is what the walker must give.
const DIFFERENCES: readonly Rule[] = [
  {
    id: 'loopback-nodeport',
    // kube-proxy: ipvs/proxier.go syncProxyRules — NodePort virtual servers are made for nodeIPs
    // only, and loopback addresses are filtered out of them ("ipvs doesn't support localhost
    // nodeports"; research kube-proxy-ipvs.md §1). iptables mode DNATs 127.0.0.1:nodePort when
    // localhostNodePorts is on (KUBE-NODEPORTS via route_localnet). ipvs: untouched.
    upstream: 'ipvs never serves NodePorts on loopback (proxier.go nodeIPs, loopback skipped); iptables does with localhostNodePorts',
    applies: (c) => isLoopback(c.flow.destIP) && c.flow.output !== '',
    ipvs: () => ({ output: '', masq: false }),
  },
  {
    id: 'ipvs-filter-unknown-port',
    // kube-proxy ≥ 1.27: ipvs/proxier.go writeIptablesRules, KUBE-IPVS-FILTER: a NEW packet to an
    // address in KUBE-IPVS-IPS (bound on kube-ipvs0, so LOCAL) that matches no service ip,port set
    // is REJECTed (icmp-port-unreachable; research §2, kubernetes/website#41002). In iptables mode
    // a ClusterIP is not local and a port no Service uses is not touched at all.
    upstream: 'KUBE-IPVS-FILTER rejects NEW packets to kube-ipvs0 addresses on ports with no virtual server',
    applies: (c) => !c.vs && c.v.state.kubeIpvs0Addresses.includes(canonicalIP(c.flow.destIP) ?? c.flow.destIP),
    ipvs: () => ({ output: 'REJECT', masq: false }),
  },
  {
    id: 'health-check-needs-nodeport-ips',
    // kube-proxy: ipvs/proxier.go syncProxyRules — `if len(nodeIPs) == 0 { continue }` inside the
    // NodePort block skips the rest of the service port, so KUBE-HEALTH-CHECK-NODE-PORT never gets
    // the port when nodePortAddresses holds no non-loopback address. iptables mode writes the
    // filter KUBE-NODEPORTS "health check node port" ACCEPT regardless.
    upstream: 'ipvs adds the healthCheckNodePort ACCEPT only when the NodePort has a usable (non-loopback) node IP',
    applies: (c) => c.flow.output === 'ACCEPT' && ipvsNodePortIPs(c.config).length === 0
      && c.v.model.servicePorts.some((sp) => sp.service.healthCheckNodePort === c.flow.destPort),
    ipvs: () => ({ output: '', masq: false }),
  },
  {
    id: 'external-policy-local-fallback',
    // kube-proxy: ipvs/proxier.go syncEndpoint — for an external virtual server of an eTP=Local
    // Service (onlyNodeLocalEndpoints) the real servers are the local endpoints, or, when there
    // are none, the cluster endpoints (kubernetes/kubernetes#97081 "allow access from local PODs
    // even if no local endpoints exist"). There is no "short-circuit" for pod/node-originated
    // traffic as in iptables' KUBE-EXT chain (which sends it to all cluster endpoints) and no
    // "has no local endpoints" DROP for external traffic.
    upstream: 'ipvs eTP=Local external VS: local endpoints, else cluster endpoints; no local-origin short-circuit, no DROP',
    applies: (c) => !!c.vs && !!c.sp && c.external && c.sp.service.externalPolicyLocal,
    ipvs: (c) => {
      const cat = categorizeEndpoints(c.sp!.endpoints, c.sp!.service, { nodeName: c.config.nodeName });
      const eps = (cat.localEndpoints?.length ? cat.localEndpoints : cat.clusterEndpoints) ?? [];
      // KUBE-LOAD-BALANCER-LOCAL / KUBE-NODE-PORT-LOCAL-* / KUBE-EXTERNAL-IP-LOCAL RETURN before
      // KUBE-MARK-MASQ, and masqueradeAll only marks ClusterIP traffic (research §2): never masqueraded.
      // No endpoints at all: the VS has no real servers → ip_vs_leave's ICMP port unreachable.
      return { output: eps.map((e) => hostPort(e.ip, e.port)).join(', ') || 'REJECT', masq: false };
    },
  },
  {
    id: 'no-real-servers',
    // iptables answers a Service with no usable endpoints by rule: REJECT ("has no endpoints") or,
    // for internalTrafficPolicy Local with no local endpoints, DROP ("has no local endpoints").
    // ipvs keeps the virtual server with no real servers; ip_vs_schedule finds no dest and
    // ip_vs_leave (ip_vs_core.c) sends ICMP port unreachable "no matter it is TCP/UDP" before
    // NF_DROP (research kube-proxy-ipvs.md §3 step 3, W6). Where iptables REJECTs too, the client
    // sees the same answer (counted as equal); where iptables DROPs, ipvs answers and iptables is silent.
    upstream: 'ipvs: VS without real servers → ip_vs_leave (ICMP port-unreachable + NF_DROP); iptables: REJECT or DROP rule',
    applies: (c) => !!c.vs && c.vs.realServers.length === 0,
    ipvs: () => ({ output: 'REJECT', masq: false }),
  },
];

function vsFor(v: VectorIpvsDataplane, f: Flow): VirtualServer | undefined {
  const dst = canonicalIP(f.destIP) ?? f.destIP;
  return v.state.virtualServers.find((s) => s.address === dst && s.port === f.destPort && s.protocol === f.protocol);
}

function servicePortFor(v: VectorIpvsDataplane, f: Flow): { sp: ProxyServicePort | undefined; external: boolean } {
  const dst = canonicalIP(f.destIP) ?? f.destIP;
  const sps = v.model.servicePorts.filter((p) => p.service.protocol === f.protocol);
  const internal = sps.find((p) => p.service.clusterIP === dst && p.service.port === f.destPort);
  if (internal) return { sp: internal, external: false };
  const ext = sps.find((p) => ((p.service.externalIPs.includes(dst) || p.service.loadBalancerVIPs.includes(dst)) && p.service.port === f.destPort) || p.service.nodePort === f.destPort);
  return { sp: ext, external: !!ext };
}

const sortedSet = (s: string) => (s === '' ? [] : [...new Set(s.split(', '))].sort());

interface Case { file: string; group: string; flow: Flow; config: ProxierConfig; objects: KubeObject[]; tracerLocalIPs: string[] }

function loadCases(): Case[] {
  const out: Case[] = [];
  for (const file of readdirSync(DIR).filter((x) => x.endsWith('.json') && x !== 'TestTracePacket.json').sort()) {
    const doc = JSON.parse(readFileSync(path.join(DIR, file), 'utf8'));
    if (!doc.config || typeof doc.manifests !== 'string') continue;
    const config = proxierConfigFromVector(doc.config, file);
    const tracerLocalIPs: string[] = doc.config.tracerLocalIPs ?? [];
    let objects = parseManifests(doc.manifests, file);
    for (const flow of doc.packetFlows ?? []) out.push({ file, group: '', flow, config, objects, tracerLocalIPs });
    (doc.followUp ?? []).forEach((fu: { delete?: { kind: string; name: string; namespace?: string }[]; packetFlows?: Flow[] }, j: number) => {
      // ipvs mode always syncs in full, so the follow-up state is a sync of the remaining objects.
      for (const d of fu.delete ?? []) objects = objects.filter((x) => !(x.kind === d.kind && x.metadata.name === d.name && (x.metadata.namespace ?? 'default') === (d.namespace ?? 'default')));
      for (const flow of fu.packetFlows ?? []) out.push({ file, group: `followUp[${j}]`, flow, config, objects, tracerLocalIPs });
    });
  }
  return out;
}

const cases = loadCases();
const counts = { compared: 0, equal: 0, byRule: new Map<string, number>() };
const dataplanes = new Map<string, VectorIpvsDataplane>();

describe('iptables packet flows re-run in ipvs mode (issue 5)', () => {
  it('has flows to compare', () => expect(cases.length).toBeGreaterThan(50));

  it.each(cases.map((c) => [`${c.file}${c.group ? ` ${c.group}` : ''}: ${c.flow.name}`, c] as const))('%s', (_label, c) => {
    const key = `${c.file}|${c.group}`;
    let v = dataplanes.get(key);
    if (!v) { v = dataplaneForVectorInIpvsMode(c.config, c.objects, c.tracerLocalIPs); dataplanes.set(key, v); }
    const f = c.flow;
    const got = traceVectorFlowIpvs(v, { sourceIP: f.sourceIP, destIP: f.destIP, destPort: f.destPort, protocol: f.protocol });
    const { sp, external } = servicePortFor(v, f);
    const ctx: Ctx = { flow: f, config: c.config, v, vs: vsFor(v, f), sp, external };
    const rule = DIFFERENCES.find((r) => r.applies(ctx));
    const want: Expected = rule ? rule.ipvs(ctx) : { output: f.output, masq: f.masq };
    const evidence = `${c.file} ${c.group} flow "${f.name}" ${f.protocol} ${f.sourceIP} → ${f.destIP}:${f.destPort}\n`
      + `  iptables: [${f.output}] masq=${f.masq}\n  ipvs:     [${got.output}] masq=${got.masq}\n`
      + `  rule: ${rule ? `${rule.id} (${rule.upstream}) → expects [${want.output}]${want.masq === undefined ? '' : ` masq=${want.masq}`}` : 'none (same upstream behaviour expected)'}`;
    counts.compared++;
    const differs = rule && (want.output === '' ? '' : sortedSet(want.output).join(', ')) !== sortedSet(f.output).join(', ');
    if (rule && differs) counts.byRule.set(rule.id, (counts.byRule.get(rule.id) ?? 0) + 1);
    else counts.equal++;
    expect(sortedSet(got.output), evidence).toEqual(sortedSet(want.output));
    if (want.masq !== undefined) expect(got.masq, evidence).toBe(want.masq);
  });

  it('every documented difference is exercised by at least one flow', () => {
    for (const r of DIFFERENCES) expect(counts.byRule.get(r.id) ?? 0, `rule ${r.id} matched no differing flow`).toBeGreaterThan(0);
  });

  afterAll(() => {
    console.log(`ipvs flow parity: ${counts.compared} flows compared, ${counts.equal} equal, differences: ${JSON.stringify(Object.fromEntries(counts.byRule))}`);
  });
});
