// The dummy interface kube-proxy binds service addresses to (proxier.go EnsureDummyDevice,
// netlink_linux.go EnsureAddressBind), and `ip addr show kube-ipvs0` as iproute2 prints it.
// Binding an address adds `local <VIP> dev kube-ipvs0 proto kernel scope host src <VIP>` to the
// local routing table, which is what makes IPVS see the packet at LOCAL_IN; the link stays DOWN.
import { sha256 } from '@noble/hashes/sha2.js';
import { KUBE_IPVS0 } from './ipvsNodeAddresses.ts';

/** A locally administered unicast MAC, stable per node (a real dummy link gets a random one). */
export function dummyMac(nodeName: string): string {
  const h = sha256(new TextEncoder().encode(`${KUBE_IPVS0}/${nodeName}`));
  const bytes = [((h[0] ?? 0) & 0xfc) | 0x02, ...Array.from(h.slice(1, 6))];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

export interface IpAddrShowOptions {
  readonly nodeName: string;
  /** Interface index (the `5:` prefix). */
  readonly ifindex?: number;
}

/** `ip addr show kube-ipvs0`. */
export function formatIpAddrShowKubeIpvs0(addresses: readonly string[], opts: IpAddrShowOptions): string {
  const lines = [
    `${opts.ifindex ?? 5}: ${KUBE_IPVS0}: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default `,
    `    link/ether ${dummyMac(opts.nodeName)} brd ff:ff:ff:ff:ff:ff`,
  ];
  for (const a of addresses) {
    if (a.includes(':')) lines.push(`    inet6 ${a}/128 scope global `);
    else lines.push(`    inet ${a}/32 scope global ${KUBE_IPVS0}`);
    lines.push('       valid_lft forever preferred_lft forever');
  }
  return lines.join('\n') + '\n';
}

/** The local-table routes the bound addresses create (`ip route show table local | grep kube-ipvs0`). */
export function kubeIpvs0LocalRoutes(addresses: readonly string[]): string[] {
  return addresses.map((a) => `local ${a} dev ${KUBE_IPVS0} proto kernel scope host src ${a}`);
}
