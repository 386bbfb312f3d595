// The Pod's /etc/hosts as the kubelet writes it (pkg/kubelet/kubelet_pods.go
// managedHostsFileContent, hostsEntriesFromHostAliases; hostname and domain from
// GeneratePodHostNameAndDomain). Both glibc ("hosts: files dns") and musl (name_from_hosts)
// read it before asking DNS.
import type { KubeObject } from '../cluster/objects.ts';

export interface HostsEntry {
  readonly ip: string;
  readonly names: readonly string[];
}

/** kubelet_pods.go managedHostsHeader. */
const MANAGED_HOSTS_HEADER = '# Kubernetes-managed hosts file.\n';

/** GeneratePodHostNameAndDomain: spec.hostname or the Pod name (≤ 63), and `<subdomain>.<ns>.svc.<domain>`. */
export function podHostNameAndDomain(pod: KubeObject, clusterDomain: string): { hostname: string; domain: string } {
  const spec = pod.spec ?? {};
  const hostname = typeof spec.hostname === 'string' && spec.hostname !== '' ? spec.hostname : pod.metadata.name.slice(0, 63);
  const sub = typeof spec.subdomain === 'string' ? spec.subdomain : '';
  return { hostname, domain: sub !== '' ? `${sub}.${pod.metadata.namespace ?? 'default'}.svc.${clusterDomain}` : '' };
}

function hostsParts(pod: KubeObject, clusterDomain: string): { base: HostsEntry[]; aliases: HostsEntry[] } {
  const { hostname, domain } = podHostNameAndDomain(pod, clusterDomain);
  const status = pod.status ?? {};
  const ips: string[] = Array.isArray(status.podIPs) && status.podIPs.length > 0
    ? status.podIPs.map((p: { ip?: string }) => p.ip).filter((x: unknown): x is string => typeof x === 'string')
    : typeof status.podIP === 'string' ? [status.podIP] : [];
  const base: HostsEntry[] = [
    { ip: '127.0.0.1', names: ['localhost'] },
    { ip: '::1', names: ['localhost', 'ip6-localhost', 'ip6-loopback'] },
    { ip: 'fe00::0', names: ['ip6-localnet'] },
    { ip: 'fe00::0', names: ['ip6-mcastprefix'] },
    { ip: 'fe00::1', names: ['ip6-allnodes'] },
    { ip: 'fe00::2', names: ['ip6-allrouters'] },
    // "host entry generated for all IPs in podIPs"
    ...ips.map((ip) => ({ ip, names: domain ? [`${hostname}.${domain}`, hostname] : [hostname] })),
  ];
  const list: { ip?: unknown; hostnames?: unknown }[] = Array.isArray(pod.spec?.hostAliases) ? pod.spec.hostAliases : [];
  const aliases = list.flatMap((a) =>
    typeof a.ip === 'string' && Array.isArray(a.hostnames) ? [{ ip: a.ip, names: a.hostnames.filter((h): h is string => typeof h === 'string') }] : [],
  );
  return { base, aliases };
}

/**
 * The entries of a non-hostNetwork Pod's managed file: the localhost lines, one line per Pod IP
 * (`<ip> <hostname>.<domain> <hostname>` when a subdomain is set), then spec.hostAliases.
 */
export function managedHostsEntries(pod: KubeObject, clusterDomain: string): HostsEntry[] {
  const { base, aliases } = hostsParts(pod, clusterDomain);
  return [...base, ...aliases];
}

/** The file text (managedHostsFileContent + hostsEntriesFromHostAliases). */
export function renderHostsFile(pod: KubeObject, clusterDomain: string): string {
  const { base, aliases } = hostsParts(pod, clusterDomain);
  // The IPv6 localhost line separates its names with spaces, every other line with tabs.
  let out = MANAGED_HOSTS_HEADER + base.map((e) => `${e.ip}\t${e.names.join(e.ip === '::1' ? ' ' : '\t')}\n`).join('');
  if (aliases.length > 0) out += '\n# Entries added by HostAliases.\n' + aliases.map((e) => `${e.ip}\t${e.names.join('\t')}\n`).join('');
  return out;
}

/** The addresses /etc/hosts gives for `name` (case-insensitive, a trailing dot ignored), in file order. */
export function lookupHosts(entries: readonly HostsEntry[], name: string): string[] {
  const n = name.replace(/\.$/, '').toLowerCase();
  return entries.filter((e) => e.names.some((h) => h.toLowerCase() === n)).map((e) => e.ip);
}
