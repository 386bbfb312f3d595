// Address and port helpers shared by matches: `a.b.c.d[/len|/mask]` as iptables accepts them
// (xtables_ipparse_any, xtables_ipmask), cached because the same text is checked per packet.
import { bitsOf, cidrContains, parseIP, type ParsedCIDR, type ParsedIP } from '../../shared/ip.ts';

const cidrCache = new Map<string, ParsedCIDR | null>();
const ipCache = new Map<string, ParsedIP | null>();

export function ipOf(text: string): ParsedIP | null {
  let v = ipCache.get(text);
  if (v === undefined) {
    v = parseIP(text);
    if (ipCache.size > 100_000) ipCache.clear();
    ipCache.set(text, v);
  }
  return v;
}

/** `10.0.0.0/8`, `10.0.0.1` (= /32), `10.0.0.0/255.0.0.0`; null when it does not parse. */
export function prefixOf(text: string): ParsedCIDR | null {
  let v = cidrCache.get(text);
  if (v !== undefined) return v;
  v = null;
  const slash = text.indexOf('/');
  const ip = ipOf(slash < 0 ? text : text.slice(0, slash));
  if (ip) {
    const bits = bitsOf(ip.family);
    let prefix = bits;
    if (slash >= 0) {
      const m = text.slice(slash + 1);
      if (/^\d{1,3}$/.test(m)) prefix = Number(m);
      else {
        const mask = ipOf(m);
        prefix = mask && mask.family === ip.family ? countPrefix(mask.value, bits) : -1;
      }
    }
    if (prefix >= 0 && prefix <= bits) {
      const all = (1n << BigInt(bits)) - 1n;
      const maskBits = prefix === 0 ? 0n : (all >> BigInt(bits - prefix)) << BigInt(bits - prefix);
      v = { family: ip.family, base: ip.value & maskBits, prefix };
    }
  }
  cidrCache.set(text, v);
  return v;
}

function countPrefix(mask: bigint, bits: number): number {
  let n = 0;
  for (let b = bits - 1; b >= 0 && (mask >> BigInt(b)) & 1n; b--) n++;
  const all = (1n << BigInt(bits)) - 1n;
  const expect = n === 0 ? 0n : (all >> BigInt(bits - n)) << BigInt(bits - n);
  return expect === mask ? n : -1;
}

/** Whether `addr` lies in the (comma-separated list of) prefixes; null when a prefix is bad. */
export function addrIn(list: string, addr: string): boolean | null {
  const ip = ipOf(addr);
  if (!ip) return false;
  for (const part of list.split(',')) {
    const c = prefixOf(part);
    if (!c) return null;
    if (cidrContains(c, ip)) return true;
  }
  return false;
}

/** `80`, `1000:2000`, `:1024`, `1024:`; comma lists for multiport. null when not numeric. */
export function portIn(spec: string, port: number): boolean | null {
  for (const part of spec.split(',')) {
    const m = /^(\d*)(?::(\d*))?$/.exec(part);
    if (!m || (m[1] === '' && m[2] === undefined)) return null;
    const lo = m[1] === '' ? 0 : Number(m[1]);
    const hi = m[2] === undefined ? lo : m[2] === '' ? 65535 : Number(m[2]);
    if (port >= lo && port <= hi) return true;
  }
  return false;
}
