// Every case of vectors/dns/resolv-conf.json through the dns-resolv-conf family (and so the
// kubelet pipeline in engine/dns), compared as vectors/README.md says.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fill } from './dnsResolvConf.ts';
import { stripKeys } from './dnsVectorCompare.ts';

const FILE = resolve(process.cwd(), '../shared/vectors/dns/resolv-conf.json');
const vectors = JSON.parse(readFileSync(FILE, 'utf8'));
const DROP = new Set(['expected', 'expectError', 'event', 'renderedResolvConf', 'events', 'note', 'renderNote', 'upstreamAsserts']);
const out = fill(stripKeys(vectors, DROP), FILE) as typeof vectors;

type Conf = { nameservers: string[]; searches: string[]; options: string[] };
/** nameservers and searches in order, options as a set. */
const norm = (c: Conf | null) => (c ? { nameservers: c.nameservers, searches: c.searches, options: [...c.options].sort() } : null);
const label = (c: Record<string, unknown>, i: number) => String(c['name'] ?? JSON.stringify(c['input'] ?? i).slice(0, 60));
const cases = (section: string): [string, number][] => vectors[section].cases.map((c: Record<string, unknown>, i: number) => [label(c, i), i]);

describe('dns/resolv-conf.json', () => {
  it.each(cases('parseHostResolvConf'))('parseHostResolvConf %s', (_n, i) => {
    const want = vectors.parseHostResolvConf.cases[i];
    const got = out.parseHostResolvConf.cases[i];
    expect(got.actualError, JSON.stringify(got)).toBe(want.expectError === true);
    if (!want.expectError) expect(norm(got.actual)).toEqual(norm(want.expected));
  });
  it.each(cases('podDNSType'))('podDNSType %s', (_n, i) => {
    expect(out.podDNSType.cases[i].actual).toBe(vectors.podDNSType.cases[i].expected);
  });
  it.each(cases('mergeOptions'))('mergeOptions %s', (_n, i) => {
    expect([...out.mergeOptions.cases[i].actual].sort()).toEqual([...vectors.mergeOptions.cases[i].expected].sort());
  });
  it.each(cases('nameserverLimits'))('nameserverLimits %s', (_n, i) => {
    const want = vectors.nameserverLimits.cases[i];
    const got = out.nameserverLimits.cases[i];
    expect([got.actual, got.actualEvent]).toEqual([want.expected, want.event]);
  });
  it.each(cases('searchLimits'))('searchLimits %s', (_n, i) => {
    const want = vectors.searchLimits.cases[i];
    const got = out.searchLimits.cases[i];
    expect([got.actual, got.actualEvent]).toEqual([want.expected, want.event]);
  });
  it.each(cases('getPodDNS'))('getPodDNS %s', (_n, i) => {
    const want = vectors.getPodDNS.cases[i];
    const got = out.getPodDNS.cases[i];
    expect(norm(got.actual), want.note ?? want.name).toEqual(norm(want.expected));
    if ('renderedResolvConf' in want) expect(got.actualRenderedResolvConf).toBe(want.renderedResolvConf);
    if ('events' in want) {
      const key = (e: string) => e.split(/\s+/).slice(0, 2).join(' ');
      expect(new Set(got.actualEvents.map(key))).toEqual(new Set(want.events.map(key)));
    }
  });
});
