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

/** Writes every rule of `sp`; returns the nat chains it declared (activeNATChains). */
export function writeServicePortRules(ctx: SyncContext, sp: ProxyServicePort): string[] {
  const { config, filter, nat, detector } = ctx;
  const svc = sp.service;
  const S = svc.id;
  const protocol = svc.protocol.toLowerCase();
  const port = String(svc.port);
  const names = servicePortChainNames(S, svc.protocol);
  const base: RuleProvenance = { servicePort: S, ...(svc.serviceKey ? { service: svc.serviceKey } : {}) };
  const own = new Set<string>();
  const rule = (t: IptablesTable, chain: string, args: string[], prov: RuleProvenance = base) => t.lines.push({ kind: 'rule', rule: { chain, args, provenance: prov } });
  const declare = (chain: string) => {
    nat.chains.push({ name: chain, servicePort: S });
    own.add(chain);
  };
  const comment = (text: string) => ['-m', 'comment', '--comment', text];
  // appendServiceCommentLocked: per-endpoint comments are dropped in large-cluster mode.
  const epComment = (text: string) => (ctx.largeClusterMode ? [] : comment(text));
  const sepNames = new Map<string, string>();
  const sepChain = (ep: EndpointInfo) => {
    let n = sepNames.get(ep.endpoint);
    if (n === undefined) sepNames.set(ep.endpoint, (n = servicePortEndpointChainName(S, svc.protocol, ep.endpoint)));
    return n;
  };
  const epProvs = new Map<string, RuleProvenance>();
  const epProv = (ep: EndpointInfo): RuleProvenance => {
    let p = epProvs.get(ep.endpoint);
    if (!p) epProvs.set(ep.endpoint, (p = { ...base, endpoint: ep.endpoint, ...(ep.sliceKey ? { endpointSlice: ep.sliceKey } : {}) }));
    return p;
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

  let internalFilterTarget = '';
  let internalFilterComment = '';
  let externalFilterTarget = '';
  let externalFilterComment = '';
  if (!hasEndpoints) {
    internalFilterTarget = externalFilterTarget = 'REJECT';
    internalFilterComment = externalFilterComment = `"${S} has no endpoints"`;
  } else {
    if (!hasInternalEndpoints) {
      internalFilterTarget = 'DROP';
      internalFilterComment = `"${S} has no local endpoints"`;
    }
    if (!hasExternalEndpoints) {
      externalFilterTarget = 'DROP';
      externalFilterComment = `"${S} has no local endpoints"`;
    }
  }
  const proto = ['-m', protocol, '-p', protocol];

  // 1. Capture the clusterIP.
  if (hasInternalEndpoints) {
    rule(nat, KUBE_SERVICES, [...comment(`"${S} cluster IP"`), ...proto, '-d', svc.clusterIP, '--dport', port, '-j', internalTrafficChain]);
  } else {
    rule(filter, KUBE_SERVICES, [...comment(internalFilterComment), ...proto, '-d', svc.clusterIP, '--dport', port, '-j', internalFilterTarget]);
  }
  // 2. Capture externalIPs.
  for (const ip of svc.externalIPs) {
    if (hasEndpoints) rule(nat, KUBE_SERVICES, [...comment(`"${S} external IP"`), ...proto, '-d', ip, '--dport', port, '-j', externalTrafficChain]);
    if (!hasExternalEndpoints) rule(filter, KUBE_EXTERNAL_SERVICES, [...comment(externalFilterComment), ...proto, '-d', ip, '--dport', port, '-j', externalFilterTarget]);
  }
  // 3. Capture load-balancer ingress.
  for (const lbip of svc.loadBalancerVIPs) {
    if (hasEndpoints) rule(nat, KUBE_SERVICES, [...comment(`"${S} loadbalancer IP"`), ...proto, '-d', lbip, '--dport', port, '-j', loadBalancerTrafficChain]);
    if (usesFWChain) rule(filter, KUBE_PROXY_FIREWALL, [...comment(`"${S} traffic not accepted by ${names.firewallChain}"`), ...proto, '-d', lbip, '--dport', port, '-j', 'DROP']);
  }
  if (!hasExternalEndpoints) {
    // No endpoints at all (REJECT), or none for external traffic (DROP what EXT did not short-circuit).
    for (const lbip of svc.loadBalancerVIPs) rule(filter, KUBE_EXTERNAL_SERVICES, [...comment(externalFilterComment), ...proto, '-d', lbip, '--dport', port, '-j', externalFilterTarget]);
  }
  // 4. Capture nodeports (not subject to loadBalancerSourceRanges).
  if (svc.nodePort !== 0) {
    const np = String(svc.nodePort);
    if (hasEndpoints) {
      if (ctx.localhostNodePorts && config.ipFamily === 'IPv4' && config.nfacctCounters[LOCALHOST_NPS_NFACCT]) {
        rule(nat, KUBE_NODEPORTS, [...comment(S), ...proto, '-d', '127.0.0.0/8', '--dport', np, '-m', 'nfacct', '--nfacct-name', LOCALHOST_NPS_NFACCT, '-j', externalTrafficChain]);
      }
      rule(nat, KUBE_NODEPORTS, [...comment(S), ...proto, '--dport', np, '-j', externalTrafficChain]);
    }
    if (!hasExternalEndpoints) {
      rule(filter, KUBE_EXTERNAL_SERVICES, [...comment(externalFilterComment), '-m', 'addrtype', '--dst-type', 'LOCAL', ...proto, '--dport', np, '-j', externalFilterTarget]);
    }
  }
  // 5. Capture healthCheckNodePorts: always TCP, with or without endpoints.
  if (svc.healthCheckNodePort !== 0) {
    rule(filter, KUBE_NODEPORTS, [...comment(`"${S} health check node port"`), '-m', 'tcp', '-p', 'tcp', '--dport', String(svc.healthCheckNodePort), '-j', 'ACCEPT']);
  }
  // 6. (partial syncs skip everything below for unchanged services: see renderRestore)

  // 7. Internal traffic handling: masquerade off-cluster traffic to the ClusterIP.
  if (hasInternalEndpoints) {
    const args = [...comment(`"${S} cluster IP"`), ...proto, '-d', svc.clusterIP, '--dport', port];
    if (config.masqueradeAll) rule(nat, internalTrafficChain, [...args, '-j', KUBE_MARK_MASQ]);
    else if (detector.implemented) rule(nat, internalTrafficChain, [...args, ...detector.ifNotLocal, '-j', KUBE_MARK_MASQ]);
  }
  // 8. External traffic chain.
  if (usesExternalTrafficChain) {
    declare(names.externalChain);
    const ext = names.externalChain;
    if (!svc.externalPolicyLocal) {
      rule(nat, ext, [...comment(`"masquerade traffic for ${S} external destinations"`), '-j', KUBE_MARK_MASQ]);
    } else {
      if (detector.implemented) rule(nat, ext, [...comment(`"pod traffic for ${S} external destinations"`), ...detector.ifLocal, '-j', clusterPolicyChain]);
      rule(nat, ext, [...comment(`"masquerade LOCAL traffic for ${S} external destinations"`), '-m', 'addrtype', '--src-type', 'LOCAL', '-j', KUBE_MARK_MASQ]);
      rule(nat, ext, [...comment(`"route LOCAL traffic for ${S} external destinations"`), '-m', 'addrtype', '--src-type', 'LOCAL', '-j', clusterPolicyChain]);
    }
    if (hasExternalEndpoints) rule(nat, ext, ['-j', externalPolicyChain]);
  }
  // 9. Firewall chain for loadBalancerSourceRanges.
  if (usesFWChain) {
    const fw = names.firewallChain;
    declare(fw);
    const args = comment(`"${S} loadbalancer IP"`);
    let allowFromNode = false;
    const nodeIP = config.nodeIPs[0] !== undefined ? parseIPSloppy(config.nodeIPs[0]) : null;
    for (const cidr of svc.loadBalancerSourceRanges) {
      rule(nat, fw, [...args, '-s', cidr, '-j', externalTrafficChain]);
      const c = parseCIDRSloppy(cidr);
      if (c && nodeIP && sloppyCIDRContains(c, nodeIP.ip)) allowFromNode = true;
    }
    // A node talking to its own VIP usually gets the VIP as source address.
    if (allowFromNode) for (const lbip of svc.loadBalancerVIPs) rule(nat, fw, [...args, '-s', lbip, '-j', externalTrafficChain]);
    rule(nat, fw, comment(`"other traffic to ${S} will be dropped by KUBE-PROXY-FIREWALL"`));
  }
  // 10./11. Policy chains.
  const writeServiceToEndpointRules = (svcChain: string, endpoints: readonly EndpointInfo[]) => {
    if (svc.sessionAffinityClientIP) {
      for (const ep of endpoints) {
        const sep = sepChain(ep);
        rule(nat, svcChain, [...epComment(`"${S} -> ${ep.endpoint}"`), '-m', 'recent', '--name', sep, '--rcheck', '--seconds', String(svc.stickyMaxAgeSeconds), '--reap', '-j', sep], epProv(ep));
      }
    }
    // The per-endpoint rules are most of the ruleset: build their args without spreads.
    const n = endpoints.length;
    for (let i = 0; i < n; i++) {
      const ep = endpoints[i]!;
      const args: string[] = ctx.largeClusterMode ? [] : ['-m', 'comment', '--comment', `"${S} -> ${ep.endpoint}"`];
      if (i < n - 1) args.push('-m', 'statistic', '--mode', 'random', '--probability', probability(n - i));
      args.push('-j', sepChain(ep));
      rule(nat, svcChain, args, epProv(ep));
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
    const hairpin: string[] = ctx.largeClusterMode ? [] : ['-m', 'comment', '--comment', S];
    const dnat: string[] = ctx.largeClusterMode ? [] : ['-m', 'comment', '--comment', S];
    hairpin.push('-s', ep.ip, '-j', KUBE_MARK_MASQ);
    if (svc.sessionAffinityClientIP) dnat.push('-m', 'recent', '--name', sep, '--set');
    dnat.push('-m', protocol, '-p', protocol, '-j', 'DNAT', '--to-destination', ep.endpoint);
    rule(nat, sep, hairpin, epProv(ep));
    rule(nat, sep, dnat, epProv(ep));
  }
  return [...own];
}
