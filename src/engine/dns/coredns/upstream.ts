// The resolver CoreDNS forwards to (`forward . /etc/resolv.conf`), modelled as a small stub:
// the lab has no Internet, so names outside the cluster come from this table.
import { sha256 } from '@noble/hashes/sha2.js';
import { formatIPv4, formatIPv6 } from '../../shared/ip.ts';
import { message, type DnsMessage, type RR, type RRType } from './dnsMessage.ts';
import type { UpstreamLookup } from './kubernetes.ts';
import { fqdn, splitDomainName } from './names.ts';

export interface UpstreamRecord {
  readonly name: string;
  readonly type: RRType;
  readonly data: string;
  readonly ttl?: number;
}

export interface UpstreamModel {
  readonly records: readonly UpstreamRecord[];
  /** Names the stub answers NXDOMAIN for even when `inventUnknown` would invent them. */
  readonly nonexistent?: readonly string[];
  /** Set the TC bit on every answer (as CoreDNS's test stub does). */
  readonly truncated?: boolean;
  readonly ttl?: number;
  /**
   * Names it has no record for: 'nxdomain', or 'tld' — under a delegated TLD the name "exists"
   * with addresses invented in the documentation ranges (192.0.2.0/24, 2001:db8::/32), any other
   * name is NXDOMAIN as the root servers answer. A lab simplification (no Internet).
   */
  readonly unknownNames?: 'nxdomain' | 'tld';
}

/** Common delegated TLDs (IANA root zone); enough for the names people try in a lab. */
const TLDS = new Set(
  ('com net org io dev app edu gov mil int info biz co me ai cloud xyz online site tech ' +
    'us uk de fr nl eu jp cn in ru br au ca ch se no fi dk it es pl cz at be ie nz kr tw hk sg').split(' '),
);

export function inventAddress(name: string, type: 'A' | 'AAAA'): string {
  const h = sha256(new TextEncoder().encode(name.toLowerCase()));
  if (type === 'A') return formatIPv4((0xc0000200n) | BigInt(1 + ((h[0] ?? 0) % 254)));
  const low = BigInt((h[0] ?? 0) * 256 + (h[1] ?? 0) + 1);
  return formatIPv6((0x20010db8n << 96n) | low);
}

/** A lookup function over the stub: exact records, CNAMEs chased inside the stub. */
export function upstreamLookup(model: UpstreamModel): UpstreamLookup {
  const ttl = model.ttl ?? 30;
  const byName = new Map<string, UpstreamRecord[]>();
  for (const r of model.records) {
    const k = fqdn(r.name).toLowerCase();
    byName.set(k, [...(byName.get(k) ?? []), r]);
  }
  const nonexistent = new Set((model.nonexistent ?? []).map((n) => fqdn(n).toLowerCase()));
  const rr = (r: UpstreamRecord, owner: string): RR => ({ name: owner, ttl: r.ttl ?? ttl, type: r.type, data: r.data });
  const lookup = (name: string, qtype: string, depth: number): DnsMessage => {
    const key = fqdn(name).toLowerCase();
    const owner = fqdn(name);
    const recs = byName.get(key);
    if (recs) {
      const exact = recs.filter((r) => r.type === qtype);
      if (exact.length > 0) return message('NOERROR', exact.map((r) => rr(r, owner)), [], [], model.truncated ?? false);
      const alias = recs.find((r) => r.type === 'CNAME');
      if (alias && depth < 8) {
        const next = lookup(alias.data, qtype, depth + 1);
        return { ...next, answer: [rr(alias, owner), ...next.answer] };
      }
      return message('NOERROR', [], [], [], model.truncated ?? false);
    }
    const labels = splitDomainName(key);
    const invent = model.unknownNames === 'tld' && !nonexistent.has(key) && labels.length >= 2 && TLDS.has(labels[labels.length - 1] ?? '');
    if (!invent) return message('NXDOMAIN', [], [], [], model.truncated ?? false);
    if (qtype !== 'A' && qtype !== 'AAAA') return message('NOERROR');
    return message('NOERROR', [{ name: owner, ttl, type: qtype, data: inventAddress(key, qtype) }]);
  };
  return (name, qtype) => lookup(name, qtype.toUpperCase(), 0);
}
