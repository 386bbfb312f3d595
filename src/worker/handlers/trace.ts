// The Trace tab's engine call: a packet from SRC to DST through the lab cluster's netfilter, in the
// configured kube-proxy mode, or in both iptables and ipvs modes for the compare view. The same
// path as `podlab trace -f … --from … --to …` (src/cli/commands/trace.ts): dataplaneFromCluster →
// resolveTraceRequest → walkPacket with the reply traced too.
import type { ClusterSnapshot } from '../../engine/cluster/objects.ts';
import { dataplaneFromCluster, resolveTraceRequest, walkPacket, type Packet, type TracePath } from '../../engine/netfilter/index.ts';
import { formatDiagnostic } from '../../engine/shared/diagnostics.ts';
import { createRandom } from '../../engine/shared/random.ts';

export type ProxyTraceMode = 'iptables' | 'ipvs';
export const TRACE_PROTOS = ['tcp', 'udp', 'icmp'] as const;
export type TraceProto = (typeof TRACE_PROTOS)[number];

export interface TraceQuery {
  /** `pod/NS/NAME`, `node/NAME` or an IP (an outside client). */
  readonly from: string;
  /** `svc/NS/NAME:PORT`, `IP:PORT`, or a bare IP for ICMP. */
  readonly to: string;
  readonly proto: TraceProto;
  /** One seeded path, or every path (`null`). */
  readonly seed: number | null;
  /** Where an outside client's packet arrives. */
  readonly node?: string;
  /** Trace in both modes regardless of the configured one. */
  readonly compare: boolean;
}

/** One mode's trace; only plain data, so it crosses postMessage unchanged. */
export interface TraceRun {
  readonly mode: ProxyTraceMode;
  readonly packet: Packet;
  readonly paths: readonly TracePath[];
  /** The reply of each DELIVERED path, parallel to `paths`. */
  readonly replies: readonly (TracePath | null)[];
  readonly truncated: boolean;
  readonly warnings: readonly string[];
  /** `ns/name` of the Pod the packet starts in, for the diagram. */
  readonly srcPod: string | null;
}

export type TraceOutcome = { readonly runs: readonly TraceRun[]; readonly error: null } | { readonly runs: readonly []; readonly error: string };

function traceOne(snapshot: ClusterSnapshot, q: TraceQuery, forced: ProxyTraceMode | undefined): TraceRun | string {
  const { mode, dataplane: dp, diagnostics } = dataplaneFromCluster(snapshot, forced ? { mode: forced } : {});
  const bad = diagnostics.find((d) => d.severity === 'error');
  if (bad) return `rules did not load: ${formatDiagnostic(bad)}`;
  const r = resolveTraceRequest(snapshot, dp, { from: q.from, to: q.to, proto: q.proto, ...(q.node ? { node: q.node } : {}) });
  if ('error' in r) return r.error;
  const t = walkPacket(dp, r.start, r.packet, {
    mode: q.seed === null ? { kind: 'all' } : { kind: 'seeded', random: createRandom(q.seed) },
    reply: true,
  });
  return {
    mode,
    packet: t.packet, paths: t.paths, replies: t.replies, truncated: t.truncated, warnings: r.warnings,
    srcPod: r.start.kind === 'pod' ? `${r.start.pod.namespace}/${r.start.pod.name}` : null,
  };
}

/** `snapshot`: the worker's cached build of the page's text (shared with analyze and rules). */
export function runTrace(snapshot: ClusterSnapshot, q: TraceQuery): TraceOutcome {
  const modes: (ProxyTraceMode | undefined)[] = q.compare ? ['iptables', 'ipvs'] : [undefined];
  const runs: TraceRun[] = [];
  for (const m of modes) {
    let r: TraceRun | string;
    try {
      r = traceOne(snapshot, q, m);
    } catch (e) {
      r = `cannot trace this ruleset: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (typeof r === 'string') return { runs: [], error: r };
    runs.push(r);
  }
  return { runs, error: null };
}

/** Validates a trace query arriving at the worker; a message naming the bad field otherwise. */
export function checkTraceQuery(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'field query must be an object';
  const q = v as Record<string, unknown>;
  if (typeof q.from !== 'string' || !q.from) return 'field query.from must be a non-empty string';
  if (typeof q.to !== 'string' || !q.to) return 'field query.to must be a non-empty string';
  if (!(TRACE_PROTOS as readonly unknown[]).includes(q.proto)) return `field query.proto must be one of ${TRACE_PROTOS.join(', ')}`;
  if (q.seed !== null && !(typeof q.seed === 'number' && Number.isInteger(q.seed) && q.seed >= 0)) return 'field query.seed must be a non-negative integer or null';
  if (q.node !== undefined && typeof q.node !== 'string') return 'field query.node must be a string';
  if (typeof q.compare !== 'boolean') return 'field query.compare must be a boolean';
  return undefined;
}
