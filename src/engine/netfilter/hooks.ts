// What runs at each netfilter hook, in priority order (include/uapi/linux/netfilter_ipv4.h
// enum nf_ip_hook_priorities; registration in iptable_*.c, nf_conntrack_proto.c
// ipv4_conntrack_ops, nf_nat_proto.c nf_nat_ipv4_ops, ip_vs_core.c ip_vs_ops4).
import type { Hook, TableName } from './ruleset.ts';

export type HookCallback =
  | { readonly kind: 'table'; readonly table: Exclude<TableName, 'nat'>; readonly priority: number }
  | { readonly kind: 'conntrack'; readonly priority: number }
  | { readonly kind: 'nat'; readonly manip: 'DST' | 'SRC'; readonly priority: number }
  | { readonly kind: 'ipvs'; readonly priority: number }
  | { readonly kind: 'confirm'; readonly priority: number };

export const NF_IP_PRI = {
  RAW: -300,
  CONNTRACK: -200,
  MANGLE: -150,
  NAT_DST: -100,
  FILTER: 0,
  SECURITY: 50,
  NAT_SRC: 100,
  CONNTRACK_CONFIRM: 2147483647,
} as const;

const raw = { kind: 'table', table: 'raw', priority: NF_IP_PRI.RAW } as const;
const conntrack = { kind: 'conntrack', priority: NF_IP_PRI.CONNTRACK } as const;
const mangle = { kind: 'table', table: 'mangle', priority: NF_IP_PRI.MANGLE } as const;
const natDst = { kind: 'nat', manip: 'DST', priority: NF_IP_PRI.NAT_DST } as const;
const filter = { kind: 'table', table: 'filter', priority: NF_IP_PRI.FILTER } as const;
const security = { kind: 'table', table: 'security', priority: NF_IP_PRI.SECURITY } as const;
const natSrc = { kind: 'nat', manip: 'SRC', priority: NF_IP_PRI.NAT_SRC } as const;
const confirm = { kind: 'confirm', priority: NF_IP_PRI.CONNTRACK_CONFIRM } as const;

/** Callbacks per hook without IPVS. */
export const HOOK_CALLBACKS: Readonly<Record<Hook, readonly HookCallback[]>> = {
  PREROUTING: [raw, conntrack, mangle, natDst],
  INPUT: [mangle, filter, security, natSrc, confirm],
  FORWARD: [mangle, filter, security],
  OUTPUT: [raw, conntrack, mangle, natDst, filter, security],
  POSTROUTING: [mangle, natSrc, confirm],
};

/** ip_vs_in_hook: LOCAL_IN at NAT_SRC-1 (99), LOCAL_OUT at NAT_DST+2 (-98). */
const IPVS_AT: Partial<Record<Hook, number>> = { INPUT: NF_IP_PRI.NAT_SRC - 1, OUTPUT: NF_IP_PRI.NAT_DST + 2 };

/** The callbacks of a hook, with the IPVS one inserted at its priority when IPVS is loaded. */
export function callbacksFor(hook: Hook, withIpvs: boolean): readonly HookCallback[] {
  const base = HOOK_CALLBACKS[hook];
  const at = IPVS_AT[hook];
  if (!withIpvs || at === undefined) return base;
  return [...base, { kind: 'ipvs', priority: at } as const].sort((a, b) => a.priority - b.priority);
}
