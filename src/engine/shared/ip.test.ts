import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalIP, formatIPv4, formatIPv6, inCIDR, parseCIDR, parseIP, parseIPv4 } from './ip.ts';

describe('ip', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['fd00::1', 'fd00::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['::ffff:1.2.3.4', '::ffff:102:304'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['::', '::'],
  ])('canonical %s → %s', (input, want) => {
    expect(canonicalIP(input)).toBe(want);
  });
  it.each(['010.0.0.1', '1.2.3', '256.0.0.1', 'fd00:::1', 'x'])('rejects %s', (bad) => {
    expect(parseIP(bad)).toBeNull();
  });
  it('CIDR membership', () => {
    expect(inCIDR('10.0.0.0/8', '10.180.0.1')).toBe(true);
    expect(inCIDR('10.0.0.0/8', '11.0.0.1')).toBe(false);
    expect(inCIDR('fd00:10::/64', 'fd00:10::5')).toBe(true);
    expect(inCIDR('0.0.0.0/0', '1.2.3.4')).toBe(true);
    expect(inCIDR('10.0.0.0/8', 'fd00::1')).toBe(false);
    expect(parseCIDR('10.1.2.3/33')).toBeNull();
  });
  it('IPv4 format/parse round-trip (fast-check)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n) => parseIPv4(formatIPv4(BigInt(n))) === BigInt(n)));
  });
  it('IPv6 format/parse round-trip (fast-check)', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (n) => parseIP(formatIPv6(n))?.value === n));
  });
});
