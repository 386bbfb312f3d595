// dns-search-sequence (vectors/README.md): the names glibc and musl try for a name typed in a
// Pod, and what happens against the file's example cluster.
import type { AddressFamily, ResolverKind } from '../../../engine/dns/resolver/resolverOptions.ts';
import {
  ClusterDNS,
  inventAddress,
  kubeadmCorefile,
  MAX_NDOTS,
  qtypesFor,
  readResolverOptions,
  readFixture,
  readFixtureEndpoints,
  readFixtureService,
  readNamespaces,
  runResolver,
  upstreamLookup,
  type DnsClusterState,
  type DnsEndpoints,
  type DnsService,
  type DnsServer,
  type ResolveResult,
  type UpstreamModel,
  type UpstreamRecord,
} from '../../../engine/dns/index.ts';
import { CliError } from '../../io.ts';
import { fixtureOrCliError } from './dnsInput.ts';
import { asArray, asObject, asString, type Json, type JsonObject } from '../input.ts';

const RESOLVERS: ResolverKind[] = ['glibc', 'musl'];

/**
 * The example's `outsideWorld` prose: "<name>. exists there (A+AAAA)" gives the name addresses
 * (documentation ranges; "(A only)" / "(AAAA only)" limit the types), "<name>. does not" makes it
 * NXDOMAIN. Other names: NXDOMAIN unless under a delegated TLD (upstream.ts 'tld').
 */
export function readOutsideWorld(text: string): UpstreamModel {
  const records: UpstreamRecord[] = [];
  for (const m of text.matchAll(/([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.)\s+exists(?:[^(;,]*\(([^)]*)\))?/g)) {
    const name = m[1] as string;
    const types = (m[2] ?? 'A+AAAA').toUpperCase();
    if (/\bA\b/.test(types) || !/AAAA/.test(types)) records.push({ name, type: 'A', data: inventAddress(name, 'A') });
    if (/AAAA/.test(types)) records.push({ name, type: 'AAAA', data: inventAddress(name, 'AAAA') });
  }
  const nonexistent = [...text.matchAll(/([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.)\s+does not/g)].map((m) => m[1] as string);
  return { records, nonexistent, unknownNames: 'tld' };
}

/**
 * The file's example cluster as CoreDNS (kubeadm's Corefile) sees it: its Services (a headless
 * one may list `endpoints` / `readyAddresses` inline), optional `endpointSlices` and `pods` in
 * the fixture model's shape, the namespaces that exist, and `outsideWorld` behind forward.
 */
function exampleServer(ex: JsonObject, file: string): DnsServer {
  const domain = asString(ex['clusterDomain'] ?? 'cluster.local', file, 'exampleCluster.clusterDomain');
  const fixture = fixtureOrCliError(file, () => readFixture({ ...ex, services: [] }, 'exampleCluster'));
  const services: DnsService[] = [];
  const endpoints: DnsEndpoints[] = [...fixture.endpoints];
  asArray(ex['services'] ?? [], file, 'exampleCluster.services').forEach((raw, i) => {
    const where = `exampleCluster.services[${i}]`;
    const svc = fixtureOrCliError(file, () => readFixtureService(raw, where));
    // API validation requires ports on a ClusterIP Service and CoreDNS answers per port; the
    // example omits them, so each gets one unnamed TCP port.
    services.push(svc.ports.length > 0 ? svc : { ...svc, ports: [{ name: '', protocol: 'TCP', port: 80 }] });
    const o = asObject(raw, file, where);
    const inline = o['readyAddresses'] ?? o['endpoints'];
    if (Array.isArray(inline)) {
      const readyAddresses = inline.map((a) => (typeof a === 'string' ? { ip: a } : a));
      endpoints.push(...fixtureOrCliError(file, () => readFixtureEndpoints({ readyAddresses, ports: o['ports'] ?? [] }, where, svc)));
    }
  });
  const cluster: DnsClusterState = { ...fixture, services, endpoints, namespaceExists: readNamespaces(ex['namespaces']) };
  const upstream = upstreamLookup(readOutsideWorld(typeof ex['outsideWorld'] === 'string' ? ex['outsideWorld'] : ''));
  const dns = new ClusterDNS(cluster, kubeadmCorefile(domain), upstream);
  return (qname, qtype) => dns.serve(qname, qtype).message;
}

/** A resolver run as the vectors write a trace: one step per name sent, the last with `result`. */
export function traceSteps(r: ResolveResult): JsonObject[] {
  const sent = r.steps.filter((s) => s.outcome !== 'NOT_SENT');
  return sent.map((s, i) => {
    const step: JsonObject = { qname: s.qname };
    const rc = s.queries.find((q) => q.rcode !== 'NOERROR')?.rcode;
    step['rcode'] = s.outcome === 'answer' ? 'NOERROR' : s.outcome === 'NODATA' ? 'NOERROR (no data)' : (rc ?? s.outcome);
    for (const q of s.queries) {
      const addrs = q.answers.filter((a) => a.type === q.qtype).map((a) => a.data);
      step[q.qtype] = q.rcode !== 'NOERROR' ? q.rcode : addrs.length > 0 ? `NOERROR ${addrs.join(' ')}` : 'NOERROR (no data)';
    }
    if (i === sent.length - 1) step['result'] = r.success ? `success - ${r.addresses.join(' ')}` : `fail - ${r.error ?? 'not found'}`;
    return step;
  });
}

export function fill(doc: unknown, file: string): unknown {
  const root = asObject(doc, file, 'document');
  const server = exampleServer(asObject(root['exampleCluster'] ?? {}, file, 'exampleCluster'), file);
  const cases = asArray(root['cases'], file, 'cases').map((raw, i) => {
    const where = `cases[${i}]`;
    const c = asObject(raw, file, where);
    const client = asObject(c['client'], file, `${where}.client`);
    const name = asString(c['name'], file, `${where}.name`);
    const search = asArray(client['search'] ?? [], file, `${where}.client.search`).map((s, j) => asString(s, file, `${where}.client.search[${j}]`));
    // resolv.conf `options` if the client lists them; `ndots` given on its own wins.
    const fromOptions = readResolverOptions(asArray(client['options'] ?? [], file, `${where}.client.options`).map((o, j) => asString(o, file, `${where}.client.options[${j}]`)));
    const ndots = client['ndots'] === undefined ? fromOptions.ndots : client['ndots'];
    if (typeof ndots !== 'number') throw new CliError(`${file}: ${where}.client.ndots: expected a number`);
    const family = typeof client['family'] === 'string' ? client['family'] : 'AF_UNSPEC';
    if (!['AF_UNSPEC', 'AF_INET', 'AF_INET6'].includes(family)) throw new CliError(`${file}: ${where}.client.family: expected AF_UNSPEC, AF_INET or AF_INET6`);
    const opts = { ...fromOptions, ndots: Math.min(MAX_NDOTS, ndots), noTldQuery: fromOptions.noTldQuery || client['noTldQuery'] === true };
    const runs = RESOLVERS.map((k) => runResolver(k, name, search, opts, server, qtypesFor(family as AddressFamily)));
    const candidates: { [k: string]: Json } = {};
    const traces: { [k: string]: Json } = {};
    runs.forEach((r) => {
      candidates[r.resolver] = [...r.candidates];
      traces[r.resolver] = traceSteps(r);
    });
    return { ...c, actualCandidatesIfAllFail: candidates, actualTraceAgainstCluster: traces };
  });
  return { ...root, cases };
}
