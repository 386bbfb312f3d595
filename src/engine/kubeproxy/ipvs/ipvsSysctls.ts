// The sysctls kube-proxy sets when it starts in ipvs mode (pkg/proxy/ipvs/proxier.go NewProxier),
// as data the lab shows on a node and the walker can read.

export interface IpvsSysctl {
  readonly key: string;
  readonly value: number;
  /** Why kube-proxy sets it. */
  readonly why: string;
}

export interface IpvsSysctlOptions {
  /** --ipvs-strict-arp (KubeProxyConfiguration ipvs.strictARP). */
  readonly strictARP?: boolean;
  /** The node's kernel version, e.g. `5.15.0`; conn_reuse_mode is set only on [4.1, 5.9). */
  readonly kernelVersion?: string;
}

function kernelBetween(v: string | undefined, lo: [number, number], hi: [number, number]): boolean {
  const m = v ? /^(\d+)\.(\d+)/.exec(v) : null;
  if (!m) return false;
  const x: [number, number] = [Number(m[1]), Number(m[2])];
  const ge = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]);
  return ge(x, lo) && !ge(x, hi);
}

export function ipvsSysctls(opts: IpvsSysctlOptions = {}): IpvsSysctl[] {
  const out: IpvsSysctl[] = [
    { key: 'net/ipv4/vs/conntrack', value: 1, why: 'keep nf_conntrack entries for IPVS conns, which MASQUERADE in POSTROUTING needs' },
  ];
  if (kernelBetween(opts.kernelVersion, [4, 1], [5, 9])) {
    out.push({ key: 'net/ipv4/vs/conn_reuse_mode', value: 0, why: 'avoid the 1 s delay when a client reuses a port (kernels 4.1–5.8 only)' });
  }
  out.push(
    { key: 'net/ipv4/vs/expire_nodest_conn', value: 1, why: 'drop conns whose real server was deleted, on their next packet' },
    { key: 'net/ipv4/vs/expire_quiescent_template', value: 1, why: 'drop persistence templates whose real server went to weight 0' },
    { key: 'net/ipv4/ip_forward', value: 1, why: 'route replies and forwarded service traffic' },
  );
  if (opts.strictARP) {
    out.push(
      { key: 'net/ipv4/conf/all/arp_ignore', value: 1, why: 'do not answer ARP for VIPs on kube-ipvs0 from other interfaces (MetalLB L2 needs this)' },
      { key: 'net/ipv4/conf/all/arp_announce', value: 2, why: 'use the best local address as ARP source, never a VIP' },
    );
  }
  return out;
}
