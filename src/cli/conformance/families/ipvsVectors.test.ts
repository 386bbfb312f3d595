// Every vectors/ipvs/*.json file through the ipvs family (and so engine/kubeproxy/ipvs), compared
// the way vectors/README.md "ipvs" says: what the upstream test asserts, then the (derived)
// checks worked out from proxier.go (full virtual servers, every ipset, kube-ipvs0, ipvsadm -Ln,
// the KUBE-IPVS-OUT-FILTER rule, chains with their table).
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalIP } from '../../../engine/shared/ip.ts';
import { fill } from './ipvs.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- vector documents are free-form JSON */
type Doc = Record<string, any>;

const DIR = resolve(process.cwd(), '../shared/vectors/ipvs');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

const ANSWERS = ['expectedVirtualServerCount', 'expectedVirtualServers', 'expectedIPSets', 'expectedIptablesChains', 'expectedIptables',
  'derived', 'derivedKubeIpvsOutFilter', 'notes', 'ipvsAssertion', 'expectedIPSetsNote', 'expectedIptablesNote'];

/** The input the checker sends (conformance.py strip): answers removed, so the family cannot peek. */
function strip(doc: Doc): Doc {
  const out = structuredClone(doc);
  for (const k of ANSWERS) delete out[k];
  if ('afterEndpointSliceDelete' in out) out.afterEndpointSliceDelete = { action: 'delete every EndpointSlice in manifests, then sync again' };
  for (const s of out.steps ?? []) delete s.kubeIpvs0Addresses;
  return out;
}

const ip = (s: string) => canonicalIP(String(s).replace(/^\[|\]$/g, '')) ?? s;
const vsKey = (v: Doc) => `${v.protocol} ${ip(v.address)}:${v.port}`;
const rsSet = (rss: Doc[]) => rss.map((r) => `${ip(r.address)}:${r.port}/${r.weight ?? 1}`).sort();
const full = (v: Doc) => ({ scheduler: v.scheduler, flags: [...(v.flags ?? [])].sort(), timeout: v.timeout ?? 0, realServers: rsSet(v.realServers ?? []) });
const setOf = (sets: Doc, name: string): string[] => [...(sets[name] ?? [])].map(String).sort();

/** `-A CHAIN` rules of nat then filter: jump, --match-set and -s (conformance.py _ipvs_chain_rules). */
function chainRules(save: string, chain: string): Doc[] {
  const out: Doc[] = [];
  let table = '';
  for (const line of save.split('\n')) {
    if (line.startsWith('*')) table = line.slice(1);
    const toks = line.match(/"[^"]*"|\S+/g) ?? [];
    if (toks[0] !== '-A' || toks[1] !== chain) continue;
    const r: Doc = { table, jump: null, matchSet: null, sourceAddress: null };
    toks.forEach((t, i) => {
      if (t === '-j') r.jump = toks[i + 1];
      if (t === '--match-set') r.matchSet = toks[i + 1];
      if (t === '-s' && toks[i - 1] !== '!') r.sourceAddress = toks[i + 1];
    });
    out.push(r);
  }
  return [...out.filter((r) => r.table === 'nat'), ...out.filter((r) => r.table === 'filter')];
}
const wantRule = (w: Doc, withTable: boolean) => ({
  jump: w.jump, matchSet: w.matchSet ?? null, ...(w.sourceAddress ? { sourceAddress: w.sourceAddress } : {}), ...(withTable ? { table: w.table } : {}),
});
const gotRule = (g: Doc, w: Doc, withTable: boolean) => ({
  jump: g.jump, matchSet: g.matchSet, ...(w.sourceAddress ? { sourceAddress: g.sourceAddress } : {}), ...(withTable ? { table: g.table } : {}),
});

const trimLines = (s: string) => s.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n').map((l) => l.trimEnd()).join('\n');

