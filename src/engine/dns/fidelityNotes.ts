// Where the DNS model simplifies (DESIGN.md "Fidelity first": the UI shows these, never silently).

export const DNS_FIDELITY_NOTES: readonly string[] = [
  "The node's /etc/resolv.conf is not part of the cluster snapshot: the lab assumes `nameserver 192.168.49.1` (a Docker-network node) unless one is given.",
  'Names outside the cluster domain go to a stub of the Internet: names under common delegated TLDs exist with documentation-range addresses (192.0.2.0/24, 2001:db8::/32); others are NXDOMAIN.',
  "CoreDNS's cache, loadbalance (answer shuffling), loop and health plugins are not modelled; only the kubernetes plugin and forward are.",
  'Resolver timeouts, retries, attempts and rotate are not modelled: a server that does not answer ends the lookup at once (glibc TRY_AGAIN, musl EAI_AGAIN).',
  "A hostNetwork Pod's /etc/hosts is the node's file, which the lab does not have; only kubelet-managed hosts files are consulted.",
  'The SOA serial is a constant, not the API\'s last-modified time (CoreDNS tests do not compare it either).',
];
