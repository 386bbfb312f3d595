// One service port's rules, in the order kube-proxy writes them (pkg/proxy/iptables/proxier.go
// syncProxyRules, the per-service loop, and writeServiceToEndpointRules). The steps are
// numbered as in research/kube-proxy-iptables.md §5.2.
import { parseIPSloppy, parseCIDRSloppy, sloppyCIDRContains } from '../sloppyIP.ts';
import { categorizeEndpoints } from '../categorizeEndpoints.ts';
import { servicePortChainNames, servicePortEndpointChainName } from '../chainNames.ts';
import { isExternallyAccessible } from '../servicePorts.ts';
import type { EndpointInfo, ProxierConfig, ProxyServicePort } from '../types.ts';
import { probability } from './computeProbability.ts';
import type { LocalTrafficDetector } from './localDetector.ts';
import type { IptablesTable, RuleProvenance } from './ruleset.ts';
import { DNATRule, EndpointJumpRule, HairpinRule, ServicePortText, VIPCaptureRule } from './ruleShapes.ts';

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_FORWARD = 'KUBE-FORWARD';
export const KUBE_FIREWALL = 'KUBE-FIREWALL';
export const LOCALHOST_NPS_NFACCT = 'localhost_nps_accepted_pkts';
export const CT_INVALID_NFACCT = 'ct_state_invalid_dropped_pkts';

export interface SyncContext {
  readonly config: ProxierConfig;
  readonly filter: IptablesTable;
  readonly nat: IptablesTable;
  readonly detector: LocalTrafficDetector;
  readonly largeClusterMode: boolean;
  readonly localhostNodePorts: boolean;
}

