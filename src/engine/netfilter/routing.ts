// Routing decisions (fib_lookup): the `local` table first (any address of the node → deliver
// locally, via `lo` for locally generated packets), then the main table by longest prefix.
// For locally generated packets the route also picks the source address (inet_select_addr:
// the route's `src`, else the primary address of the output device).
import { cidrContains, parseIP } from '../shared/ip.ts';
import { prefixOf } from './match/addr.ts';
import type { DataplaneNode, NetInterface, Route } from './dataplane.ts';

export type RouteResult =
  | { readonly kind: 'local'; readonly dev: 'lo' }
  | { readonly kind: 'unicast'; readonly route: Route; readonly dev: string; readonly nextHop: string }
  | { readonly kind: 'unreachable' };

export function isLocalAddress(node: DataplaneNode, addr: string): boolean {
  if (node.localIPs.includes(addr)) return true;
  // `127.0.0.1/8 dev lo` puts all of 127.0.0.0/8 in the local table (fib_add_ifaddr).
  const ip = parseIP(addr);
  if (!ip) return false;
  const lo = node.interfaces.find((i) => i.name === 'lo');
  return !!lo && lo.addresses.some((a) => {
    const c = prefixOf(a);
    return !!c && cidrContains(c, ip);
  });
}

export function routeLookup(node: DataplaneNode, dst: string): RouteResult {
  if (isLocalAddress(node, dst)) return { kind: 'local', dev: 'lo' };
  const ip = parseIP(dst);
  if (!ip) return { kind: 'unreachable' };
  let best: Route | null = null;
  let bestLen = -1;
  for (const r of node.routes) {
    const c = r.dst === 'default' ? { family: ip.family, base: 0n, prefix: 0 } : prefixOf(r.dst);
    if (!c || c.family !== ip.family || !cidrContains(c, ip)) continue;
    if (c.prefix > bestLen) {
      best = r;
      bestLen = c.prefix;
    }
  }
  if (!best) return { kind: 'unreachable' };
  return { kind: 'unicast', route: best, dev: best.dev, nextHop: best.via ?? dst };
}

/** The primary address of the device in the packet's family (what MASQUERADE uses). */
export function primaryAddress(node: DataplaneNode, dev: string, family: 'IPv4' | 'IPv6'): string | null {
  const iface: NetInterface | undefined = node.interfaces.find((i) => i.name === dev);
  for (const a of iface?.addresses ?? []) {
    const addr = a.split('/')[0] as string;
    const ip = parseIP(addr);
    if (ip && ip.family === family) return addr;
  }
  return null;
}

/** Source address for a locally generated packet (route `src`, else the device's primary). */
export function sourceAddressFor(node: DataplaneNode, r: RouteResult, dst: string, family: 'IPv4' | 'IPv6'): string | null {
  if (r.kind === 'local') return dst;
  if (r.kind === 'unicast') return r.route.src ?? primaryAddress(node, r.dev, family);
  return null;
}

export function describeRoute(r: RouteResult, dst: string): string {
  if (r.kind === 'local') return `${dst} is local: deliver via lo (local table)`;
  if (r.kind === 'unreachable') return `no route to ${dst}`;
  const via = r.route.via ? ` via ${r.route.via}` : '';
  return `${dst} → route ${r.route.dst}${via} dev ${r.dev}`;
}
