// The DNS families read vector documents: any JSON gives a filled document or a one-line
// CliError naming the file (vectors/README.md "Errors"), never a crash.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../io.ts';
import { fill as fillQueries } from './dnsQueries.ts';
import { fill as fillResolvConf } from './dnsResolvConf.ts';
import { fill as fillSearch } from './dnsSearchSequence.ts';

/** Documents shaped roughly like the vectors, with random holes and wrong types. */
const value = fc.jsonValue({ maxDepth: 3 });
const resolvDoc = fc.record({
  parseHostResolvConf: fc.record({ cases: fc.array(fc.record({ input: fc.oneof(fc.string(), value) }), { maxLength: 3 }) }),
  getPodDNS: fc.record({ cases: fc.array(fc.record({ cluster: fc.oneof(value, fc.record({ clusterDNS: fc.array(fc.string()), resolvConf: fc.option(fc.string()) })), pod: fc.oneof(value, fc.record({ dnsPolicy: fc.string(), dnsConfig: value })) }), { maxLength: 3 }) }),
  searchLimits: fc.record({ cases: fc.array(fc.record({ input: fc.oneof(fc.array(fc.string()), value), limits: fc.string() }), { maxLength: 3 }) }),
}, { requiredKeys: [] });
const queriesDoc = fc.record({
  fixtures: fc.oneof(value, fc.record({ F: fc.record({ services: fc.oneof(value, fc.array(fc.record({ name: fc.string(), namespace: fc.string(), clusterIPs: fc.array(fc.string()), ports: value }))), endpointSlices: value, namespaces: value }) })),
  suites: fc.array(fc.record({ fixture: fc.constantFrom('F', 'G'), config: value, cases: fc.array(fc.record({ qname: fc.oneof(fc.string(), value), qtype: fc.constantFrom('A', 'SRV', 'PTR', 'X') }), { maxLength: 3 }) }), { maxLength: 2 }),
}, { requiredKeys: [] });
const searchDoc = fc.record({
  exampleCluster: fc.oneof(value, fc.record({ services: value, namespaces: value, outsideWorld: fc.string() })),
  cases: fc.array(fc.record({ client: fc.oneof(value, fc.record({ search: value, ndots: value, family: value })), name: fc.oneof(fc.string(), value) }), { maxLength: 3 }),
}, { requiredKeys: [] });

function onlyCliErrors(fill: (d: unknown, f: string) => unknown, doc: unknown): void {
  try {
    fill(doc, 'fuzz.json');
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    expect((e as Error).message.startsWith('fuzz.json')).toBe(true);
    expect((e as Error).message).not.toContain('\n');
  }
}

describe('DNS families on malformed documents', () => {
  it.each([
    ['dns-resolv-conf', fillResolvConf, resolvDoc],
    ['dns-queries', fillQueries, queriesDoc],
    ['dns-search-sequence', fillSearch, searchDoc],
  ] as const)('%s', (_n, fill, arb) => {
    fc.assert(fc.property(fc.oneof(arb, value), (doc) => onlyCliErrors(fill, doc)), { numRuns: 300 });
  });
});
