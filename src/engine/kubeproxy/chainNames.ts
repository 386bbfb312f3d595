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

/** First 16 characters of base32(sha256(s)) (RFC 4648 alphabet; the padding is never reached). */
export function hash16(s: string): string {
  const r = encoder.encodeInto(s, input);
  const bytes = r.read === s.length ? input.subarray(0, r.written) : encoder.encode(s);
  initial._cloneInto(hasher).update(bytes).digestInto(digest);
  // 16 base32 characters are exactly the first 10 bytes (80 bits) of the digest.
  return base32.encode(digest.subarray(0, 10));
}

/** portProtoHash: the suffix shared by a service port's SVC/SVL/EXT/FW chains. */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return hash16(servicePortName + protocol.toLowerCase());
}

export interface ServicePortChainNames {
  readonly clusterPolicyChain: string;
  readonly localPolicyChain: string;
  readonly externalChain: string;
  readonly firewallChain: string;
}

/**
 * `prefix + hash` as one flat string. A `+` makes a V8 rope, and a chain name is sorted, hashed
 * into Maps and printed ~4 times per sync: at ~111k names per 10k-Service sync, the flat copy
 * made once here is cheaper than the rope walked each time.
 */
function chainName(prefix: string, hash: string): string {
  return [prefix, hash].join('');
}

export function servicePortChainNames(servicePortName: string, protocol: string): ServicePortChainNames {
  const h = portProtoHash(servicePortName, protocol);
  return {
    clusterPolicyChain: chainName(KUBE_SVC_PREFIX, h),
    localPolicyChain: chainName(KUBE_SVL_PREFIX, h),
    externalChain: chainName(KUBE_EXT_PREFIX, h),
    firewallChain: chainName(KUBE_FW_PREFIX, h),
  };
}

/** servicePortEndpointChainName: `endpoint` is `ip:port` (IPv6 `[ip]:port`). */
export function servicePortEndpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return chainName(KUBE_SEP_PREFIX, hash16(servicePortName + protocol.toLowerCase() + endpoint));
}

/** isServiceChainName: the per-service prefixes kube-proxy deletes when stale (CleanupLeftovers). */
export function isServiceChainName(chain: string): boolean {
  return [KUBE_SVC_PREFIX, KUBE_SVL_PREFIX, KUBE_EXT_PREFIX, KUBE_FW_PREFIX, KUBE_SEP_PREFIX].some((p) => chain.startsWith(p));
}
