// One ipvs-mode sync on one node: the proxy model → virtual servers, ipsets, kube-ipvs0 addresses
// and the iptables rules. Mirrors pkg/proxy/ipvs/proxier.go syncProxyRules (the per-service-port
// loop), syncService, syncEndpoint and cleanLegacyService; graceful_termination.go for real
// servers that leave while they still carry connections.
import { cidrContains, parseCIDR, parseIP } from '../../shared/ip.ts';
import { categorizeEndpoints } from '../categorizeEndpoints.ts';
import type { EndpointInfo, ProxyModel, ProxyServicePort } from '../types.ts';
import { entryString, entryValid, IPSET_INFO, type IPSetBaseName, type IPSetEntry } from './ipset.ts';
import { ipvsRestoreText, writeIpvsIptablesRules, type IpvsIptablesRules, type LbNoNodeAccessEntry } from './ipvsIptablesRules.ts';
import { nodeAddressSet, ipvsNodePortIPs } from './ipvsNodeAddresses.ts';
import { ipvsBehaviourFor, type IpvsVersionBehaviour } from './ipvsVersionBehaviour.ts';
import { realServerKey, virtualServerKey, type RealServer, type VirtualServer, type VirtualServerFlag } from './virtualServer.ts';

/** kube-proxy's --ipvs-scheduler default (an empty flag means rr). */
export const DEFAULT_IPVS_SCHEDULER = 'rr';

export interface IpvsSyncOptions {
  /** --ipvs-scheduler; default rr. */
  readonly scheduler?: string;
  /** Kubernetes version of kube-proxy (gates KUBE-IPVS-FILTER); default DEFAULT_KUBERNETES_VERSION. */
  readonly kubernetesVersion?: string;
  /** The state the previous sync left on the node (graceful termination, bound addresses). */
  readonly previous?: IpvsProxierState;
  /** proxier.nodeIP, for loadBalancerSourceRanges "allow from node"; default the first node IP of the family. */
  readonly nodeIP?: string;
  /** --ipvs-exclude-cidrs: virtual servers there are never deleted by cleanLegacyService. */
  readonly excludeCIDRs?: readonly string[];
}

export interface IpvsProxierState {
  /** Every virtual server on the node after the sync, in the order they were created. */
  readonly virtualServers: readonly VirtualServer[];
  /** Every ipset kube-proxy owns (base names), members in Entry.String() form, insertion order. */
  readonly ipsets: ReadonlyMap<IPSetBaseName, readonly string[]>;
  /** Addresses on kube-ipvs0, in the order they were bound. */
  readonly kubeIpvs0Addresses: readonly string[];
  readonly iptables: IpvsIptablesRules;
  /** The iptables-restore input of this sync (`*nat … COMMIT *filter … COMMIT`). */
  readonly restoreText: string;
  /** `vs/rs` names waiting at weight 0 for their connections to end (GracefulTerminationManager). */
  readonly gracefulTermination: readonly string[];
  readonly behaviour: IpvsVersionBehaviour;
  readonly scheduler: string;
}

const protoLower = (p: string) => p.toLowerCase();

/** utilipvs.IsRsGracefulTerminationNeeded: UDP and SCTP real servers are deleted at once. */
function gracefulTerminationNeeded(protocol: string): boolean {
  return protocol !== 'UDP' && protocol !== 'SCTP';
}

