// Public face of engine/dns: the Pod's resolv.conf (kubelet), the stub resolver's walk (glibc /
// musl) and CoreDNS's kubernetes plugin answers, for the CLI and the UI's DNS tab.
export { resolvConfForPod, DEFAULT_NODE_RESOLV_CONF, type PodResolvConf, type ResolvConfOptions } from './resolvConfForPod.ts';
export { resolveName, ResolveError, LAB_UPSTREAM, type ResolveNameResult, type ResolveOptions, type QueryRecord, type LookupType } from './resolveName.ts';
export { getPodDNS, formatDNSEvent, type KubeletDNSSettings, type PodDNSInput, type PodDNSResult, type DNSEvent } from './getPodDNS.ts';
export { parseResolvConf, renderResolvConf, type ResolvConf } from './resolvConf.ts';
export { getPodDNSType, type PodDNSType } from './podDNSType.ts';
export { mergeDNSOptions, appendDNSConfig, type PodDNSConfig } from './dnsConfigMerge.ts';
export { formDNSNameserversFitsLimits, formDNSSearchFitsLimits } from './dnsLimits.ts';
export { searchCandidates } from './resolver/searchCandidates.ts';
export { runResolver, type ResolverStep, type ResolveResult } from './resolver/stubResolver.ts';
export { readResolverOptions, muslSearchList, MAX_NDOTS, type ResolverKind, type AddressFamily } from './resolver/resolverOptions.ts';
export { ClusterDNS } from './coredns/serveDNS.ts';
export { coreDNSOf } from './coredns/fromSnapshot.ts';
export { parseCorefileKubernetes } from './coredns/corefile.ts';
export { formatRR, type DnsMessage, type RR } from './coredns/dnsMessage.ts';
// The vectors' fixture model and the pieces the conformance families drive directly.
export { readFixture, readFixtureEndpoints, readFixtureService, readNamespaces, withExtraFixture, FixtureModelError } from './coredns/fixtureModel.ts';
export { PLUGIN_DEFAULTS, kubeadmCorefile, type CoreDNSConfig, type DnsClusterState, type DnsEndpoints, type DnsService, type PodMode } from './coredns/model.ts';
export { upstreamLookup, inventAddress, type UpstreamModel, type UpstreamRecord } from './coredns/upstream.ts';
export { fqdn } from './coredns/names.ts';
export { qtypesFor, type DnsServer } from './resolver/stubResolver.ts';
export { SEARCH_LIMITS_CURRENT, SEARCH_LIMITS_LEGACY } from './dnsLimits.ts';
export type { PodDNSConfigOption } from './dnsConfigMerge.ts';
export { managedHostsEntries, renderHostsFile, lookupHosts, type HostsEntry } from './hostsFile.ts';
export { DNS_FIDELITY_NOTES } from './fidelityNotes.ts';
