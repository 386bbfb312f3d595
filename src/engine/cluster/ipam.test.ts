import { describe, expect, it } from 'vitest';
import { parseCIDR } from '../shared/ip.ts';
import { NodeCIDRAllocator, NodePortAllocator, PodIPAllocator, ServiceIPAllocator } from './ipam.ts';

describe('ServiceIPAllocator', () => {
  it('reserves requested IPs first, then hands out the lowest free address', () => {
    const a = new ServiceIPAllocator([parseCIDR('10.96.0.0/12')!]);
    expect(a.reserve('10.96.0.1')).toEqual({ ok: true, value: '10.96.0.1' });
    expect(a.reserve('10.96.0.10')).toEqual({ ok: true, value: '10.96.0.10' });
    const got = Array.from({ length: 9 }, () => a.allocateNext('IPv4')).map((r) => (r.ok ? r.value : r.message));
    expect(got).toEqual(['10.96.0.2', '10.96.0.3', '10.96.0.4', '10.96.0.5', '10.96.0.6', '10.96.0.7', '10.96.0.8', '10.96.0.9', '10.96.0.11']);
  });

  it.each([
    ['10.0.0.1', 'not in the valid range. The range of valid IPs is 10.96.0.0/12'],
    ['10.96.0.0', 'not in the valid range'],
    ['10.111.255.255', 'not in the valid range'],
  ])('rejects %s', (ip, fragment) => {
    const r = new ServiceIPAllocator([parseCIDR('10.96.0.0/12')!]).reserve(ip);
    expect(r.ok ? '' : r.message).toContain(fragment);
  });

  it('rejects a taken IP and reports a full range', () => {
    const a = new ServiceIPAllocator([parseCIDR('10.0.0.0/30')!]);
    expect(a.reserve('10.0.0.1').ok).toBe(true);
    expect(a.reserve('10.0.0.1')).toEqual({ ok: false, message: 'failed to allocate IP 10.0.0.1: provided IP is already allocated' });
    expect(a.allocateNext('IPv4')).toEqual({ ok: true, value: '10.0.0.2' });
    expect(a.allocateNext('IPv4').ok).toBe(false);
  });

  it('allocates IPv6 from an IPv6 range', () => {
    const a = new ServiceIPAllocator([parseCIDR('10.96.0.0/12')!, parseCIDR('fd00:10:96::/112')!]);
    expect(a.allocateNext('IPv6')).toEqual({ ok: true, value: 'fd00:10:96::1' });
  });
});

describe('NodePortAllocator', () => {
  it('30000–32767, lowest free first, explicit ones reserved', () => {
    const a = new NodePortAllocator();
    expect(a.reserve(30000).ok).toBe(true);
    expect(a.allocateNext()).toEqual({ ok: true, value: '30001' });
    expect(a.reserve(30001)).toEqual({ ok: false, message: 'provided port is already allocated' });
    expect(a.reserve(32768).ok).toBe(false);
    expect(a.reserve(32767).ok).toBe(true);
  });
});

describe('Pod and node CIDRs', () => {
  it('Pod IPs start at .2 of the node podCIDR', () => {
    const a = new PodIPAllocator(parseCIDR('10.244.1.0/24')!);
    expect([a.allocateNext(), a.allocateNext()]).toEqual(['10.244.1.2', '10.244.1.3']);
  });

  it('node podCIDRs are consecutive /24s, skipping reserved ones', () => {
    const a = new NodeCIDRAllocator(parseCIDR('10.244.0.0/16')!);
    a.reserve('10.244.1.0/24');
    expect([a.allocateNext(), a.allocateNext()]).toEqual(['10.244.0.0/24', '10.244.2.0/24']);
  });
});