export function syncIpvsProxyRules(model: ProxyModel, opts: IpvsSyncOptions = {}): IpvsProxierState {
  const config = model.config;
  const family = config.ipFamily;
  const scheduler = opts.scheduler || DEFAULT_IPVS_SCHEDULER;
  const behaviour = ipvsBehaviourFor(opts.kubernetesVersion);
  const previous = opts.previous;
  const prevVS = new Map((previous?.virtualServers ?? []).map((v) => [virtualServerKey(v), v]));
  const graceful = new Set(previous?.gracefulTermination ?? []);

  const sets = new Map<IPSetBaseName, Set<string>>(IPSET_INFO.map((i) => [i.name, new Set<string>()]));
  const setTypes = new Map(IPSET_INFO.map((i) => [i.name, i.type]));
  const insert = (name: IPSetBaseName, e: Omit<IPSetEntry, 'setType'>): boolean => {
    const entry = e as IPSetEntry & { setType: IPSetEntry['setType'] };
    (entry as { setType: string }).setType = setTypes.get(name)!;
    if (!entryValid(entry)) return false; // validateEntry: kube-proxy logs and skips
    sets.get(name)!.add(entryString(entry));
    return true;
  };

  const nodeAddrs = new Set(nodeAddressSet(config));
  const hasNodePort = model.servicePorts.some((sp) => sp.service.nodePort !== 0);
  const nodeIPs = hasNodePort ? ipvsNodePortIPs(config) : [];
  const proxierNodeIP = opts.nodeIP ?? config.nodeIPs.find((ip) => parseIP(ip)?.family === family);
  const parsedNodeIP = proxierNodeIP ? parseIP(proxierNodeIP) : null;

  const virtualServers: VirtualServer[] = [];
  const activeVS = new Set<string>();
  const activeBindAddrs = new Set<string>();
  const lbNoNodeAccess: LbNoNodeAccessEntry[] = [];
  const nextGraceful: string[] = [];

  const newVS = (sp: ProxyServicePort, address: string, port: number): Omit<VirtualServer, 'realServers'> => {
    const flags: VirtualServerFlag[] = [];
    let timeout = 0;
    if (sp.service.sessionAffinityClientIP) {
      flags.push('persistent');
      timeout = sp.service.stickyMaxAgeSeconds;
    }
    // The "mh" scheduler hashes on source address and port (IP_VS_SVC_F_SCHED_MH_PORT).
    if (scheduler === 'mh') flags.push('source-hash');
    return { address, port, protocol: sp.service.protocol, scheduler, flags, timeout };
  };

  // syncService + syncEndpoint: the real servers this VS should have, merged with what it had.
  const addVS = (sp: ProxyServicePort, base: Omit<VirtualServer, 'realServers'>, onlyNodeLocal: boolean, bind: boolean) => {
    const key = virtualServerKey(base);
    if (activeVS.has(key)) {
      // A second service port claiming the same VS: syncService updates it in place and
      // syncEndpoint rewrites its destinations (last writer wins).
      const i = virtualServers.findIndex((v) => virtualServerKey(v) === key);
      virtualServers.splice(i, 1);
    }
    activeVS.add(key);
    if (bind) activeBindAddrs.add(base.address);
    virtualServers.push({ ...base, realServers: realServersFor(sp, base, onlyNodeLocal, prevVS.get(key)) });
  };

  // The desired real servers depend only on the service port and the policy, so they are
  // worked out once per service port and shared by its VSs (one per node IP, LB IP, …).
  const topology = { nodeName: config.nodeName, ...(config.nodeZone !== undefined ? { zone: config.nodeZone } : {}) };
  let cachedFor: ProxyServicePort | null = null;
  const cached: { cluster?: RealServer[]; local?: RealServer[] } = {};
  const desired = (sp: ProxyServicePort, onlyNodeLocal: boolean): RealServer[] => {
    if (cachedFor !== sp) {
      cachedFor = sp;
      delete cached.cluster;
      delete cached.local;
    }
    const slot = onlyNodeLocal ? 'local' : 'cluster';
    const hit = cached[slot];
    if (hit) return hit;
    const cat = categorizeEndpoints(sp.endpoints, sp.service, topology);
    let eps: readonly EndpointInfo[];
    if (onlyNodeLocal && (cat.localEndpoints?.length ?? 0) > 0) eps = cat.localEndpoints!;
    // PR #97081: with no local endpoints, let local pods still reach the service through the
    // cluster-wide endpoints (ipvs mode only; external clients get asymmetric replies).
    else eps = cat.clusterEndpoints ?? [];
    const seen = new Set<string>();
    const out: RealServer[] = [];
    for (const ep of eps) {
      if (seen.has(ep.endpoint)) continue;
      seen.add(ep.endpoint);
      out.push({ address: ep.ip, port: ep.port, weight: 1 });
    }
    return (cached[slot] = out);
  };

  const realServersFor = (sp: ProxyServicePort, vs: Omit<VirtualServer, 'realServers'>, onlyNodeLocal: boolean, prev: VirtualServer | undefined): readonly RealServer[] => {
    const want = desired(sp, onlyNodeLocal);
    if (!prev) return want;
    const vsKey = virtualServerKey(vs);
    const wanted = new Map(want.map((rs) => [realServerKey(rs), rs]));
    const out: RealServer[] = [];
    const prevByKey = new Map(prev.realServers.map((r) => [realServerKey(r), r]));
    for (const [k, rs] of wanted) {
      const old = prevByKey.get(k);
      // Kept destinations keep their counters; one on the graceful-delete list is deleted and
      // added again at weight 1 (MoveRSOutofGracefulDeleteList); a restart resets weights to 1.
      out.push(old && !graceful.has(`${vsKey}/${k}`) ? { ...old, weight: 1 } : rs);
    }
    for (const [k, old] of prevByKey) {
      if (wanted.has(k)) continue;
      const conns = (old.activeConn ?? 0) + (old.inactConn ?? 0);
      if (gracefulTerminationNeeded(vs.protocol) && conns > 0) {
        // GracefulDeleteRS: weight 0, no new connections; deleted once ActiveConn+InActConn is 0.
        out.push({ ...old, weight: 0 });
        nextGraceful.push(`${vsKey}/${k}`);
      }
    }
    return out;
  };

  for (const sp of model.servicePorts) {
    const svc = sp.service;
    const protocol = protoLower(svc.protocol);

    // Hairpin: every local endpoint, ready or not (KUBE-LOOP-BACK, matched dst,dst,src).
    for (const ep of sp.endpoints) {
      if (!ep.isLocal || ep.ip === '' || ep.port === 0) continue;
      insert('KUBE-LOOP-BACK', { ip: ep.ip, port: ep.port, protocol, ip2: ep.ip });
    }

    if (!insert('KUBE-CLUSTER-IP', { ip: svc.clusterIP, port: svc.port, protocol })) continue;
    // ExternalTrafficPolicy does not affect ClusterIP traffic; InternalTrafficPolicy does.
    addVS(sp, newVS(sp, svc.clusterIP, svc.port), svc.internalPolicyLocal, true);

    for (const extIP of svc.externalIPs) {
      const ok = svc.externalPolicyLocal
        ? insert('KUBE-EXTERNAL-IP-LOCAL', { ip: extIP, port: svc.port, protocol })
        : insert('KUBE-EXTERNAL-IP', { ip: extIP, port: svc.port, protocol }); // external IPs need SNAT
      if (!ok) continue;
      // Never bind an address that already lives on another interface.
      addVS(sp, newVS(sp, extIP, svc.port), svc.externalPolicyLocal, !nodeAddrs.has(extIP));
    }

    for (const ingress of svc.loadBalancerVIPs) {
      if (!insert('KUBE-LOAD-BALANCER', { ip: ingress, port: svc.port, protocol })) continue;
      if (svc.externalPolicyLocal && !insert('KUBE-LOAD-BALANCER-LOCAL', { ip: ingress, port: svc.port, protocol })) continue;
      if (svc.loadBalancerSourceRanges.length !== 0) {
        if (!insert('KUBE-LOAD-BALANCER-FW', { ip: ingress, port: svc.port, protocol })) continue;
        let allowFromNode = false;
        for (const cidr of svc.loadBalancerSourceRanges) {
          if (!insert('KUBE-LOAD-BALANCER-SOURCE-CIDR', { ip: ingress, port: svc.port, protocol, net: cidr })) continue;
          const c = parseCIDR(cidr);
          if (c && parsedNodeIP && cidrContains(c, parsedNodeIP)) allowFromNode = true;
        }
        if (allowFromNode) {
          // The LB VIP routed back to the node itself: allow it as a source.
          if (!insert('KUBE-LOAD-BALANCER-SOURCE-IP', { ip: ingress, port: svc.port, protocol, ip2: ingress })) continue;
        } else {
          // The node is not in the allowed ranges: drop node → LB IP explicitly.
          lbNoNodeAccess.push({ ip: ingress, port: svc.port, protocol });
        }
      }
      addVS(sp, newVS(sp, ingress, svc.port), svc.externalPolicyLocal, !nodeAddrs.has(ingress));
    }

    if (svc.nodePort !== 0) {
      // No usable node IP: kube-proxy skips the rest of this service port (health check included).
      if (nodeIPs.length === 0) continue;
      const entries: Omit<IPSetEntry, 'setType'>[] = svc.protocol === 'SCTP'
        // SCTP cannot use bitmap:port: hash:ip,port with every node IP.
        ? nodeIPs.map((ip) => ({ ip, port: svc.nodePort, protocol }))
        : [{ port: svc.nodePort, protocol }];
      const setName: IPSetBaseName = svc.protocol === 'TCP' ? 'KUBE-NODE-PORT-TCP' : svc.protocol === 'UDP' ? 'KUBE-NODE-PORT-UDP' : 'KUBE-NODE-PORT-SCTP-HASH';
      if (!entries.every((e) => insert(setName, e))) continue;
      if (svc.externalPolicyLocal) {
        const localName: IPSetBaseName = svc.protocol === 'TCP' ? 'KUBE-NODE-PORT-LOCAL-TCP' : svc.protocol === 'UDP' ? 'KUBE-NODE-PORT-LOCAL-UDP' : 'KUBE-NODE-PORT-LOCAL-SCTP-HASH';
        if (!entries.every((e) => insert(localName, e))) continue;
      }
      // One VS per node IP; node IPs are already local, so nothing is bound.
      for (const nodeIP of nodeIPs) addVS(sp, newVS(sp, nodeIP, svc.nodePort), svc.externalPolicyLocal, false);
    }

    if (svc.healthCheckNodePort !== 0) insert('KUBE-HEALTH-CHECK-NODE-PORT', { port: svc.healthCheckNodePort, protocol: 'tcp' });
  }

  // KUBE-IPVS-IPS := the addresses that should be on kube-ipvs0.
  for (const a of activeBindAddrs) sets.get('KUBE-IPVS-IPS')!.add(a);
  const ipsets = new Map<IPSetBaseName, readonly string[]>([...sets].map(([k, v]) => [k, [...v]]));

  // cleanLegacyService: VSs no longer wanted go, with their real servers — except those inside
  // --ipvs-exclude-cidrs and those of the other IP family.
  const exclude = (opts.excludeCIDRs ?? []).map((c) => parseCIDR(c)).filter((c) => c !== null);
  for (const [k, v] of prevVS) {
    if (activeVS.has(k)) continue;
    const ip = parseIP(v.address);
    if (!ip) continue;
    if (ip.family !== family || exclude.some((c) => cidrContains(c!, ip))) virtualServers.push(v);
  }

  // kube-ipvs0: keep what is still wanted in place, bind the new ones after it.
  const bound = (previous?.kubeIpvs0Addresses ?? []).filter((a) => activeBindAddrs.has(a));
  const alreadyBound = new Set(bound);
  for (const a of activeBindAddrs) if (!alreadyBound.has(a)) bound.push(a);

  const iptables = writeIpvsIptablesRules({ config, ipsets, lbNoNodeAccess, ipvsFilter: behaviour.ipvsFilterChain });
  return {
    virtualServers,
    ipsets,
    kubeIpvs0Addresses: bound,
    iptables,
    restoreText: ipvsRestoreText(iptables, { ipvsFilter: behaviour.ipvsFilterChain }),
    gracefulTermination: nextGraceful,
    behaviour,
    scheduler,
  };
}
