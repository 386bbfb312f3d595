// IPv4 / IPv6 address and CIDR math, as Go's net/netip sees it (kube-proxy and the kubelet use it).
// Addresses are kept as bigint so both families share one code path.

export type IPFamily = 'IPv4' | 'IPv6';

export interface ParsedIP {
  readonly family: IPFamily;
  readonly value: bigint;
}

export interface ParsedCIDR {
  readonly family: IPFamily;
  readonly base: bigint;
  readonly prefix: number;
}

const V4_BITS = 32;
const V6_BITS = 128;

export function bitsOf(family: IPFamily): number {
  return family === 'IPv4' ? V4_BITS : V6_BITS;
}

/** Parses a dotted-quad IPv4 address. Leading zeros are rejected, as Go's netip.ParseAddr does. */
export function parseIPv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

/** Parses an IPv6 address (with :: compression and an optional embedded IPv4 tail). */
export function parseIPv6(text: string): bigint | null {
  if (text.includes('%')) return null;
  let head = text;
  let tailWords: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (v4 === null) return null;
    tailWords = [Number(v4 >> 16n), Number(v4 & 0xffffn)];
    head = text.slice(0, lastColon + 1) + '0';
    head = head.slice(0, -1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const dbl = head.split('::');
  if (dbl.length > 2) return null;
  const parseGroup = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = parseGroup(dbl[0] ?? '');
  const right = dbl.length === 2 ? parseGroup(dbl[1] ?? '') : [];
  if (left === null || right === null) return null;
  const total = left.length + right.length + tailWords.length;
  let words: number[];
  if (dbl.length === 2) {
    if (total > 7) return null;
    words = [...left, ...new Array<number>(8 - total).fill(0), ...right, ...tailWords];
  } else {
    if (total !== 8) return null;
    words = [...left, ...tailWords];
  }
  let v = 0n;
  for (const w of words) v = (v << 16n) | BigInt(w);
  return v;
}

export function parseIP(text: string): ParsedIP | null {
  const t = text.trim();
  if (t.includes(':')) {
    const v = parseIPv6(t.startsWith('[') && t.endsWith(']') ? t.slice(1, -1) : t);
    return v === null ? null : { family: 'IPv6', value: v };
  }
  const v = parseIPv4(t);
  return v === null ? null : { family: 'IPv4', value: v };
}

export function isIP(text: string): boolean {
  return parseIP(text) !== null;
}

export function ipFamilyOf(text: string): IPFamily | null {
  return parseIP(text)?.family ?? null;
}

export function formatIPv4(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');
}

/** RFC 5952 canonical text, as Go's netip.Addr.String prints it. */
export function formatIPv6(v: bigint): string {
  const words: number[] = [];
  for (let i = 7; i >= 0; i--) words.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = (ws: number[]) => ws.map((w) => w.toString(16)).join(':');
  if (bestStart < 0) return hex(words);
  return `${hex(words.slice(0, bestStart))}::${hex(words.slice(bestStart + bestLen))}`;
}

export function formatIP(ip: ParsedIP): string {
  return ip.family === 'IPv4' ? formatIPv4(ip.value) : formatIPv6(ip.value);
}

/** Canonical text of an address, or null when it does not parse. */
export function canonicalIP(text: string): string | null {
  const p = parseIP(text);
  return p ? formatIP(p) : null;
}

export function parseCIDR(text: string): ParsedCIDR | null {
  const t = text.trim();
  const slash = t.indexOf('/');
  if (slash < 0) return null;
  const ip = parseIP(t.slice(0, slash));
  const prefixText = t.slice(slash + 1);
  if (!ip || !/^[0-9]{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  const bits = bitsOf(ip.family);
  if (prefix > bits) return null;
  return { family: ip.family, base: ip.value & maskOf(bits, prefix), prefix };
}

export function maskOf(bits: number, prefix: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return prefix === 0 ? 0n : (all >> BigInt(bits - prefix)) << BigInt(bits - prefix);
}

export function cidrContains(cidr: ParsedCIDR, ip: ParsedIP): boolean {
  if (cidr.family !== ip.family) return false;
  return (ip.value & maskOf(bitsOf(ip.family), cidr.prefix)) === cidr.base;
}

/** True when `ipText` lies in `cidrText` (a bare IP counts as a /32 or /128). */
export function inCIDR(cidrText: string, ipText: string): boolean {
  const ip = parseIP(ipText);
  if (!ip) return false;
  const c = cidrText.includes('/') ? parseCIDR(cidrText) : (() => {
    const p = parseIP(cidrText);
    return p ? { family: p.family, base: p.value, prefix: bitsOf(p.family) } : null;
  })();
  return c ? cidrContains(c, ip) : false;
}

export function formatCIDR(c: ParsedCIDR): string {
  return `${formatIP({ family: c.family, value: c.base })}/${c.prefix}`;
}

/** Number of addresses in a CIDR (capped at 2^64 for IPv6 math sanity). */
export function cidrSize(c: ParsedCIDR): bigint {
  return 1n << BigInt(bitsOf(c.family) - c.prefix);
}

/** The n-th address of a CIDR (0 = the network address). */
export function nthAddress(c: ParsedCIDR, n: bigint): string {
  return formatIP({ family: c.family, value: c.base + n });
}