describe.each(FILES)('ipvs vector %s', (file) => {
  const path = resolve(DIR, file);
  const want: Doc = JSON.parse(readFileSync(path, 'utf8'));
  const got = fill(strip(want), path) as Doc;
  const exhaustive = String(want.ipvsAssertion ?? '').includes('complete IPVS state');
  const evs: Doc[] = want.expectedVirtualServers ?? [];
  const find = (vss: Doc[], v: Doc) => vss.find((x) => vsKey(x) === vsKey(v));

  if ('expectedVirtualServerCount' in want || exhaustive) {
    it('virtualServerCount', () => {
      expect(got.actualVirtualServers.length).toBe(want.expectedVirtualServerCount ?? evs.length);
    });
  }
  for (const v of evs) {
    const mode = v.asserted === undefined && exhaustive ? 'full'
      : v.asserted === undefined || String(v.asserted).startsWith('yes') ? 'realServers'
        : v.asserted === 'timeout' ? 'timeout' : null;
    if (mode) {
      it(`virtualServer ${vsKey(v)} [${mode}]`, () => {
        const g = find(got.actualVirtualServers, v);
        expect(g, `virtual server ${vsKey(v)} in ${JSON.stringify(got.actualVirtualServers.map(vsKey))}`).toBeDefined();
        if (mode === 'full') expect(full(g!)).toEqual(full(v));
        else if (mode === 'realServers') expect(rsSet(g!.realServers)).toEqual(rsSet(v.realServers));
        else expect(g!.timeout).toBe(v.timeout);
      });
    }
    it(`(derived) virtualServer ${vsKey(v)} [full]`, () => {
      const g = find(got.actualVirtualServers, v);
      expect(g && full(g), vsKey(v)).toEqual(full(v));
    });
  }
  for (const [name, entries] of Object.entries<string[]>(want.expectedIPSets ?? {})) {
    it(`ipset ${name}`, () => expect(setOf(got.actualIPSets, name)).toEqual([...entries].sort()));
  }
  for (const [chain, rules] of Object.entries<Doc[]>(want.expectedIptablesChains ?? {})) {
    for (const withTable of [false, true]) {
      it(`${withTable ? '(derived) ' : ''}iptables chain ${chain}${withTable ? ' (with table)' : ''}`, () => {
        const g = chainRules(got.actualIptablesSave, chain);
        expect(g.map((r, i) => gotRule(r, rules[i] ?? {}, withTable)), got.actualIptablesSave).toEqual(rules.map((r) => wantRule(r, withTable)));
      });
    }
  }
  const after = want.afterEndpointSliceDelete;
  if (after) {
    const a = got.afterEndpointSliceDelete;
    if ('virtualServerCount' in after) it('afterEndpointSliceDelete virtualServerCount', () => expect(a.actualVirtualServers.length).toBe(after.virtualServerCount));
    if ('realServers' in after) {
      it('afterEndpointSliceDelete realServers', () => {
        const targets: [string, Doc[]][] = Array.isArray(after.realServers)
          ? [[`${ip(evs[0]!.address)}:${evs[0]!.port}`, after.realServers]]
          : Object.entries<Doc[]>(after.realServers).map(([hp, rs]) => [`${ip(hp.slice(0, hp.lastIndexOf(':')))}:${hp.slice(hp.lastIndexOf(':') + 1)}`, rs]);
        for (const [hp, rs] of targets) {
          const g = a.actualVirtualServers.find((v: Doc) => `${ip(v.address)}:${v.port}` === hp);
          expect(g, hp).toBeDefined();
          expect(rsSet(g.realServers), hp).toEqual(rsSet(rs));
        }
      });
    }
    for (const [name, entries] of Object.entries<unknown>(after)) {
      if (name === 'virtualServerCount' || name === 'realServers') continue;
      it(`afterEndpointSliceDelete ipset ${name}`, () => expect(setOf(a.actualIPSets, name)).toEqual([...(entries as string[])].sort()));
    }
  }
  (want.steps ?? []).forEach((step: Doc, i: number) => {
    it(`steps[${i}] ${step.action}`, () => {
      expect([...got.steps[i].actualKubeIpvs0Addresses].map(ip).sort()).toEqual([...step.kubeIpvs0Addresses].map(ip).sort());
    });
  });
  const der = want.derived;
  if (der?.ipsets) {
    it('(derived) ipsets (all)', () => {
      for (const [name, entries] of Object.entries<string[]>(der.ipsets)) expect(setOf(got.actualIPSets, name), name).toEqual([...entries].sort());
      const extra = Object.entries<string[]>(got.actualIPSets).filter(([k, v]) => v.length > 0 && !(k in der.ipsets)).map(([k]) => k);
      expect(extra, 'unexpected non-empty ipsets').toEqual([]);
    });
  }
  if (der?.kubeIpvs0Addresses) {
    it('(derived) kube-ipvs0 addresses', () => expect([...got.actualKubeIpvs0Addresses].map(ip).sort()).toEqual([...der.kubeIpvs0Addresses].map(ip).sort()));
  }
  if (der?.ipvsadmLn) it('(derived) ipvsadm -Ln', () => expect(trimLines(got.actualIpvsadmLn)).toBe(trimLines(der.ipvsadmLn)));
  if (want.derivedKubeIpvsOutFilter) {
    it('(derived) KUBE-IPVS-OUT-FILTER rule', () => {
      const norm = (s: string) => s.split(/\s+/).join(' ');
      const lines = String(got.actualIptablesSave).split('\n').filter((l) => l.startsWith('-A KUBE-IPVS-OUT-FILTER')).map(norm);
      expect(lines).toContain(norm(want.derivedKubeIpvsOutFilter));
    });
  }
});

describe('ipvs family input errors (exit 2, naming the file and field)', () => {
  const base = JSON.parse(readFileSync(resolve(DIR, FILES[0]!), 'utf8')) as Doc;
  it.each<[string, Doc, RegExp]>([
    ['no config', { ...strip(base), config: undefined }, /x\.json: config: expected an object/],
    ['manifests not a string', { ...strip(base), manifests: 7 }, /x\.json: manifests: expected a string/],
    ['bad YAML', { ...strip(base), manifests: 'kind: [' }, /x\.json: manifests:/],
    ['unreadable step', { ...strip(base), steps: [{ action: 'reboot the node' }] }, /x\.json: steps\[0\]\.action: cannot read/],
  ])('%s', (_n, doc, re) => {
    expect(() => fill(doc, 'x.json')).toThrow(re);
  });
});
