// Which base a Pod's DNS config starts from (kubelet dns.go getPodDNSType).

export type PodDNSType = 'cluster' | 'host' | 'none';

export type DNSPolicy = 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';

/**
 * kubelet dns.go getPodDNSType: None → none; ClusterFirstWithHostNet → cluster; ClusterFirst →
 * cluster, but falls through to Default (host) for a hostNetwork Pod; Default → host. Anything
 * else is an error ("invalid DNSPolicy=…"), after which GetPodDNS falls back to cluster.
 */
export function getPodDNSType(dnsPolicy: string, hostNetwork: boolean): { type: PodDNSType; error?: string } {
  switch (dnsPolicy) {
    case 'None':
      return { type: 'none' };
    case 'ClusterFirstWithHostNet':
      return { type: 'cluster' };
    case 'ClusterFirst':
      return { type: hostNetwork ? 'host' : 'cluster' };
    case 'Default':
      return { type: 'host' };
    default:
      return { type: 'cluster', error: `invalid DNSPolicy=${dnsPolicy}` };
  }
}
