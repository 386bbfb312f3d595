// dns-queries (vectors/README.md): CoreDNS kubernetes-plugin answers for (qname, qtype) against
// the vectors' fixture model, with each suite's Corefile options.
import {
  ClusterDNS,
  PLUGIN_DEFAULTS,
  formatRR,
  fqdn,
  readFixture,
  upstreamLookup,
  withExtraFixture,
  type CoreDNSConfig,
  type DnsClusterState,
  type DnsMessage,
  type PodMode,
  type UpstreamModel,
} from '../../../engine/dns/index.ts';
import { CliError } from '../../io.ts';
import { fixtureOrCliError } from './dnsInput.ts';
import { asArray, asObject, asString, type Json, type JsonObject } from '../input.ts';

const stringList = (v: Json | undefined, dflt: readonly string[]): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [...dflt]);

/** A suite's `config` → the plugin's options (unset keys keep the plugin defaults). */
export function readCoreDNSConfig(v: Json | undefined): CoreDNSConfig {
  const c = v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  const mode = c['podMode'];
  return {
    ...PLUGIN_DEFAULTS,
    zones: stringList(c['zones'], PLUGIN_DEFAULTS.zones).map((z) => fqdn(z).toLowerCase()),
    namespaces: stringList(c['namespaces'], []),
    podMode: mode === 'insecure' || mode === 'verified' ? (mode as PodMode) : 'disabled',
    ttl: typeof c['ttl'] === 'number' ? c['ttl'] : PLUGIN_DEFAULTS.ttl,
    ignoreEmptyService: c['ignoreEmptyService'] === true,
    endpointPodNames: c['endpointPodNames'] === true,
    fallthrough: Array.isArray(c['fallthrough']) ? stringList(c['fallthrough'], []).map((z) => fqdn(z).toLowerCase()) : c['fallthrough'] === true ? [] : null,
    localIPs: stringList(c['localIPs'], []),
    informerSynced: c['informerSynced'] !== false,
  };
}

/**
 * A case's `upstreamStub` prose, e.g. "upstream resolver returns (truncated=true) A
 * ext.interwebs.test. -> 1.2.3.4": every `TYPE name -> value` is a record; `truncated=true` sets TC.
 */
export function readUpstreamStub(text: string, ttl: number): UpstreamModel {
  const records = [...text.matchAll(/\b(A|AAAA|CNAME)\s+([A-Za-z0-9_.-]+)\s*->\s*([A-Za-z0-9_.:-]+)/g)].map((m) => {
    const type = m[1] as 'A' | 'AAAA' | 'CNAME';
    const data = type === 'CNAME' ? fqdn(m[3] as string) : (m[3] as string).replace(/\.$/, '');
    return { name: m[2] as string, type, data };
  });
  return { records, truncated: /truncated\s*=\s*true/i.test(text), ttl, unknownNames: 'nxdomain' };
}

function answerTwins(m: DnsMessage): JsonObject {
  return {
    actualRcode: m.rcode,
    actualAnswer: m.answer.map(formatRR),
    actualAuthority: m.authority.map(formatRR),
    actualAdditional: m.additional.map(formatRR),
    actualTruncated: m.truncated,
  };
}

export function fill(doc: unknown, file: string): unknown {
  const root = asObject(doc, file, 'document');
  const fixtureError = <T>(f: () => T): T => fixtureOrCliError(file, f);
  const fixturesDoc = asObject(root['fixtures'], file, 'fixtures');
  const fixtures = new Map<string, DnsClusterState>();
  const fixture = (name: Json | undefined, where: string): DnsClusterState => {
    const key = name === undefined ? Object.keys(fixturesDoc)[0] ?? '' : asString(name, file, `${where}.fixture`);
    if (!fixtures.has(key)) {
      if (!(key in fixturesDoc)) throw new CliError(`${file}: ${where}.fixture: no fixture named "${key}" in fixtures`);
      fixtures.set(key, fixtureError(() => readFixture(fixturesDoc[key], `fixtures.${key}`)));
    }
    return fixtures.get(key)!;
  };
  const answerCase = (raw: Json, where: string, state: DnsClusterState, config: CoreDNSConfig): JsonObject => {
    const c = asObject(raw, file, where);
    const qname = asString(c['qname'], file, `${where}.qname`);
    const qtype = asString(c['qtype'], file, `${where}.qtype`);
    const stub = typeof c['upstreamStub'] === 'string' ? upstreamLookup(readUpstreamStub(c['upstreamStub'], config.ttl)) : null;
    const cluster = fixtureError(() => withExtraFixture(state, c['extraFixture'], `${where}.extraFixture`));
    return { ...c, ...answerTwins(new ClusterDNS(cluster, config, stub).serve(qname, qtype).message) };
  };
  const out: JsonObject = { ...root };
  const suites: JsonObject[] = asArray(root['suites'] ?? [], file, 'suites').map((raw, i) => {
    const s = asObject(raw, file, `suites[${i}]`);
    const state = fixture(s['fixture'], `suites[${i}]`);
    const config = readCoreDNSConfig(s['config']);
    const cases = asArray(s['cases'], file, `suites[${i}].cases`).map((c, j) => answerCase(c, `suites[${i}].cases[${j}]`, state, config));
    return { ...s, cases };
  });
  if ('suites' in root) out['suites'] = suites;
  const serveSuite = suites.find((s) => s['name'] === 'TestServeDNS') ?? suites[0];
  if (root['derivedCases'] !== undefined) {
    const d = asObject(root['derivedCases'], file, 'derivedCases');
    const state = fixture(d['fixture'] ?? serveSuite?.['fixture'], 'derivedCases');
    const baseConfig = d['config'] ?? serveSuite?.['config'];
    out['derivedCases'] = {
      ...d,
      cases: asArray(d['cases'], file, 'derivedCases.cases').map((c, j) => {
        const co = asObject(c, file, `derivedCases.cases[${j}]`);
        return answerCase(c, `derivedCases.cases[${j}]`, state, readCoreDNSConfig(co['config'] ?? baseConfig));
      }),
    };
  }
  if (root['zoneTransfer'] !== undefined) {
    const z = asObject(root['zoneTransfer'], file, 'zoneTransfer');
    const config = readCoreDNSConfig(z['config']);
    const dns = new ClusterDNS(fixture(z['fixture'], 'zoneTransfer'), config, null);
    out['zoneTransfer'] = { ...z, actualRecords: dns.serve(config.zones[0] ?? 'cluster.local.', 'AXFR').message.answer.map(formatRR) };
  }
  if (!('suites' in root) && !('derivedCases' in root) && !('zoneTransfer' in root)) {
    throw new CliError(`${file}: no dns-queries section (suites, derivedCases, zoneTransfer)`);
  }
  return out;
}
