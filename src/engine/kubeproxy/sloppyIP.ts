// kube-proxy reads every address with netutils.ParseIPSloppy / ParseCIDRSloppy
// (k8s.io/utils/net/ipfamily.go, parse.go): Go's pre-1.17 net.ParseIP rules, under which an IPv4
// octet may carry leading zeros and is still read as decimal (`10.180.00.001` → `10.180.0.1`,
// TestBadIPs). A real API server rejects such values; the proxy model warns about them.
import { formatIP, parseIP, parseIPv6, type IPFamily, type ParsedIP, bitsOf, maskOf } from '../shared/ip.ts';

export interface SloppyIP {
  readonly ip: ParsedIP;
  /** Canonical text, as Go's net.IP.String() prints it. */
  readonly text: string;
  /** True when the input used leading zeros (the API server would have rejected it). */
  readonly hadLeadingZeros: boolean;
}

function parseIPv4Sloppy(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function hasLeadingZero(octet: string): boolean {
  return octet.length > 1 && octet.charCodeAt(0) === 48;
}

/** netutils.ParseIPSloppy: null when the text is no address at all. */
const DOTTED = /^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$/;

/**
 * A plain dotted quad without leading zeros (the common case at scale, ~100k endpoints per sync),
 * read without a regex; null for anything else, which the general path below handles.
 */
function plainDottedQuad(text: string): SloppyIP | null {
  let value = 0;
  let octets = 0;
  let i = 0;
  while (i < text.length) {
    const start = i;
    let n = 0;
    for (; i < text.length && i - start < 4; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      n = n * 10 + c;
    }
    const len = i - start;
    if (len === 0 || len > 3 || n > 255 || (len > 1 && text.charCodeAt(start) === 48)) return null;
    value = value * 256 + n;
    octets++;
    if (i === text.length) break;
    if (text.charCodeAt(i) !== 46 || octets === 4) return null;
    i++;
  }
  if (octets !== 4 || text.charCodeAt(text.length - 1) === 46) return null;
  return { ip: { family: 'IPv4', value: BigInt(value) }, text, hadLeadingZeros: false };
}

export function parseIPSloppy(raw: string): SloppyIP | null {
  const text = raw.trim();
  if (text === '') return null;
  const plain = plainDottedQuad(text);
  if (plain) return plain;
  const m = DOTTED.exec(text);
  if (m) {
    // Fast path for dotted quads (the common case at scale, ~100k endpoints per sync): no bigint
    // round trips, and the input string itself is the canonical text unless an octet has a
    // leading zero.
    const a = Number(m[1]), b = Number(m[2]), c = Number(m[3]), d = Number(m[4]);
    if (a > 255 || b > 255 || c > 255 || d > 255) return null;
    const zeros = hasLeadingZero(m[1]!) || hasLeadingZero(m[2]!) || hasLeadingZero(m[3]!) || hasLeadingZero(m[4]!);
    const value = BigInt(a * 0x1000000 + (b << 16) + (c << 8) + d);
    return { ip: { family: 'IPv4', value }, text: zeros ? `${a}.${b}.${c}.${d}` : text, hadLeadingZeros: zeros };
  }
  const strict = parseIP(text);
  if (strict) return { ip: strict, text: formatIP(strict), hadLeadingZeros: false };
  if (text.includes(':')) {
    const v = parseIPv6(text);
    return v === null ? null : { ip: { family: 'IPv6', value: v }, text: formatIP({ family: 'IPv6', value: v }), hadLeadingZeros: false };
  }
  const v4 = parseIPv4Sloppy(text);
  if (v4 === null) return null;
  const ip: ParsedIP = { family: 'IPv4', value: v4 };
  return { ip, text: formatIP(ip), hadLeadingZeros: true };
}

export interface SloppyCIDR {
  readonly family: IPFamily;
  readonly base: bigint;
  readonly prefix: number;
  /** `base/prefix` with the host bits cleared, as Go's *net.IPNet String() prints it. */
  readonly text: string;
  readonly hadLeadingZeros: boolean;
}

/** netutils.ParseCIDRSloppy, after strings.TrimSpace (proxyutil.MapCIDRsByIPFamily trims). */
export function parseCIDRSloppy(raw: string): SloppyCIDR | null {
  const text = raw.trim();
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const ip = parseIPSloppy(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^[0-9]{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  const bits = bitsOf(ip.ip.family);
  if (prefix > bits) return null;
  const base = ip.ip.value & maskOf(bits, prefix);
  return {
    family: ip.ip.family,
    base,
    prefix,
    text: `${formatIP({ family: ip.ip.family, value: base })}/${prefix}`,
    hadLeadingZeros: ip.hadLeadingZeros,
  };
}

export function sloppyCIDRContains(c: SloppyCIDR, ip: ParsedIP): boolean {
  return c.family === ip.family && (ip.value & maskOf(bitsOf(ip.family), c.prefix)) === c.base;
}
