// Behaviour of ipvs-mode kube-proxy that changed between Kubernetes versions, as data the
// renderer and the packet walker read (research/kube-proxy-ipvs.md §2).

export interface IpvsVersionBehaviour {
  /** The Kubernetes minor version this describes, e.g. `1.33`. */
  readonly version: string;
  /**
   * filter KUBE-IPVS-FILTER exists (PR #108460, v1.27): NEW packets to an address on kube-ipvs0
   * that match no service ip:port are REJECTed (icmp-port-unreachable), so host sockets bound to
   * 0.0.0.0 are no longer reachable through a VIP (kubernetes/kubernetes#72236).
   */
  readonly ipvsFilterChain: boolean;
  /**
   * `ping <ClusterIP>` gets an echo reply from the node itself: the VIP is a local address
   * (kube-ipvs0), IPVS ignores ICMP echo and the kernel answers. From v1.27 KUBE-IPVS-FILTER
   * rejects it instead ("Destination Port Unreachable", kubernetes/website#41002).
   */
  readonly clusterIPAnswersPing: boolean;
  /** A TCP connect to a VIP port with no Service reaches a host socket on 0.0.0.0:port (before v1.27). */
  readonly vipReachesHostSockets: boolean;
  /** kube-proxy logs a deprecation warning for ipvs mode at startup (v1.35, KEP-5495). */
  readonly ipvsModeDeprecated: boolean;
}

/** The lab's default Kubernetes version (the v1.33–35 era the lab mirrors). */
export const DEFAULT_KUBERNETES_VERSION = '1.33';

/** Parses `1.26`, `v1.27.3`, `1.30.0-rc.1` into [major, minor]; null when it is not a version. */
export function parseKubernetesVersion(text: string): readonly [number, number] | null {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
}

function atLeast(v: readonly [number, number], major: number, minor: number): boolean {
  return v[0] > major || (v[0] === major && v[1] >= minor);
}

export function ipvsBehaviourFor(version: string = DEFAULT_KUBERNETES_VERSION): IpvsVersionBehaviour {
  const v = parseKubernetesVersion(version);
  if (!v) throw new Error(`not a Kubernetes version: ${JSON.stringify(version)} (expected e.g. 1.33)`);
  const filter = atLeast(v, 1, 27);
  return {
    version: `${v[0]}.${v[1]}`,
    ipvsFilterChain: filter,
    clusterIPAnswersPing: !filter,
    vipReachesHostSockets: !filter,
    ipvsModeDeprecated: atLeast(v, 1, 35),
  };
}
