// -m addrtype (net/netfilter/xt_addrtype.c): the routing type of the source/destination
// address. LOCAL is an address of this node (the `local` routing table), which is how
// kube-proxy's `--dst-type LOCAL -j KUBE-NODEPORTS` finds NodePort traffic.
import type { MatchOption } from '../ruleset.ts';
import { addrIn } from './addr.ts';
import type { MatchContext, OptionResult } from './context.ts';

function typeOf(addr: string, ctx: MatchContext, limitIface: string | null | undefined): string {
  if (limitIface !== undefined) {
    // --limit-iface-*: only the addresses of that interface count as LOCAL.
    const onIface = limitIface !== null && ctx.node.addressesOf(limitIface).some((a) => a.split('/')[0] === addr);
    if (onIface || (limitIface === 'lo' && ctx.node.isLocal(addr) && addrIn('127.0.0.0/8,::1/128', addr))) return 'LOCAL';
  } else if (ctx.node.isLocal(addr)) return 'LOCAL';
  if (addrIn('224.0.0.0/4,ff00::/8', addr)) return 'MULTICAST';
  if (addr === '255.255.255.255') return 'BROADCAST';
  if (addr === '0.0.0.0' || addr === '::') return 'UNSPEC';
  return 'UNICAST';
}

export function evaluateAddrtype(opts: readonly MatchOption[], ctx: MatchContext): OptionResult {
  const limitIn = opts.some((o) => o.name === '--limit-iface-in');
  const limitOut = opts.some((o) => o.name === '--limit-iface-out');
  const limit = limitIn ? ctx.inIface : limitOut ? ctx.outIface : undefined;
  for (const o of opts) {
    if (o.name !== '--src-type' && o.name !== '--dst-type') continue;
    const addr = o.name === '--src-type' ? ctx.pkt.src : ctx.pkt.dst;
    const t = typeOf(addr, ctx, limit);
    const wanted = (o.values[0] ?? '').toUpperCase().split(',');
    const known = ['UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST', 'BLACKHOLE', 'UNREACHABLE', 'PROHIBIT', 'THROW', 'NAT', 'XRESOLVE'];
    const bad = wanted.find((w) => !known.includes(w));
    if (bad) return { notModelled: `-m addrtype type ${bad}` };
    if (wanted.includes(t) === o.negated) return false;
  }
  return true;
}
