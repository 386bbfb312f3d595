// One trace path (and its reply) → the stepper's rows: one row per step the kernel takes, with the
// packet before and after it, the hook to light on the netfilter diagram and the node/Pod to light
// on the cluster diagram. `table` steps (a chain entered) are folded into their first rule, as the
// kernel's TRACE target prints them (xt_TRACE: "table:chain:rule:N").
import type { Packet, TracePath, TraceStep } from '../../engine/netfilter/index.ts';

/** The boxes of the hook diagram; LOCAL_IN/LOCAL_OUT are where IPVS hooks in (ip_vs_core.c ip_vs_ops4). */
export type LitHook = 'PREROUTING' | 'ROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING' | 'LOCAL_IN' | 'LOCAL_OUT';

export type Direction = 'request' | 'reply';

export interface StepRow {
  readonly index: number;
  readonly dir: Direction;
  readonly step: TraceStep;
  readonly before: Packet;
  readonly after: Packet;
  readonly ctstate: string | null;
  readonly hook: LitHook | null;
  readonly node: string;
  /** `namespace/name` of a Pod the packet is in at this step. */
  readonly pod: string | null;
}

/** `pod ns/name` (a path's endpoint) → `ns/name`. */
export function podOfEndpoint(endpoint: string): string | null {
  const m = /^pod (\S+\/\S+)/.exec(endpoint);
  return m ? (m[1] as string) : null;
}

export function litHookOf(s: TraceStep): LitHook | null {
  if (s.kind === 'route') return 'ROUTING';
  if (s.kind === 'ipvs') {
    // IPVS schedules a new connection at LOCAL_IN (ip_vs_remote_request4) or, for a packet the
    // host itself sends, at LOCAL_OUT (ip_vs_local_request4).
    if (s.hook === 'INPUT') return 'LOCAL_IN';
    if (s.hook === 'OUTPUT') return 'LOCAL_OUT';
  }
  return s.hook;
}

function rowsOf(path: TracePath, dir: Direction, first: Packet, srcPod: string | null, offset: number, out: StepRow[]): void {
  let prev = first;
  let ct: string | null = null;
  const lastPod = podOfEndpoint(path.endpoint);
  for (const [i, s] of path.steps.entries()) {
    const before = s.packetBefore ?? prev;
    prev = s.packet;
    if (s.ctstate) ct = s.ctstate;
    if (s.kind === 'table') continue;
    let pod: string | null = null;
    if (i === 0 && s.kind === 'start') pod = srcPod;
    else if ((s.kind === 'verdict' && s.target === 'DELIVERED') || (s.kind === 'transmit' && /into the netns of pod/.test(s.note ?? ''))) pod = lastPod;
    out.push({ index: offset + out.length, dir, step: s, before, after: s.packet, ctstate: s.ctstate ?? ct, hook: litHookOf(s), node: s.node, pod });
  }
}

/** Rows of a path followed by its reply's (the reply starts in the Pod the request reached). */
export function traceRows(path: TracePath, reply: TracePath | null, firstPacket: Packet, srcPod: string | null): StepRow[] {
  const out: StepRow[] = [];
  rowsOf(path, 'request', firstPacket, srcPod, 0, out);
  if (reply) {
    const first = reply.steps[0]?.packet ?? path.finalPacket;
    rowsOf(reply, 'reply', first, podOfEndpoint(path.endpoint), 0, out);
  }
  return out;
}
