// Chain names must equal a real node's: hashes verified against upstream test expectations.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { base32 } from '@scure/base';
import { hash16, isServiceChainName, servicePortChainNames, servicePortEndpointChainName } from './chainNames.ts';

describe('chain names (proxier.go portProtoHash, servicePortEndpointChainName)', () => {
  it.each([
    ['ns1/svc1:p80', 'TCP', 'KUBE-SVC-XPGD46QRK7WJZT7O'],
    ['ns2/svc2:p80', 'TCP', 'KUBE-SVC-GNZBNJ2PO5MGZ6GT'],
    ['ns5/svc5:p80', 'TCP', 'KUBE-SVC-NUKIZ6OKUXPJNT4C'],
    ['default/kubernetes:https', 'TCP', 'KUBE-SVC-NPX46M4PTMTKRN6Y'],
    ['kube-system/kube-dns:dns', 'UDP', 'KUBE-SVC-TCOU7JCQXEZGVUNU'],
    ['kube-system/kube-dns:dns-tcp', 'TCP', 'KUBE-SVC-ERIFXISQEP7F7OF4'],
  ])('%s %s → %s', (spn, proto, want) => {
    const n = servicePortChainNames(spn, proto);
    expect(n.clusterPolicyChain).toBe(want);
    const h = want.slice('KUBE-SVC-'.length);
    expect([n.localPolicyChain, n.externalChain, n.firewallChain]).toEqual([`KUBE-SVL-${h}`, `KUBE-EXT-${h}`, `KUBE-FW-${h}`]);
  });
  it.each([
    ['ns1/svc1:p80', 'TCP', '10.180.0.1:80', 'KUBE-SEP-SXIVWICOYRO3J4NJ'],
    ['ns5/svc5:p80', 'TCP', '10.180.0.3:80', 'KUBE-SEP-I77PXRDZVX7PMWMN'],
    ['ns4/svc4:p80', 'TCP', '10.180.0.5:80', 'KUBE-SEP-C6EBXVWJJZMIWKLZ'],
  ])('SEP %s %s %s → %s', (spn, proto, ep, want) => {
    expect(servicePortEndpointChainName(spn, proto, ep)).toBe(want);
  });
  it('names fit iptables\' 28-character limit and are recognised as service chains', () => {
    const n = servicePortChainNames('a-very-long-namespace-name/a-very-long-service-name:a-long-port', 'SCTP');
    for (const c of Object.values(n)) {
      expect(c.length).toBeLessThanOrEqual(28);
      expect(isServiceChainName(c)).toBe(true);
    }
    expect(isServiceChainName('KUBE-SERVICES')).toBe(false);
  });
  it('the reused hasher gives the one-shot digest for any input, one call after another (long and non-ASCII too)', () => {
    const oneShot = (x: string) => base32.encode(sha256(new TextEncoder().encode(x)).subarray(0, 10));
    fc.assert(fc.property(fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 600 }), fc.string({ minLength: 1000, maxLength: 3000 }))), (inputs) => {
      for (const x of inputs) expect(hash16(x), JSON.stringify(x)).toBe(oneShot(x));
    }));
  });
  it('names packed in one string equal prefix + the library-encoded hash, for any input', () => {
    // (names past the 1024-byte input buffer too: the parts are then encoded together)
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ minLength: 1000, maxLength: 1100 })), fc.constantFrom('TCP', 'UDP', 'SCTP'), fc.string({ unit: 'grapheme', maxLength: 40 }), (spn, proto, ep) => {
      expect(servicePortEndpointChainName(spn, proto, ep)).toBe(`KUBE-SEP-${hash16(spn + proto.toLowerCase() + ep)}`);
      const h = hash16(spn + proto.toLowerCase());
      expect(servicePortChainNames(spn, proto)).toEqual({ clusterPolicyChain: `KUBE-SVC-${h}`, localPolicyChain: `KUBE-SVL-${h}`, externalChain: `KUBE-EXT-${h}`, firewallChain: `KUBE-FW-${h}` });
    }), { numRuns: 2000 });
  });
});
