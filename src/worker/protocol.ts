// The typed, versioned message protocol between the page and the engine worker
// (aesthetics.md §6, Penrose's optimizer/common.ts). Every message carries `version`; a message of
// another version, or of a shape we do not know, is rejected at the boundary with a clear error,
// never half-handled. A later domain adds a request by adding one entry to `EngineRequests` and
// `EngineResponses` and one handler in engineHost.ts: existing requests do not change.
import type { ManifestFile } from '../engine/cluster/buildCluster.ts';
import type { ClusterSnapshot } from '../engine/cluster/objects.ts';
import { checkRulesRequest, type RulesRequestPayload, type RulesResponsePayload } from './handlers/rulesTypes.ts';
import { checkTraceQuery, type TraceOutcome, type TraceQuery } from './handlers/trace.ts';
import { checkPodsRequest, type PodsRequest, type PodsView } from './handlers/podsTypes.ts';
import type { DnsLookupRequest, DnsView, IngressRouteRequest, IngressRouteView, PodEnvView, PodRef } from './handlers/dns.ts';

export const PROTOCOL_VERSION = 1;

/** Request payloads by type. */
export interface EngineRequests {
  ping: Record<never, never>;
  /** Parse and build the cluster from the user's manifests. */
  analyze: { files: ManifestFile[] };
  /** Rules tab: what kube-proxy programmed on a node, one command's view of it. */
  rules: RulesRequestPayload;
  /** DNS, Env and Ingress tabs: over the snapshot of these files (the one analyze built, cached). */
  dnsLookup: { files: ManifestFile[] } & DnsLookupRequest;
  podEnv: { files: ManifestFile[] } & PodRef;
  ingressRoute: { files: ManifestFile[] } & IngressRouteRequest;
  /** Trace tab and compare view: a packet through the cluster's netfilter. */
  trace: { files: ManifestFile[]; query: TraceQuery };
  /** Pods tab: the simulated clock over the cluster's Pods (or a scenario), one Pod's views. */
  pods: PodsRequest;
}

/** Response payloads by request type. */
export interface EngineResponses {
  ping: { engine: 'podlab' };
  analyze: { snapshot: ClusterSnapshot; elapsedMs: number };
  rules: RulesResponsePayload;
  dnsLookup: { view: DnsView };
  podEnv: { view: PodEnvView };
  ingressRoute: { view: IngressRouteView };
  trace: { outcome: TraceOutcome };
  pods: { view: PodsView };
}

export type RequestType = keyof EngineRequests;

export type EngineRequest<T extends RequestType = RequestType> = {
  [K in T]: { version: typeof PROTOCOL_VERSION; id: number; type: K } & EngineRequests[K];
}[T];

export type EngineResponse<T extends RequestType = RequestType> =
  | { [K in T]: { version: typeof PROTOCOL_VERSION; id: number; type: K; ok: true } & EngineResponses[K] }[T]
  | { version: typeof PROTOCOL_VERSION; id: number; type: T; ok: false; error: string };

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

