// Pipeline step 2–3: from parsed documents to admitted, defaulted objects, as `kubectl apply`
// against an apiserver would have it: config kinds are read into the lab settings, unknown kinds
// are kept with a warning, invalid objects are rejected with their validation errors, namespaced
// objects get `default`, and each kind gets its API defaults. Nothing is allocated yet.
import type { Diagnostic } from '../shared/diagnostics.ts';
import { parseCIDR } from '../shared/ip.ts';
import { defaultPodSpec } from './defaults/podDefaults.ts';
import { defaultServiceSpec } from './defaults/serviceDefaults.ts';
import { defaultWorkloadSpec } from './defaults/workloadDefaults.ts';
import { KINDS } from './kinds.ts';
import { DEFAULT_SERVICE_CIDR, toKubeletConfiguration, toKubeProxyConfiguration, type KubeletConfiguration, type KubeProxyConfiguration } from './labConfig.ts';
import type { KubeObject, SourceRef } from './objects.ts';
import type { ParsedObject } from './parseManifests.ts';
import { Reporter } from './validation/reporter.ts';
import { validateObject } from './validation/validateObject.ts';
import { deepClone } from './deepClone.ts';

export interface Candidate {
  readonly object: KubeObject;
  readonly source?: SourceRef;
  readonly reporter: Reporter;
}

export interface Admitted {
  readonly candidates: Candidate[];
  readonly kubeProxyConfig: KubeProxyConfiguration;
  readonly kubeletConfig: KubeletConfiguration;
  readonly serviceCIDRs: string[];
  readonly diagnostics: Diagnostic[];
}

export function applyDefaults(o: KubeObject, serviceFamilies: readonly ('IPv4' | 'IPv6')[]): void {
  switch (o.kind) {
    case 'Pod': o.spec ??= {}; defaultPodSpec(o.spec); break;
    case 'Service': defaultServiceSpec(o.spec, serviceFamilies); break;
    case 'Deployment': case 'ReplicaSet': case 'DaemonSet': case 'StatefulSet': defaultWorkloadSpec(o.kind, o.spec); break;
    case 'Namespace': o.metadata.labels = { 'kubernetes.io/metadata.name': o.metadata.name, ...(o.metadata.labels ?? {}) }; o.spec ??= { finalizers: ['kubernetes'] }; o.status ??= { phase: 'Active' }; break;
    default: break;
  }
}

export function admitObjects(parsed: readonly ParsedObject[]): Admitted {
  const diagnostics: Diagnostic[] = [];
  const candidates: Candidate[] = [];
  let kubeProxyUser: unknown;
  let kubeletUser: unknown;
  const serviceCIDRs: string[] = [];
  const accepted: { p: ParsedObject; r: Reporter }[] = [];
  for (const p of parsed) {
    const info = KINDS[p.object.kind];
    const r = validateObject(p);
    diagnostics.push(...r.diagnostics);
    if (r.hasErrors) continue;
    if (!info) {
      r.warn('kind', `kind "${p.object.kind}" (${p.object.apiVersion}) is not modelled by the lab; kept and ignored`);
      diagnostics.push(r.diagnostics[r.diagnostics.length - 1]!);
      candidates.push({ object: deepClone(p.object), source: p.source, reporter: r });
      continue;
    }
    if (p.object.kind === 'KubeProxyConfiguration') { kubeProxyUser = p.object; continue; }
    if (p.object.kind === 'KubeletConfiguration') { kubeletUser = p.object; continue; }
    if (p.object.kind === 'ServiceCIDR') {
      const cidrs: unknown[] = Array.isArray(p.object.spec?.cidrs) ? p.object.spec.cidrs : [];
      cidrs.forEach((c, i) => {
        if (typeof c === 'string' && parseCIDR(c)) serviceCIDRs.push(c);
        else { r.invalid(`spec.cidrs[${i}]`, c, 'must be a valid CIDR'); diagnostics.push(r.diagnostics[r.diagnostics.length - 1]!); }
      });
    }
    accepted.push({ p, r });
  }
  if (serviceCIDRs.length === 0) serviceCIDRs.push(DEFAULT_SERVICE_CIDR);
  const serviceFamilies = [...new Set(serviceCIDRs.map((c) => parseCIDR(c)!.family))];
  for (const { p, r } of accepted) {
    const o = deepClone(p.object);
    const info = KINDS[o.kind]!;
    if (info.namespaced) o.metadata.namespace ??= 'default';
    else delete o.metadata.namespace;
    applyDefaults(o, serviceFamilies);
    candidates.push({ object: o, source: p.source, reporter: r });
  }
  const { metadata: _m1, ...kp } = (kubeProxyUser ?? {}) as Record<string, unknown>;
  const { metadata: _m2, ...kl } = (kubeletUser ?? {}) as Record<string, unknown>;
  return { candidates, kubeProxyConfig: toKubeProxyConfiguration(kp), kubeletConfig: toKubeletConfiguration(kl), serviceCIDRs, diagnostics };
}
