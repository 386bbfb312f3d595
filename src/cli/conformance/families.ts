// Conformance families (../shared/vectors/README.md). Each family lives in its own file under
// families/ and exports `fill(doc, file)`: the stripped vector document with every actual… twin
// added. A family throws ConformanceInputError (exit 2) when the input lacks what it needs.

export type FillFn = (doc: unknown, file: string) => unknown;

export const FAMILIES = {
  iptables: () => import('./families/iptables.ts').then((m) => m.fill),
  ipvs: () => import('./families/ipvs.ts').then((m) => m.fill),
  'pod-phase': () => import('./families/podPhase.ts').then((m) => m.fill),
  'pod-qos': () => import('./families/podQos.ts').then((m) => m.fill),
  'kubectl-status': () => import('./families/kubectlStatus.ts').then((m) => m.fill),
  'eviction-order': () => import('./families/evictionOrder.ts').then((m) => m.fill),
  'pod-conditions': () => import('./families/podConditions.ts').then((m) => m.fill),
  'dns-resolv-conf': () => import('./families/dnsResolvConf.ts').then((m) => m.fill),
  'dns-queries': () => import('./families/dnsQueries.ts').then((m) => m.fill),
  'dns-search-sequence': () => import('./families/dnsSearchSequence.ts').then((m) => m.fill),
  envvars: () => import('./families/envvars.ts').then((m) => m.fill),
  'ingress-conformance': () => import('./families/ingressConformance.ts').then((m) => m.fill),
  'ingress-path-matching': () => import('./families/ingressPathMatching.ts').then((m) => m.fill),
} satisfies Record<string, () => Promise<FillFn>>;

export type Family = keyof typeof FAMILIES;

export function isFamily(name: string): name is Family {
  return Object.prototype.hasOwnProperty.call(FAMILIES, name);
}
