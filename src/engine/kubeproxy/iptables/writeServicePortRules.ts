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
  // A chain is declared once its rules are written, in the order kube-proxy creates them, with
  // the index range of its rules in nat (ChainDecl.rulesFrom/rulesTo): a renderer then reads a
  // chain's rules without indexing the whole table by chain name. `from` is where the chain's
  // first rule went (the ClusterIP masquerade of step 7 comes before the EXT and FW chains).
  const declare = (name: string, from: number) => nat.chains.push({ name, servicePort: S, rulesFrom: from, rulesTo: nat.rules.length });
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
  const masqAt = nat.rules.length;
  if (hasInternalEndpoints) {
    const masq = (notLocal: readonly string[]) =>
      nat.rules.push(new VIPCaptureRule(internalTrafficChain, `${S} cluster IP`, protocol, svc.clusterIP, port, KUBE_MARK_MASQ, base, notLocal));
    if (config.masqueradeAll) masq([]);
    else if (detector.implemented) masq(detector.ifNotLocal);
  }
  const masqChain = nat.rules.length > masqAt ? internalTrafficChain : null;
  // 8. External traffic chain.
  if (usesExternalTrafficChain) {
    const ext = names.externalChain;
    const from = nat.rules.length;
    if (!svc.externalPolicyLocal) {
      rule(nat, ext, `-m comment --comment "masquerade traffic for ${S} external destinations" -j ${KUBE_MARK_MASQ}`);
    } else {
      if (detector.implemented) rule(nat, ext, `-m comment --comment "pod traffic for ${S} external destinations" ${detector.ifLocal.join(' ')} -j ${clusterPolicyChain}`);
      rule(nat, ext, `-m comment --comment "masquerade LOCAL traffic for ${S} external destinations" -m addrtype --src-type LOCAL -j ${KUBE_MARK_MASQ}`);
      rule(nat, ext, `-m comment --comment "route LOCAL traffic for ${S} external destinations" -m addrtype --src-type LOCAL -j ${clusterPolicyChain}`);
    }
    if (hasExternalEndpoints) rule(nat, ext, `-j ${externalPolicyChain}`);
    declare(ext, from);
  }
  // 9. Firewall chain for loadBalancerSourceRanges.
  if (usesFWChain) {
    const fw = names.firewallChain;
    const from = nat.rules.length;
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
    declare(fw, from);
  }
  // appendServiceCommentLocked: per-endpoint comments are dropped in large-cluster mode.
  const large = ctx.largeClusterMode;
  const text = new ServicePortText(large ? null : S, protocol, base);
  // The KUBE-SEP name of every reachable endpoint, hashed once. The cluster and local lists are
  // that list itself (the common case) or parts of it.
  const reachable = cat.allReachableEndpoints;
  const sepNames = new Array<string>(reachable.length);
  for (let i = 0; i < reachable.length; i++) sepNames[i] = servicePortEndpointChainName(S, svc.protocol, reachable[i]!.endpoint);
  let sepByEndpoint: Map<string, string> | undefined;
  const sepNamesOf = (endpoints: readonly EndpointInfo[]): readonly string[] => {
    if (endpoints === reachable) return sepNames;
    sepByEndpoint ??= new Map(reachable.map((ep, i) => [ep.endpoint, sepNames[i]!]));
    return endpoints.map((ep) => sepByEndpoint!.get(ep.endpoint) ?? servicePortEndpointChainName(S, svc.protocol, ep.endpoint));
  };
  // 10./11. Policy chains.
  const writeServiceToEndpointRules = (svcChain: string, endpoints: readonly EndpointInfo[]) => {
    const from = svcChain === masqChain ? masqAt : nat.rules.length;
    const seps = sepNamesOf(endpoints);
    if (svc.sessionAffinityClientIP) {
      endpoints.forEach((ep, i) => {
        const sep = seps[i]!;
        const cm = large ? '' : `-m comment --comment "${S} -> ${ep.endpoint}" `;
        rule(nat, svcChain, `${cm}-m recent --name ${sep} --rcheck --seconds ${svc.stickyMaxAgeSeconds} --reap -j ${sep}`, text.endpointProvenance(ep));
      });
    }
    const n = endpoints.length;
    for (let i = 0; i < n; i++) {
      nat.rules.push(new EndpointJumpRule(svcChain, text, endpoints[i]!, i < n - 1 ? probability(n - i) : null, seps[i]!));
    }
    declare(svcChain, from);
  };
  if (usesClusterPolicyChain) writeServiceToEndpointRules(clusterPolicyChain, clusterEndpoints);
  if (usesLocalPolicyChain) writeServiceToEndpointRules(localPolicyChain, localEndpoints);
  // 12. Per-endpoint chains: hairpin masquerade, then DNAT.
  for (let i = 0; i < reachable.length; i++) {
    const ep = reachable[i]!;
    const sep = sepNames[i]!;
    const from = nat.rules.length;
    nat.rules.push(new HairpinRule(sep, text, ep, KUBE_MARK_MASQ));
    nat.rules.push(new DNATRule(sep, text, svc.sessionAffinityClientIP, ep));
    declare(sep, from);
  }
}
