import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { catalogs, translator } from './translate.ts';

describe('message catalogs', () => {
  it.each(Object.keys(catalogs))('%s has every key, non-empty, with the same placeholders', (lang) => {
    const cat = catalogs[lang as keyof typeof catalogs];
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      expect(cat[k], `${lang} ${k}`).toBeTruthy();
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ph(cat[k]), `${lang} ${k}`).toEqual(ph(en[k]));
    }
  });
  it('fills placeholders', () => {
    expect(translator('en')('stale.banner', { line: 7 })).toBe('Showing the last good diagram — fix the error at line 7.');
    expect(translator('zh')('stale.banner', { line: 7 })).toContain('第 7 行');
  });
});
