// Pure mappers from the engine's DNS, Env and Ingress answers to what the tabs print.
import type { ClusterSnapshot } from '../../engine/cluster/objects.ts';
import type { QueryRecord } from '../../engine/dns/index.ts';
import type { EnvSource } from '../../engine/env/index.ts';
import type { BackendPort } from '../../engine/ingress/index.ts';
import type { DnsStepView } from '../../worker/handlers/dns.ts';
import type { MessageKey } from '../i18n/en.ts';

/** Every Pod of the snapshot as `namespace/name`, sorted, for the Pod picker. */
export function podRefsOf(s: ClusterSnapshot | null): string[] {
  if (!s) return [];
  return s.objects
    .filter((o) => o.object.kind === 'Pod')
    .map((o) => `${o.object.metadata.namespace ?? 'default'}/${o.object.metadata.name}`)
    .sort();
}

export type QueryVerdict = 'answer' | 'NODATA' | 'NXDOMAIN' | 'NOREPLY' | 'SERVFAIL' | 'REFUSED' | 'OTHER';

/** NOERROR with an empty answer section is NODATA (RFC 2308 §2.2): the name exists, the type does not. */
export function queryVerdict(q: Pick<QueryRecord, 'rcode' | 'answers'>): QueryVerdict {
  switch (q.rcode) {
    case 'NOERROR': return q.answers.length > 0 ? 'answer' : 'NODATA';
    case 'NXDOMAIN': case 'NOREPLY': case 'SERVFAIL': case 'REFUSED': return q.rcode;
    default: return 'OTHER';
  }
}

/** What the resolver did after this name: stop with an answer, stop on an error, or go on. */
export function stepVerdictKey(s: Pick<DnsStepView, 'outcome' | 'stopped' | 'queries'>): MessageKey {
  if (s.queries.length === 0) return 'dns.notSent';
  if (s.outcome === 'answer') return 'dns.answered';
  return s.stopped ? 'dns.stop' : 'dns.next';
}

export interface Label { readonly key: MessageKey; readonly vars?: Record<string, string> }

/** Where an env var came from (kubelet_pods.go makeEnvironmentVariables: envFrom, env, service links). */
export function envSourceLabel(src: EnvSource): Label {
  switch (src.kind) {
    case 'env': return { key: 'env.fromEnv' };
    case 'envFrom': return { key: 'env.fromEnvFrom', vars: { kind: src.from, name: src.name } };
    case 'configMapKeyRef': return { key: 'env.fromKeyRef', vars: { kind: 'ConfigMap', name: src.name, key: src.key } };
    case 'secretKeyRef': return { key: 'env.fromKeyRef', vars: { kind: 'Secret', name: src.name, key: src.key } };
    case 'fieldRef': return { key: 'env.fromField', vars: { path: src.fieldPath } };
    case 'resourceFieldRef': return { key: 'env.fromResource', vars: { resource: src.resource } };
    case 'serviceLink': return { key: 'env.fromService', vars: { service: src.service } };
  }
}

/** A short class for colouring the source chip. */
export function envSourceClass(src: EnvSource): string {
  if (src.kind === 'serviceLink') return 'src-service';
  if (src.kind === 'fieldRef' || src.kind === 'resourceFieldRef') return 'src-downward';
  if (src.kind === 'envFrom' || src.kind === 'configMapKeyRef' || src.kind === 'secretKeyRef') return 'src-ref';
  return 'src-env';
}

export function backendPortText(p: BackendPort): string {
  return typeof p === 'number' ? String(p) : `${p.name} (${p.resolvesTo ?? 'no such port'})`;
}
