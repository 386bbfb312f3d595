import { sha256 as noble } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from './sha256.ts';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('sha256', () => {
  it.each([0, 1, 55, 56, 63, 64, 65, 119, 120, 200])('matches @noble/hashes for %i bytes', (n) => {
    const msg = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
    expect(hex(sha256(msg))).toBe(hex(noble(msg)));
  });
  it('the FIPS 180-4 "abc" vector', () => {
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('matches @noble/hashes on random input', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (m) => hex(sha256(m)) === hex(noble(m))));
  });
});
