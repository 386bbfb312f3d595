// glibc vs musl walks against a scripted server (one rcode per name), and a fuzz of the name
// handling: any name and search list gives candidates and a verdict, never a throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { message, type Rcode } from '../coredns/dnsMessage.ts';
import { readResolverOptions } from './resolverOptions.ts';
import { runResolver, type DnsServer } from './stubResolver.ts';

const SEARCH = ['ns.svc.cluster.local', 'svc.cluster.local', 'cluster.local'];

/** A server that answers each name per the table (A 10.0.0.1 for 'ok'; AAAA always NODATA). */
function scripted(table: Record<string, Rcode | 'ok' | 'nodata'>): DnsServer {
  return (qname, qtype) => {
    const what = table[qname] ?? 'NXDOMAIN';
    if (what === 'ok') return qtype === 'A' ? message('NOERROR', [{ name: qname, ttl: 5, type: 'A', data: '10.0.0.1' }]) : message('NOERROR');
    if (what === 'nodata') return message('NOERROR');
    return message(what);
  };
}

const opts5 = readResolverOptions(['ndots:5']);

describe('runResolver', () => {
  it.each([
    // [name, server table, glibc names sent, musl names sent]
    ['SERVFAIL: glibc tries the next domain, musl stops', 'web', { 'web.ns.svc.cluster.local.': 'SERVFAIL', 'web.svc.cluster.local.': 'ok' }, ['web.ns.svc.cluster.local.', 'web.svc.cluster.local.'], ['web.ns.svc.cluster.local.']],
    ['NODATA: glibc continues, musl stops', 'web', { 'web.ns.svc.cluster.local.': 'nodata', 'web.svc.cluster.local.': 'ok' }, ['web.ns.svc.cluster.local.', 'web.svc.cluster.local.'], ['web.ns.svc.cluster.local.']],
    ['REFUSED in the walk: glibc stops searching but still tries the name as is', 'web', { 'web.ns.svc.cluster.local.': 'REFUSED' }, ['web.ns.svc.cluster.local.', 'web.'], ['web.ns.svc.cluster.local.']],
    ['trailing dot: one name, final', 'web.', {}, ['web.'], ['web.']],
  ] as const)('%s', (_n, name, table, glibcSent, muslSent) => {
    const sent = (kind: 'glibc' | 'musl') => runResolver(kind, name, SEARCH, opts5, scripted(table)).steps.map((s) => s.qname);
    expect(sent('glibc')).toEqual(glibcSent);
    expect(sent('musl')).toEqual(muslSent);
  });
  it('glibc reports the as-is attempt’s h_errno after a failed search (dots >= ndots)', () => {
    const r = runResolver('glibc', 'a.b', SEARCH, readResolverOptions(['ndots:1']), scripted({ 'a.b.': 'SERVFAIL' }));
    expect(r.error).toBe('TRY_AGAIN');
  });
  it('no-tld-query: a dotless name is not tried as is after the search list', () => {
    const r = runResolver('glibc', 'web', SEARCH, readResolverOptions(['ndots:5', 'no-tld-query']), scripted({}));
    expect(r.candidates).toEqual(['web.ns.svc.cluster.local.', 'web.svc.cluster.local.', 'web.cluster.local.']);
  });
  it('ndots is capped at 15', () => {
    expect(readResolverOptions(['ndots:40']).ndots).toBe(15);
  });
  it('an IP literal needs no DNS', () => {
    expect(runResolver('musl', '10.1.2.3', SEARCH, opts5, scripted({}))).toMatchObject({ success: true, addresses: ['10.1.2.3'], steps: [] });
  });
  it('fuzz: any name and search list → candidates, steps ≤ candidates, a verdict', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{0,70}$/);
    const name = fc.array(label, { minLength: 1, maxLength: 8 }).map((ls) => ls.join('.'));
    const server = scripted({});
    fc.assert(
      fc.property(name, fc.boolean(), fc.array(name, { maxLength: 6 }), fc.integer({ min: 0, max: 20 }), fc.constantFrom('glibc' as const, 'musl' as const), (n, dot, search, ndots, kind) => {
        const r = runResolver(kind, dot ? `${n}.` : n, search, readResolverOptions([`ndots:${ndots}`]), server);
        expect(r.steps.length).toBeLessThanOrEqual(r.candidates.length);
        expect(r.success || typeof r.error === 'string').toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