/** Writes every rule of `sp`, and declares its SVC/SVL/EXT/FW/SEP chains in nat. */
export function writeServicePortRules(ctx: SyncContext, sp: ProxyServicePort): void {
  const { config, filter, nat, detector } = ctx;
  const svc = sp.service;
  const S = svc.id;
  const protocol = svc.protocol.toLowerCase();
  const port = String(svc.port);
  const names = servicePortChainNames(S, svc.protocol);
  const base: RuleProvenance = { servicePort: S, ...(svc.serviceKey ? { service: svc.serviceKey } : {}) };
  // A rule is kube-proxy's words after `-A CHAIN` as one string (ruleset.ts); the shapes of
  // ruleShapes.ts, most of a large ruleset, render theirs on demand.
  const rule = (t: IptablesTable, chain: string, spec: string, prov: RuleProvenance = base) => t.rules.push({ chain, spec, provenance: prov });
  // A Service VIP capture (steps 1-3).
  const capture = (t: IptablesTable, chain: string, commentText: string, vip: string, target: string) =>
    t.rules.push(new VIPCaptureRule(chain, commentText, protocol, vip, port, target, base));
  // Chains are declared in write order once the block is written, with the block's rule range.
  const declared: string[] = [];
  const declare = (chain: string) => declared.push(chain);
  const rulesFrom = nat.rules.length;
  const sepNames = new Map<string, string>();
  const sepChain = (ep: EndpointInfo) => {
    let n = sepNames.get(ep.endpoint);
    if (n === undefined) sepNames.set(ep.endpoint, (n = servicePortEndpointChainName(S, svc.protocol, ep.endpoint)));
    return n;
  };
  // 5.1 decision variables
  const cat = categorizeEndpoints(sp.endpoints, svc, { nodeName: config.nodeName, ...(config.nodeZone !== undefined ? { zone: config.nodeZone } : {}) });
  const clusterEndpoints = cat.clusterEndpoints ?? [];
  const localEndpoints = cat.localEndpoints ?? [];
  const hasEndpoints = cat.hasAnyEndpoints;
  const clusterPolicyChain = names.clusterPolicyChain;
  const localPolicyChain = names.localPolicyChain;
  const usesClusterPolicyChain = clusterEndpoints.length > 0 && svc.usesClusterEndpoints;
  const usesLocalPolicyChain = localEndpoints.length > 0 && svc.usesLocalEndpoints;
  let internalPolicyChain = clusterPolicyChain;
  let hasInternalEndpoints = hasEndpoints;
  if (svc.internalPolicyLocal) {
    internalPolicyChain = localPolicyChain;
    if (localEndpoints.length === 0) hasInternalEndpoints = false;
  }
  const internalTrafficChain = internalPolicyChain;
  let externalPolicyChain = clusterPolicyChain;
  let hasExternalEndpoints = hasEndpoints;
  if (svc.externalPolicyLocal) {
    externalPolicyChain = localPolicyChain;
    if (localEndpoints.length === 0) hasExternalEndpoints = false;
  }
  const usesExternalTrafficChain = hasEndpoints && isExternallyAccessible(svc);
  const externalTrafficChain = usesExternalTrafficChain ? names.externalChain : externalPolicyChain;
  const usesFWChain = hasEndpoints && svc.loadBalancerVIPs.length > 0 && svc.loadBalancerSourceRanges.length > 0;
  const loadBalancerTrafficChain = usesFWChain ? names.firewallChain : externalTrafficChain;

  // Comment texts without their quotes (capture() and the specs below add them).
  let internalFilterTarget = '';
  let internalFilterComment = '';
  let externalFilterTarget = '';
  let externalFilterComment = '';
  if (!hasEndpoints) {
    internalFilterTarget = externalFilterTarget = 'REJECT';
    internalFilterComment = externalFilterComment = `${S} has no endpoints`;
  } else {
    if (!hasInternalEndpoints) {
      internalFilterTarget = 'DROP';
      internalFilterComment = `${S} has no local endpoints`;
    }
    if (!hasExternalEndpoints) {
      externalFilterTarget = 'DROP';
      externalFilterComment = `${S} has no local endpoints`;
    }
  }
  const proto = `-m ${protocol} -p ${protocol}`;

  // 1. Capture the clusterIP.
  if (hasInternalEndpoints) capture(nat, KUBE_SERVICES, `${S} cluster IP`, svc.clusterIP, internalTrafficChain);
  else capture(filter, KUBE_SERVICES, internalFilterComment, svc.clusterIP, internalFilterTarget);
  // 2. Capture externalIPs.
  for (const ip of svc.externalIPs) {
    if (hasEndpoints) capture(nat, KUBE_SERVICES, `${S} external IP`, ip, externalTrafficChain);
    if (!hasExternalEndpoints) capture(filter, KUBE_EXTERNAL_SERVICES, externalFilterComment, ip, externalFilterTarget);
  }
  // 3. Capture load-balancer ingress.
  for (const lbip of svc.loadBalancerVIPs) {
    if (hasEndpoints) capture(nat, KUBE_SERVICES, `${S} loadbalancer IP`, lbip, loadBalancerTrafficChain);
    if (usesFWChain) capture(filter, KUBE_PROXY_FIREWALL, `${S} traffic not accepted by ${names.firewallChain}`, lbip, 'DROP');
  }
  if (!hasExternalEndpoints) {
    // No endpoints at all (REJECT), or none for external traffic (DROP what EXT did not short-circuit).
    for (const lbip of svc.loadBalancerVIPs) capture(filter, KUBE_EXTERNAL_SERVICES, externalFilterComment, lbip, externalFilterTarget);
  }
  // 4. Capture nodeports (not subject to loadBalancerSourceRanges).
  if (svc.nodePort !== 0) {
    const np = String(svc.nodePort);
    if (hasEndpoints) {
      if (ctx.localhostNodePorts && config.ipFamily === 'IPv4' && config.nfacctCounters[LOCALHOST_NPS_NFACCT]) {
        rule(nat, KUBE_NODEPORTS, `-m comment --comment ${S} ${proto} -d 127.0.0.0/8 --dport ${np} -m nfacct --nfacct-name ${LOCALHOST_NPS_NFACCT} -j ${externalTrafficChain}`);
      }
      rule(nat, KUBE_NODEPORTS, `-m comment --comment ${S} ${proto} --dport ${np} -j ${externalTrafficChain}`);
    }
    if (!hasExternalEndpoints) {
      rule(filter, KUBE_EXTERNAL_SERVICES, `-m comment --comment "${externalFilterComment}" -m addrtype --dst-type LOCAL ${proto} --dport ${np} -j ${externalFilterTarget}`);
    }
  }
  // 5. Capture healthCheckNodePorts: always TCP, with or without endpoints.
  if (svc.healthCheckNodePort !== 0) {
    rule(filter, KUBE_NODEPORTS, `-m comment --comment "${S} health check node port" -m tcp -p tcp --dport ${svc.healthCheckNodePort} -j ACCEPT`);
  }
  // 6. (partial syncs skip everything below for unchanged services: see renderRestore)

  // 7. Internal traffic handling: masquerade off-cluster traffic to the ClusterIP.
  if (hasInternalEndpoints) {
    const masq = (notLocal: readonly string[]) =>
      nat.rules.push(new VIPCaptureRule(internalTrafficChain, `${S} cluster IP`, protocol, svc.clusterIP, port, KUBE_MARK_MASQ, base, notLocal));
    if (config.masqueradeAll) masq([]);
    else if (detector.implemented) masq(detector.ifNotLocal);
  }
  // 8. External traffic chain.
  if (usesExternalTrafficChain) {
    declare(names.externalChain);
    const ext = names.externalChain;
    if (!svc.externalPolicyLocal) {
      rule(nat, ext, `-m comment --comment "masquerade traffic for ${S} external destinations" -j ${KUBE_MARK_MASQ}`);
    } else {
      if (detector.implemented) rule(nat, ext, `-m comment --comment "pod traffic for ${S} external destinations" ${detector.ifLocal.join(' ')} -j ${clusterPolicyChain}`);
      rule(nat, ext, `-m comment --comment "masquerade LOCAL traffic for ${S} external destinations" -m addrtype --src-type LOCAL -j ${KUBE_MARK_MASQ}`);
      rule(nat, ext, `-m comment --comment "route LOCAL traffic for ${S} external destinations" -m addrtype --src-type LOCAL -j ${clusterPolicyChain}`);
    }
    if (hasExternalEndpoints) rule(nat, ext, `-j ${externalPolicyChain}`);
  }
  // 9. Firewall chain for loadBalancerSourceRanges.
  if (usesFWChain) {
    const fw = names.firewallChain;
    declare(fw);
    const lbComment = `-m comment --comment "${S} loadbalancer IP"`;
    let allowFromNode = false;
    const nodeIP = config.nodeIPs[0] !== undefined ? parseIPSloppy(config.nodeIPs[0]) : null;
    for (const cidr of svc.loadBalancerSourceRanges) {
      rule(nat, fw, `${lbComment} -s ${cidr} -j ${externalTrafficChain}`);
      const c = parseCIDRSloppy(cidr);
      if (c && nodeIP && sloppyCIDRContains(c, nodeIP.ip)) allowFromNode = true;
    }
    // A node talking to its own VIP usually gets the VIP as source address.
    if (allowFromNode) for (const lbip of svc.loadBalancerVIPs) rule(nat, fw, `${lbComment} -s ${lbip} -j ${externalTrafficChain}`);
    rule(nat, fw, `-m comment --comment "other traffic to ${S} will be dropped by KUBE-PROXY-FIREWALL"`);
  }
  // appendServiceCommentLocked: per-endpoint comments are dropped in large-cluster mode.
  const large = ctx.largeClusterMode;
  const text = new ServicePortText(large ? null : S, protocol, base);
  // 10./11. Policy chains.
  const writeServiceToEndpointRules = (svcChain: string, endpoints: readonly EndpointInfo[]) => {
    if (svc.sessionAffinityClientIP) {
      for (const ep of endpoints) {
        const sep = sepChain(ep);
        const cm = large ? '' : `-m comment --comment "${S} -> ${ep.endpoint}" `;
        rule(nat, svcChain, `${cm}-m recent --name ${sep} --rcheck --seconds ${svc.stickyMaxAgeSeconds} --reap -j ${sep}`, text.endpointProvenance(ep));
      }
    }
    const n = endpoints.length;
    for (let i = 0; i < n; i++) {
      const ep = endpoints[i]!;
      nat.rules.push(new EndpointJumpRule(svcChain, text, ep, i < n - 1 ? probability(n - i) : null, sepChain(ep)));
    }
  };
  if (usesClusterPolicyChain) {
    declare(clusterPolicyChain);
    writeServiceToEndpointRules(clusterPolicyChain, clusterEndpoints);
  }
  if (usesLocalPolicyChain) {
    declare(localPolicyChain);
    writeServiceToEndpointRules(localPolicyChain, localEndpoints);
  }
  // 12. Per-endpoint chains: hairpin masquerade, then DNAT.
  for (const ep of cat.allReachableEndpoints) {
    const sep = sepChain(ep);
    declare(sep);
    nat.rules.push(new HairpinRule(sep, text, ep, KUBE_MARK_MASQ));
    nat.rules.push(new DNATRule(sep, text, svc.sessionAffinityClientIP, ep));
  }
  declareWithRanges(nat, declared, S, rulesFrom);
}

/**
 * Declares a service port's chains, in the order it created them, each with the index range of
 * its rules in the block written since `blockFrom` (a renderer then reads a chain's rules
 * without indexing the whole table by chain name).
 */
function declareWithRanges(nat: IptablesTable, declared: readonly string[], servicePort: string, blockFrom: number): void {
  const from = new Array<number>(declared.length).fill(-1);
  const to = new Array<number>(declared.length).fill(-1);
  let k = 0;
  for (let i = blockFrom; i < nat.rules.length; i++) {
    const chain = nat.rules[i]!.chain;
    // Rules come in runs per chain, in declaration order: look where the last one matched first.
    if (declared[k] !== chain) {
      k = declared.indexOf(chain);
      if (k < 0) { k = 0; continue; }
    }
    if (from[k] === -1) from[k] = i;
    to[k] = i + 1;
  }
  declared.forEach((name, j) => nat.chains.push(from[j] === -1 ? { name, servicePort } : { name, servicePort, rulesFrom: from[j]!, rulesTo: to[j]! }));
}
