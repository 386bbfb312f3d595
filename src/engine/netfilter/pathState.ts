// The state one walked path carries: where it started, the per-node conntrack and xt_recent
// state, the outcome being built, and the skb (the packet plus what the kernel keeps with it).
import { cloneConntrack, type ConntrackEntry, type ConntrackTable, type CtDir } from './conntrack.ts';
import type { Dataplane, DataplanePod } from './dataplane.ts';
import type { CtState } from './match/context.ts';
import type { RecentTables } from './match/recent.ts';
import type { Packet } from './packet.ts';
import type { Rule } from './ruleset.ts';
import type { BranchChoice, TraceStep, Verdict } from './trace.ts';

/** Where a packet starts. */
export type StartPoint =
  | { readonly kind: 'pod'; readonly pod: DataplanePod }
  /** `related`: an ICMP error the node itself generates for a packet it rejected (ipt_REJECT). */
  | { readonly kind: 'host'; readonly node: string; readonly related?: boolean }
  | { readonly kind: 'wire'; readonly node: string; readonly iface: string };

export interface NodeState {
  conntrack: { entries: ConntrackEntry[]; nextId: number };
  recent: RecentTables;
}

export interface PathEnv {
  readonly dp: Dataplane;
  readonly now: number;
  readonly nodes: Map<string, NodeState>;
  choose(p: number, label: string): boolean;
  /** A uniform integer in [0, n) for --random-fully ports; absent in "all paths" (port kept). */
  randomInt?: (n: number) => number;
}

export interface PathOutcome {
  verdict: Verdict;
  endpoint: string;
  finalPacket: Packet;
  dnat: string | null;
  masquerade: boolean;
  decidedByRule: string | null;
  /** The last filter/mangle/raw/security rule whose ACCEPT let the packet through a table. */
  acceptedByRule: string | null;
  rejectReply?: Packet;
  /** Where the answer starts: the receiver of a DELIVERED packet, or the node that REJECTed it. */
  deliveredTo?: StartPoint;
  rulesEvaluated: number;
  steps: TraceStep[];
  notModelled: Set<string>;
  choices: BranchChoice[];
}

export interface Skb {
  pkt: Packet;
  ct: { entry: ConntrackEntry; dir: CtDir; state: CtState } | null;
  untracked: boolean;
  /** conntrack refused the packet (ctstate INVALID): no entry, no NAT. */
  invalid?: boolean;
  /** An ICMP error for a rejected packet (ctstate RELATED, no binding to apply). */
  related?: boolean;
  inIface: string | null;
  outIface: string | null;
  /** skb->ipvs_property: IPVS already handled (and re-sent) this packet; its hooks skip it. */
  ipvsDone?: boolean;
}

export type HookEnd =
  | { readonly verdict: 'DROP' | 'REJECT'; readonly rule?: Rule; readonly rejectWith?: string }
  /** IPVS took the packet at LOCAL_IN (NF_STOLEN) and re-sends it to a real server via LOCAL_OUT. */
  | { readonly verdict: 'IPVS' }
  | null;

export function emptyNodeState(t?: ConntrackTable, recent?: RecentTables): NodeState {
  return { conntrack: cloneConntrack(t ?? { entries: [], nextId: 1 }), recent: recent ?? new Map() };
}
