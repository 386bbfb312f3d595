// Chain names kube-proxy derives from a service port and an endpoint
// (pkg/proxy/iptables/proxier.go portProtoHash, servicePortPolicyClusterChain,
// servicePortPolicyLocalChainName, serviceFirewallChainName, serviceExternalChainName,
// servicePortEndpointChainName). The hash makes our names equal to a real node's.
import { sha256 } from '@noble/hashes/sha2.js';
import { base32 } from '@scure/base';

export const KUBE_SVC_PREFIX = 'KUBE-SVC-';
export const KUBE_SVL_PREFIX = 'KUBE-SVL-';
export const KUBE_EXT_PREFIX = 'KUBE-EXT-';
export const KUBE_FW_PREFIX = 'KUBE-FW-';
export const KUBE_SEP_PREFIX = 'KUBE-SEP-';

const encoder = new TextEncoder();
// A large sync names ~11 chains per Service (110k hashes at 10k Services × 10 endpoints), so the
// hash reuses one hasher and one input buffer instead of allocating per call: `_cloneInto` resets
// `hasher` to the fresh state of `initial` (the same call noble's own hmac uses). The engine is
// synchronous, so the shared buffers are never used by two calls at once.
const initial = sha256.create();
const hasher = sha256.create();
const digest = new Uint8Array(32);
const input = new Uint8Array(1024);
/** `input.subarray(0, n)` per length, made once: a view per call was ~100 bytes of garbage. */
const views: Uint8Array[] = [];

/**
 * Copies the ASCII string `s` into `input` at `at`; the offset after it, or -1 when `s` is not
 * ASCII or does not fit (the caller then encodes the whole input with TextEncoder).
 */
function copyAscii(s: string, at: number): number {
  if (at < 0 || at + s.length > input.length) return -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return -1;
    input[at + i] = c;
  }
  return at + s.length;
}

/**
 * sha256 of the UTF-8 of `a + b + c`, without building the concatenation: the parts (every name
 * kube-proxy hashes is ASCII in practice) are copied into the input buffer in turn.
 */
function digestOf(a: string, b = '', c = ''): Uint8Array {
  const n = copyAscii(c, copyAscii(b, copyAscii(a, 0)));
  const bytes = n >= 0 ? (views[n] ??= input.subarray(0, n)) : encoder.encode(a + b + c);
  initial._cloneInto(hasher).update(bytes).digestInto(digest);
  return digest;
}

// portProtoHash and the endpoint hash: RFC 4648 base32, as Go's base32.StdEncoding. 16
// characters are exactly the first 10 bytes (80 bits) of the digest, so the padding is never
// reached. Packed here rather than with @scure/base (hash16 below, which the tests check the
// names against): the name is built as one flat string with its prefix in a single
// fromCharCode, instead of an encoder's arrays plus a concatenation, ~110k times per sync.
const ALPHABET = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'].map((c) => c.charCodeAt(0));
/**
 * Per prefix, the character codes of one name, prefix first: filled in place and never resized
 * (emptying an array frees its storage in V8, so refilling it reallocated ~700 bytes per name).
 */
const codesByPrefix = new Map<string, number[]>();

function prefixedHash(prefix: string, a: string, b: string, c = ''): string {
  const d = digestOf(a, b, c);
  let codes = codesByPrefix.get(prefix);
  if (codes === undefined) codesByPrefix.set(prefix, (codes = [...prefix].map((ch) => ch.charCodeAt(0)).concat(new Array<number>(16).fill(0))));
  // Each 5 bytes are eight 5-bit groups, most significant first.
  for (let i = 0, o = prefix.length; i < 10; i += 5, o += 8) {
    const d0 = d[i]!, d1 = d[i + 1]!, d2 = d[i + 2]!, d3 = d[i + 3]!, d4 = d[i + 4]!;
    codes[o] = ALPHABET[d0 >> 3]!;
    codes[o + 1] = ALPHABET[((d0 & 7) << 2) | (d1 >> 6)]!;
    codes[o + 2] = ALPHABET[(d1 >> 1) & 31]!;
    codes[o + 3] = ALPHABET[((d1 & 1) << 4) | (d2 >> 4)]!;
    codes[o + 4] = ALPHABET[((d2 & 15) << 1) | (d3 >> 7)]!;
    codes[o + 5] = ALPHABET[(d3 >> 2) & 31]!;
    codes[o + 6] = ALPHABET[((d3 & 3) << 3) | (d4 >> 5)]!;
    codes[o + 7] = ALPHABET[d4 & 31]!;
  }
  return String.fromCharCode.apply(null, codes);
}

/**
 * First 16 characters of base32(sha256(s)) through @scure/base: the library form of the hash
 * the chain names pack by hand, and the reference the tests hold them to.
 */
export function hash16(s: string): string {
  return base32.encode(digestOf(s).subarray(0, 10));
}

/** `TCP` → `tcp` (a new string per call otherwise: once per endpoint). */
function lowerProtocol(p: string): string {
  return p === 'TCP' ? 'tcp' : p === 'UDP' ? 'udp' : p === 'SCTP' ? 'sctp' : p.toLowerCase();
}

export interface ServicePortChainNames {
  readonly clusterPolicyChain: string;
  readonly localPolicyChain: string;
  readonly externalChain: string;
  readonly firewallChain: string;
}

export function servicePortChainNames(servicePortName: string, protocol: string): ServicePortChainNames {
  const svc = prefixedHash(KUBE_SVC_PREFIX, servicePortName, lowerProtocol(protocol));
  const h = svc.slice(KUBE_SVC_PREFIX.length);
  return {
    clusterPolicyChain: svc,
    // The other three are rarer (Local policies, external IPs, source ranges): plain concatenations.
    localPolicyChain: KUBE_SVL_PREFIX + h,
    externalChain: KUBE_EXT_PREFIX + h,
    firewallChain: KUBE_FW_PREFIX + h,
  };
}

/** servicePortEndpointChainName: `endpoint` is `ip:port` (IPv6 `[ip]:port`). */
export function servicePortEndpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return prefixedHash(KUBE_SEP_PREFIX, servicePortName, lowerProtocol(protocol), endpoint);
}

/** isServiceChainName: the per-service prefixes kube-proxy deletes when stale (CleanupLeftovers). */
export function isServiceChainName(chain: string): boolean {
  return [KUBE_SVC_PREFIX, KUBE_SVL_PREFIX, KUBE_EXT_PREFIX, KUBE_FW_PREFIX, KUBE_SEP_PREFIX].some((p) => chain.startsWith(p));
}
