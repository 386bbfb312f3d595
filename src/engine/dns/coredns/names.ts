// Domain-name helpers with miekg/dns and CoreDNS dnsutil semantics: names are compared
// case-insensitively, kept as written for owner names.
import { canonicalIP, parseIP } from '../../shared/ip.ts';

/** dns.Fqdn. */
export function fqdn(name: string): string {
  return name.endsWith('.') ? name : name + '.';
}

/** dns.IsSubDomain(parent, child), case-insensitive; both fully qualified. */
export function isSubDomain(parent: string, child: string): boolean {
  const p = parent.toLowerCase();
  const c = child.toLowerCase();
  return p === '.' || c === p || c.endsWith('.' + p);
}

/** dns.SplitDomainName: the labels of a name ('.' and '' have none). */
export function splitDomainName(name: string): string[] {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  return n === '' ? [] : n.split('.');
}

/** dnsutil.TrimZone: the part of `name` left of `zone`, without the joining dot. */
export function trimZone(name: string, zone: string): string {
  const base = name.slice(0, name.length - zone.length);
  return base.endsWith('.') ? base.slice(0, -1) : base;
}

/** plugin.Zones.Matches: the longest configured zone that contains `qname` ('' if none). */
export function matchZone(zones: readonly string[], qname: string): string {
  let best = '';
  for (const z of zones) if (isSubDomain(z, qname) && z.length > best.length) best = z;
  return best;
}

/** dnsutil.IsReverse: 1 for in-addr.arpa., 2 for ip6.arpa., else 0. */
export function isReverse(name: string): number {
  const n = name.toLowerCase();
  if (n.endsWith('in-addr.arpa.')) return 1;
  if (n.endsWith('ip6.arpa.')) return 2;
  return 0;
}

/** dnsutil.ExtractAddressFromReverse: the address a PTR name stands for, or ''. */
export function extractAddressFromReverse(name: string): string {
  const n = name.toLowerCase();
  if (n.endsWith('.in-addr.arpa.')) {
    const text = n.slice(0, -'.in-addr.arpa.'.length).split('.').reverse().join('.');
    return parseIP(text)?.family === 'IPv4' ? (canonicalIP(text) ?? '') : '';
  }
  if (n.endsWith('.ip6.arpa.')) {
    const nibbles = n.slice(0, -'.ip6.arpa.'.length).split('.').reverse();
    const groups: string[] = [];
    for (let i = 0; i + 4 <= nibbles.length; i += 4) groups.push(nibbles.slice(i, i + 4).join(''));
    return (groups.length === 8 && canonicalIP(groups.join(':'))) || '';
  }
  return '';
}

/** The in-addr.arpa / ip6.arpa name of an address (for the CLI's `--type PTR <ip>`). */
export function reverseName(ip: string): string | null {
  const p = parseIP(ip);
  if (!p) return null;
  if (p.family === 'IPv4') return `${ip.trim().split('.').reverse().join('.')}.in-addr.arpa.`;
  return `${p.value.toString(16).padStart(32, '0').split('').reverse().join('.')}.ip6.arpa.`;
}

/** dns.IsDomainName-like check the lab applies to names users type: labels 1–63, total ≤ 253. */
export function domainNameError(name: string): string | null {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (n === '') return name === '.' ? null : 'empty name';
  if (n.length > 253) return `name is ${n.length} characters long (at most 253)`;
  for (const l of n.split('.')) {
    if (l === '') return `empty label in "${name}"`;
    if (l.length > 63) return `label "${l.slice(0, 20)}…" is ${l.length} characters long (at most 63)`;
  }
  return null;
}