const REQUEST_TYPES: readonly RequestType[] = ['ping', 'analyze', 'rules', 'dnsLookup', 'podEnv', 'ingressRoute', 'trace', 'pods'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkEnvelope(m: unknown, what: string): Result<{ id: number; type: RequestType }> {
  if (!isRecord(m)) return { ok: false, error: `${what}: not an object` };
  if (m.version !== PROTOCOL_VERSION) {
    return { ok: false, error: `${what}: protocol version ${JSON.stringify(m.version)}, expected ${PROTOCOL_VERSION}` };
  }
  if (typeof m.id !== 'number' || !Number.isInteger(m.id)) return { ok: false, error: `${what}: field id must be an integer` };
  if (typeof m.type !== 'string' || !REQUEST_TYPES.includes(m.type as RequestType)) {
    return { ok: false, error: `${what}: unknown type ${JSON.stringify(m.type)}` };
  }
  return { ok: true, value: { id: m.id, type: m.type as RequestType } };
}

function checkFiles(v: unknown): string | undefined {
  if (!Array.isArray(v)) return 'field files must be an array';
  for (const [i, f] of v.entries()) {
    if (!isRecord(f) || typeof f.name !== 'string' || typeof f.text !== 'string') {
      return `field files[${i}] must be {name: string, text: string}`;
    }
  }
  return undefined;
}

const str = (r: Record<string, unknown>, k: string) => (typeof r[k] === 'string' ? undefined : `field ${k} must be a string`);

/** The DNS tab's requests: the files plus the few fields each one reads. */
function checkDnsViewRequest(type: 'dnsLookup' | 'podEnv' | 'ingressRoute', r: Record<string, unknown>): string | undefined {
  const filesErr = checkFiles(r.files);
  if (filesErr) return filesErr;
  if (type === 'ingressRoute') {
    if (r.scheme !== 'http' && r.scheme !== 'https') return 'field scheme must be http or https';
    return str(r, 'host') ?? str(r, 'path');
  }
  const podErr = str(r, 'namespace') ?? str(r, 'pod');
  if (podErr || type === 'podEnv') return podErr;
  if (r.resolver !== 'glibc' && r.resolver !== 'musl') return 'field resolver must be glibc or musl';
  if (r.qtype !== undefined && !['A', 'AAAA', 'SRV', 'PTR'].includes(r.qtype as string)) return 'field qtype must be A, AAAA, SRV or PTR';
  return str(r, 'name');
}

/** Validate a message arriving at the worker. */
export function parseRequest(m: unknown): Result<EngineRequest> {
  const env = checkEnvelope(m, 'request');
  if (!env.ok) return env;
  const r = m as Record<string, unknown>;
  switch (env.value.type) {
    case 'ping':
      return { ok: true, value: { version: PROTOCOL_VERSION, id: env.value.id, type: 'ping' } };
    case 'analyze': {
      const err = checkFiles(r.files);
      if (err) return { ok: false, error: `request analyze: ${err}` };
      return { ok: true, value: { version: PROTOCOL_VERSION, id: env.value.id, type: 'analyze', files: r.files as ManifestFile[] } };
    }
    case 'rules': {
      const err = checkFiles(r.files) ?? checkRulesRequest(r);
      if (err) return { ok: false, error: `request rules: ${err}` };
      return { ok: true, value: r as EngineRequest };
    }
    case 'trace': {
      const err = checkFiles(r.files) ?? checkTraceQuery(r.query);
      if (err) return { ok: false, error: `request trace: ${err}` };
      return { ok: true, value: { version: PROTOCOL_VERSION, id: env.value.id, type: 'trace', files: r.files as ManifestFile[], query: r.query as TraceQuery } };
    }
    case 'pods': {
      const err = checkFiles(r.files) ?? checkPodsRequest(r);
      if (err) return { ok: false, error: `request pods: ${err}` };
      return { ok: true, value: r as EngineRequest };
    }
    case 'dnsLookup':
    case 'podEnv':
    case 'ingressRoute': {
      const err = checkDnsViewRequest(env.value.type, r);
      if (err) return { ok: false, error: `request ${env.value.type}: ${err}` };
      return { ok: true, value: r as EngineRequest };
    }
  }
}

/** Validate a message arriving at the page. Payloads are the engine's own output, so past the
 * envelope only the fields the page reads first are checked. */
export function parseResponse(m: unknown): Result<EngineResponse> {
  const env = checkEnvelope(m, 'response');
  if (!env.ok) return env;
  const r = m as Record<string, unknown>;
  if (r.ok === false) {
    if (typeof r.error !== 'string') return { ok: false, error: 'response: field error must be a string' };
    return { ok: true, value: r as EngineResponse };
  }
  if (r.ok !== true) return { ok: false, error: 'response: field ok must be a boolean' };
  if (env.value.type === 'analyze') {
    const s = r.snapshot;
    if (!isRecord(s) || !Array.isArray(s.objects) || !Array.isArray(s.diagnostics)) {
      return { ok: false, error: 'response analyze: field snapshot must have objects[] and diagnostics[]' };
    }
  }
  return { ok: true, value: r as EngineResponse };
}

/** A request dropped because a newer one of the same kind replaced it; not an engine failure. */
export class SupersededError extends Error {
  constructor() {
    super('superseded by a newer request');
    this.name = 'SupersededError';
  }
}

/** What the page holds: one way to ask the engine, whether it runs in a worker or in-process. */
export interface EngineClient {
  request<T extends RequestType>(type: T, payload: EngineRequests[T]): Promise<EngineResponse<T>>;
  dispose(): void;
}
