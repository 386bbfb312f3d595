import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePermalink, encodePermalink } from './permalink.ts';

describe('permalink codec', () => {
  it.each([
    ['empty', ''],
    ['yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n'],
    ['unicode', '# 服务 — ünïcödé 🚀\nkind: Pod\n'],
    ['large', 'x: 1\n'.repeat(100_000)],
  ])('round-trips %s text', (_name, text) => {
    const link = encodePermalink(text);
    expect(link.startsWith('#s1=')).toBe(true);
    expect(link).toMatch(/^#s1=[A-Za-z0-9_-]*$/);
    expect(decodePermalink(link)).toEqual({ ok: true, text });
  });

  it('compresses repetitive YAML well', () => {
    const text = 'apiVersion: v1\nkind: Pod\n'.repeat(1000);
    expect(encodePermalink(text).length).toBeLessThan(text.length / 20);
  });

  it.each([
    ['no hash', '', null],
    ['other hash', '#section', null],
    ['bad base64', '#s1=***', 'permalink: cannot decode'],
    ['not deflate', '#s1=AAAA', 'permalink: cannot decode'],
  ])('decodes %s to a clear answer', (_name, hash, error) => {
    const r = decodePermalink(hash);
    expect(r.ok).toBe(false);
    if (error === null) expect(r).toEqual({ ok: false, error: null });
    else expect(!r.ok && r.error).toContain(error);
  });

  it('fuzz: any hash decodes to a result, never throws', () => {
    fc.assert(fc.property(fc.string(), fc.base64String(), (s, b) => {
      for (const h of [s, `#s1=${s}`, `#s1=${b.replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '')}`]) {
        const r = decodePermalink(h);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok && r.error !== null) expect(r.error).toMatch(/^permalink: /);
      }
    }), { numRuns: 300 });
  });

  it('fuzz: any text round-trips', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (t) => {
      expect(decodePermalink(encodePermalink(t))).toEqual({ ok: true, text: t });
    }), { numRuns: 200 });
  });
});
