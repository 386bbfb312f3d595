// What a match can look at while a rule is evaluated: the packet, where it is (hook and
// interfaces), the node's addresses, its conntrack state, ipsets and xt_recent lists.
import type { ConntrackEntry, CtDir } from '../conntrack.ts';
import type { IPSet } from '../ipset.ts';
import type { Packet } from '../packet.ts';
import type { Hook } from '../ruleset.ts';
import type { RecentTables } from './recent.ts';

/** ctinfo as `-m conntrack --ctstate` sees it (nf_conntrack_common.h). */
export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED';

export interface CtView {
  readonly state: CtState;
  readonly dir: CtDir;
  readonly entry: ConntrackEntry | null;
}

export interface NodeAddressing {
  /** True when the address is on this node (the kernel's `local` routing table). */
  isLocal(addr: string): boolean;
  /** Addresses configured on one interface (for addrtype --limit-iface-*). */
  addressesOf(iface: string): readonly string[];
}

export interface MatchContext {
  readonly pkt: Packet;
  readonly hook: Hook;
  readonly inIface: string | null;
  readonly outIface: string | null;
  readonly node: NodeAddressing;
  readonly ct: CtView;
  readonly ipsets: ReadonlyMap<string, IPSet>;
  readonly recent: RecentTables;
  /** Simulated clock, ms. */
  readonly now: number;
  /** Bridge ports when the packet is bridged (br_netfilter); null on a routed path. */
  readonly physIn: string | null;
  readonly physOut: string | null;
  /** Takes a random branch with probability p (seeded, or explored both ways in "all paths"). */
  choose(p: number, label: string): boolean;
}

/** true/false, or why the option cannot be evaluated (never treated as matching). */
export type OptionResult = boolean | { readonly notModelled: string };
