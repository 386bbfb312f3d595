// Traces a packet through the dataplane. Random branches (`-m statistic`, IPVS schedulers)
// are either drawn from a seeded random (one path) or all explored ("all paths"): every
// reachable outcome with its probability, in rule order (the first branch taken first).
// Exploration replays the walk with a forced prefix of choices, so each path starts from the
// same conntrack/recent state and the walker itself stays straight-line code.
import type { SeededRandom } from '../shared/random.ts';
import type { ConntrackTable } from './conntrack.ts';
import type { Dataplane } from './dataplane.ts';
import type { RecentTables } from './match/recent.ts';
import { cloneRecent } from './match/recent.ts';
import { replyTo, type Packet } from './packet.ts';
import type { Trace, TracePath } from './trace.ts';
import { emptyNodeState, type NodeState, type PathOutcome, type StartPoint } from './pathState.ts';
import { walkPath } from './walkPath.ts';

export interface NodeConnState {
  readonly conntrack: ConntrackTable;
  readonly recent: RecentTables;
}

export interface WalkOptions {
  /** Simulated clock, ms. */
  readonly now?: number;
  /** One seeded path, or every path. */
  readonly mode: { readonly kind: 'seeded'; readonly random: SeededRandom } | { readonly kind: 'all' };
  /** Conntrack and xt_recent state per node before the packet (e.g. from an earlier trace). */
  readonly state?: ReadonlyMap<string, NodeConnState>;
  /** Also trace the reply of a DELIVERED packet back to its sender. */
  readonly reply?: boolean;
  /** Cap on explored paths (default 512). */
  readonly maxPaths?: number;
}

export interface TraceResult extends Trace {
  /** Node state after each path (conntrack -L, recent lists), parallel to `paths`. */
  readonly after: readonly ReadonlyMap<string, NodeConnState>[];
  /** The reply of each DELIVERED path, or the ICMP error of a REJECTed one (when `reply` was asked), parallel to `paths`. */
  readonly replies: readonly (TracePath | null)[];
  readonly truncated: boolean;
}

export function walkPacket(dp: Dataplane, start: StartPoint, pkt: Packet, opts: WalkOptions): TraceResult {
  const now = opts.now ?? 0;
  const maxPaths = opts.maxPaths ?? 512;
  const paths: TracePath[] = [];
  const after: Map<string, NodeConnState>[] = [];
  const replies: (TracePath | null)[] = [];
  const stack: boolean[][] = [[]];
  let truncated = false;
  while (stack.length > 0) {
    if (paths.length >= maxPaths) {
      truncated = true;
      break;
    }
    const prefix = stack.pop() as boolean[];
    const nodes = new Map<string, NodeState>();
    for (const [name, s] of opts.state ?? []) nodes.set(name, emptyNodeState(s.conntrack, cloneRecent(s.recent)));
    const taken: boolean[] = [];
    const out = blankOutcome(pkt);
    const choose = (p: number, label: string): boolean => {
      const i = taken.length;
      const t = i < prefix.length ? (prefix[i] as boolean) : opts.mode.kind === 'seeded' ? opts.mode.random.next() < p : true;
      taken.push(t);
      out.choices.push({ label, probability: p, taken: t });
      return t;
    };
    const randomInt = opts.mode.kind === 'seeded' ? opts.mode.random.int : undefined;
    walkPath({ dp, now, nodes, choose, ...(randomInt ? { randomInt } : {}) }, start, pkt, out);
    const path = toPath(out);
    let reply: TracePath | null = null;
    if (opts.reply && out.deliveredTo && (out.verdict === 'DELIVERED' || out.rejectReply)) {
      // The answer: the destination's reply, or the ICMP error / TCP RST a REJECT sends.
      const answer = out.rejectReply ?? replyTo(out.finalPacket);
      const rOut = blankOutcome(answer);
      walkPath({ dp, now, nodes, choose, ...(randomInt ? { randomInt } : {}) }, out.deliveredTo, answer, rOut);
      reply = toPath(rOut);
    }
    paths.push(path);
    replies.push(reply);
    after.push(new Map([...nodes].map(([n, s]) => [n, { conntrack: { entries: s.conntrack.entries, nextId: s.conntrack.nextId }, recent: s.recent }])));
    if (opts.mode.kind === 'seeded') break;
    // Alternatives, shallow first on the stack so the deepest is explored next (rule order).
    for (let i = prefix.length; i < taken.length; i++) stack.push([...taken.slice(0, i), !taken[i]]);
  }
  return { packet: pkt, paths, after, replies, truncated };
}

function blankOutcome(pkt: Packet): PathOutcome {
  return {
    verdict: 'DROP', endpoint: '', finalPacket: pkt, dnat: null, masquerade: false, decidedByRule: null, acceptedByRule: null,
    rulesEvaluated: 0, steps: [], notModelled: new Set(), choices: [],
  };
}

function toPath(o: PathOutcome): TracePath {
  const probability = o.choices.reduce((acc, c) => acc * (c.taken ? c.probability : 1 - c.probability), 1);
  return {
    probability,
    verdict: o.verdict,
    dnat: o.dnat,
    masquerade: o.masquerade,
    steps: o.steps,
    rulesEvaluated: o.rulesEvaluated,
    choices: o.choices,
    notModelled: [...o.notModelled],
    decidedByRule: o.decidedByRule,
    acceptedByRule: o.acceptedByRule,
    endpoint: o.endpoint,
    finalPacket: o.finalPacket,
    ...(o.rejectReply ? { rejectReply: o.rejectReply } : {}),
  };
}
