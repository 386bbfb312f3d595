// parseResolvConf / renderResolvConf: table cases beyond the vectors, and a fast-check fuzz of
// the parser (no crash, no hang; always a config or errors that name a line).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseResolvConf, renderResolvConf } from './resolvConf.ts';

describe('parseResolvConf', () => {
  it.each([
    ['search dropped root', 'search . foo.', { nameservers: [], searches: ['foo'], options: [] }],
    ['crlf line ends', 'nameserver 1.1.1.1\r\nsearch a b\r\n', { nameservers: ['1.1.1.1'], searches: ['a', 'b'], options: [] }],
    ['unknown keywords ignored', 'domain corp\nsortlist 10.0.0.0\nnameserver ::1', { nameservers: ['::1'], searches: [], options: [] }],
  ])('%s', (_n, text, want) => {
    const r = parseResolvConf(text);
    expect(r.errors).toEqual([]);
    expect(r.conf).toEqual(want);
  });
  it('names the line of an empty nameserver', () => {
    expect(parseResolvConf('search a\n\nnameserver\n').errors).toEqual([{ line: 3, message: 'nameserver list is empty' }]);
  });
  it('fuzz: any text gives a config or errors with a line number inside the file', () => {
    const line = fc.oneof(
      fc.string(),
      fc.tuple(fc.constantFrom('nameserver', 'search', 'options', '#', ' nameserver', 'options\t'), fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 })).map(([k, ws]) => [k, ...ws].join(' ')),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const text = lines.join('\n');
        const r = parseResolvConf(text);
        const count = text.split('\n').length;
        for (const e of r.errors) {
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(count);
          expect(e.message).not.toBe('');
        }
        for (const s of r.conf.searches) expect(s.endsWith('.')).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
  it('fuzz: rendering then parsing gives the config back', () => {
    const word = fc.stringMatching(/^[a-z0-9][a-z0-9.:-]{0,20}$/).filter((w) => !w.endsWith('.'));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 4 }), fc.array(word, { maxLength: 6 }), fc.array(word, { maxLength: 4 }), (nameservers, searches, options) => {
        const text = renderResolvConf({ nameservers, searches, options });
        if (text === null) return;
        expect(parseResolvConf(text)).toEqual({ conf: { nameservers, searches, options }, errors: [] });
      }),
    );
  });
});
