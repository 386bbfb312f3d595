// A trace is data (DESIGN.md habit 4): every hook entered, rule evaluated (matched or not),
// conntrack lookup, NAT, routing decision and verdict is one step.
import type { Packet } from './packet.ts';
import type { Hook, TableName } from './ruleset.ts';

export type Verdict = 'DELIVERED' | 'ACCEPT' | 'DROP' | 'REJECT';

export type StepKind =
  | 'start' // where the packet enters (pod netns, host socket, wire)
  | 'hook' // a netfilter hook entered
  | 'table' // a table's chain entered at a hook
  | 'rule' // one rule evaluated
  | 'skip' // a run of rules the index proved cannot match (still counted as evaluated)
  | 'policy' // a built-in chain's policy applied
  | 'conntrack' // lookup/creation/confirm
  | 'nat' // a NAT binding made or applied
  | 'route' // a routing decision
  | 'ipvs' // an IPVS hook
  | 'transmit' // the packet leaves a node / arrives at the next one
  | 'verdict'; // the end of this path

export interface TraceStep {
  readonly kind: StepKind;
  readonly node: string;
  readonly hook: Hook | null;
  readonly table: TableName | null;
  readonly chain: string | null;
  /** The rule's text as loaded (`-A KUBE-SERVICES …`). */
  readonly rule: string | null;
  /** 1-based position in its chain. */
  readonly ruleIndex: number | null;
  /** Line in the loaded dump, when the rule came from one. */
  readonly line?: number;
  readonly matched: boolean | null;
  readonly target: string | null;
  /** The packet after this step; `packetBefore` when the step changed it. */
  readonly packet: Packet;
  readonly packetBefore?: Packet;
  /** ctstate the packet has at this step (NEW, ESTABLISHED …). */
  readonly ctstate?: string;
  readonly route?: string;
  readonly note?: string;
}

export interface BranchChoice {
  readonly label: string;
  readonly probability: number;
  readonly taken: boolean;
}

export interface TracePath {
  /** Probability of this path (product of the random branches it took). */
  readonly probability: number;
  readonly verdict: Verdict;
  /** `ip:port` the packet was DNATed to, or null. */
  readonly dnat: string | null;
  /** Whether it was source-NATed (MASQUERADE/SNAT) on its way. */
  readonly masquerade: boolean;
  readonly steps: readonly TraceStep[];
  /** Rules the kernel evaluated (linear count, even where the lab used an index). */
  readonly rulesEvaluated: number;
  readonly choices: readonly BranchChoice[];
  /** Matches/targets met on this path that the lab does not model. */
  readonly notModelled: readonly string[];
  /** The explicit rule target that decided the verdict (ACCEPT/DROP/REJECT), if a rule did. */
  readonly decidedByRule: string | null;
  /** The last rule (not policy) whose ACCEPT let the packet through a table, e.g. `filter KUBE-NODEPORTS #1`. */
  readonly acceptedByRule: string | null;
  /** Where the packet ended: `pod ns/name`, `node NAME (local socket)`, `out eth0 of NAME` … */
  readonly endpoint: string;
  readonly finalPacket: Packet;
  /** For REJECT: the ICMP error (or TCP RST) sent back. */
  readonly rejectReply?: Packet;
}

export interface Trace {
  readonly packet: Packet;
  readonly paths: readonly TracePath[];
}
