// dns-resolv-conf (vectors/README.md): the kubelet's resolv.conf pipeline, one section per
// upstream test function of pkg/kubelet/network/dns/dns_test.go.
import {
  SEARCH_LIMITS_CURRENT,
  SEARCH_LIMITS_LEGACY,
  formDNSNameserversFitsLimits,
  formDNSSearchFitsLimits,
  formatDNSEvent,
  getPodDNS,
  getPodDNSType,
  mergeDNSOptions,
  parseResolvConf,
  renderResolvConf,
  type PodDNSConfig,
  type PodDNSConfigOption,
} from '../../../engine/dns/index.ts';
import { CliError } from '../../io.ts';
import { asArray, asObject, asString, type Json, type JsonObject } from '../input.ts';

type CaseFill = (c: JsonObject, where: string, file: string) => JsonObject;

const strings = (v: unknown, file: string, where: string): string[] =>
  asArray(v ?? [], file, where).map((x, i) => asString(x, file, `${where}[${i}]`));

function dnsOptions(v: unknown, file: string, where: string): PodDNSConfigOption[] {
  return asArray(v ?? [], file, where).map((raw, i) => {
    const o = asObject(raw, file, `${where}[${i}]`);
    const value = o['value'];
    return { name: asString(o['name'], file, `${where}[${i}].name`), value: typeof value === 'string' ? value : null };
  });
}

function dnsConfig(v: unknown, file: string, where: string): PodDNSConfig | null {
  if (v === null || v === undefined) return null;
  const o = asObject(v, file, where);
  return {
    nameservers: strings(o['nameservers'], file, `${where}.nameservers`),
    searches: strings(o['searches'], file, `${where}.searches`),
    options: dnsOptions(o['options'], file, `${where}.options`),
  };
}

const confJson = (c: { nameservers: readonly string[]; searches: readonly string[]; options: readonly string[] }): Json => ({
  nameservers: [...c.nameservers],
  searches: [...c.searches],
  options: [...c.options],
});

const SECTIONS: Record<string, CaseFill> = {
  parseHostResolvConf(c, where, file) {
    const r = parseResolvConf(asString(c['input'], file, `${where}.input`));
    return r.errors.length > 0 ? { ...c, actual: null, actualError: true } : { ...c, actual: confJson(r.conf), actualError: false };
  },
  podDNSType(c, where, file) {
    const policy = c['dnsPolicy'] === undefined ? '' : asString(c['dnsPolicy'], file, `${where}.dnsPolicy`);
    const t = getPodDNSType(policy, c['hostNetwork'] === true);
    return { ...c, actual: t.error ? 'error' : t.type };
  },
  mergeOptions(c, where, file) {
    return { ...c, actual: mergeDNSOptions(strings(c['existing'], file, `${where}.existing`), dnsOptions(c['dnsConfigOptions'], file, `${where}.dnsConfigOptions`)) };
  },
  nameserverLimits(c, where, file) {
    const r = formDNSNameserversFitsLimits(strings(c['input'], file, `${where}.input`));
    return { ...c, actual: r.list, actualEvent: r.event !== null };
  },
  searchLimits(c, where, file) {
    const limits = c['limits'] === 'legacy' ? SEARCH_LIMITS_LEGACY : SEARCH_LIMITS_CURRENT;
    const r = formDNSSearchFitsLimits(strings(c['input'], file, `${where}.input`), limits);
    return { ...c, actual: r.list, actualEvent: r.event };
  },
  getPodDNS(c, where, file) {
    const cl = asObject(c['cluster'], file, `${where}.cluster`);
    const pod = asObject(c['pod'], file, `${where}.pod`);
    const resolv = cl['resolvConf'];
    const r = getPodDNS(
      {
        clusterDNS: strings(cl['clusterDNS'], file, `${where}.cluster.clusterDNS`),
        clusterDomain: cl['clusterDomain'] === undefined ? '' : asString(cl['clusterDomain'], file, `${where}.cluster.clusterDomain`),
        resolvConf: resolv === null || resolv === undefined ? null : asString(resolv, file, `${where}.cluster.resolvConf`),
        nodeIPs: strings(cl['nodeIPs'], file, `${where}.cluster.nodeIPs`),
      },
      {
        namespace: pod['namespace'] === undefined ? '' : asString(pod['namespace'], file, `${where}.pod.namespace`),
        ...(typeof pod['name'] === 'string' ? { name: pod['name'] } : {}),
        dnsPolicy: pod['dnsPolicy'] === undefined ? 'ClusterFirst' : asString(pod['dnsPolicy'], file, `${where}.pod.dnsPolicy`),
        hostNetwork: pod['hostNetwork'] === true,
        dnsConfig: dnsConfig(pod['dnsConfig'], file, `${where}.pod.dnsConfig`),
      },
    );
    return {
      ...c,
      actual: r.conf ? confJson(r.conf) : null,
      actualRenderedResolvConf: r.conf ? renderResolvConf(r.conf) : null,
      actualEvents: r.events.map(formatDNSEvent),
    };
  },
};

export function fill(doc: unknown, file: string): unknown {
  const root = asObject(doc, file, 'document');
  const present = Object.keys(SECTIONS).filter((k) => k in root);
  if (present.length === 0) throw new CliError(`${file}: no dns-resolv-conf section (${Object.keys(SECTIONS).join(', ')})`);
  const out: JsonObject = { ...root };
  for (const name of present) {
    const section = asObject(root[name], file, name);
    const cases = asArray(section['cases'], file, `${name}.cases`).map((raw, i) => {
      const where = `${name}.cases[${i}]`;
      return SECTIONS[name]!(asObject(raw, file, where), where, file);
    });
    out[name] = { ...section, cases };
  }
  return out;
}
