// How the kubelet folds a Pod's spec.dnsConfig into the policy's result (dns.go appendDNSConfig).
import type { ResolvConf } from './resolvConf.ts';

/** core/v1 PodDNSConfig. */
export interface PodDNSConfig {
  readonly nameservers?: readonly string[];
  readonly searches?: readonly string[];
  readonly options?: readonly PodDNSConfigOption[];
}

export interface PodDNSConfigOption {
  readonly name: string;
  readonly value?: string | null;
}

/** kubelet dns.go omitDuplicates: keeps the first occurrence of each string. */
export function omitDuplicates(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

/**
 * kubelet dns.go mergeDNSOptions: options keyed by name (`ndots:5` → ndots), dnsConfig entries
 * override existing ones, a value-less (or empty-valued) option is written bare. Upstream rebuilds
 * the list from a Go map, so the order is undefined; this keeps first-insertion order.
 */
export function mergeDNSOptions(existing: readonly string[], dnsConfigOptions: readonly PodDNSConfigOption[]): string[] {
  const byName = new Map<string, string>();
  for (const op of existing) {
    const i = op.indexOf(':');
    if (i !== -1) byName.set(op.slice(0, i), op.slice(i + 1));
    else byName.set(op, '');
  }
  for (const op of dnsConfigOptions) byName.set(op.name, op.value ?? '');
  return [...byName].map(([name, value]) => (value !== '' ? `${name}:${value}` : name));
}

/** kubelet dns.go appendDNSConfig: nameservers and searches appended then de-duplicated; options merged. */
export function appendDNSConfig(base: ResolvConf, dnsConfig: PodDNSConfig): ResolvConf {
  return {
    nameservers: omitDuplicates([...base.nameservers, ...(dnsConfig.nameservers ?? [])]),
    searches: omitDuplicates([...base.searches, ...(dnsConfig.searches ?? [])]),
    options: mergeDNSOptions(base.options, dnsConfig.options ?? []),
  };
}
