// The small world a packet walks through: nodes (interfaces, local addresses, routes, the
// loaded ruleset, ipsets) and pods (IP, node, host-side veth). Lab clusters
// (dataplaneFromCluster.ts) and real dumps (dataplaneFromDump.ts) both produce this, so one
// walker serves both.
import type { IPSet } from './ipset.ts';
import type { IpvsHandler } from './ipvsHook.ts';
import type { Ruleset } from './ruleset.ts';

export interface NetInterface {
  readonly name: string;
  /** Addresses with their prefix, e.g. `192.168.0.2/24` (as `ip -o addr` shows them). */
  readonly addresses: readonly string[];
  /** For a pod's host-side veth: the pod it leads to (`ns/name`). */
  readonly pod?: string;
}

export interface Route {
  /** `default`, or a prefix such as `10.244.1.0/24`, or a host `10.244.0.5/32`. */
  readonly dst: string;
  readonly dev: string;
  readonly via?: string;
  /** Preferred source address (`ip route … src`). */
  readonly src?: string;
}

export interface DataplaneNode {
  readonly name: string;
  readonly interfaces: readonly NetInterface[];
  /** Every address of the node (the kernel's `local` table), including ones on DOWN devices. */
  readonly localIPs: readonly string[];
  readonly routes: readonly Route[];
  readonly ruleset: Ruleset;
  readonly ipsets?: readonly IPSet[];
  /** kube-proxy ipvs mode: the virtual servers, consulted at the IPVS hooks. */
  readonly ipvs?: IpvsHandler;
}

export interface DataplanePod {
  readonly name: string;
  readonly namespace: string;
  readonly ip: string;
  readonly node: string;
  /** hostNetwork pods use the node's own stack. */
  readonly hostNetwork?: boolean;
  /** The host end of the pod's veth (routed-veth CNI, kindnet/ptp style). */
  readonly hostVeth?: string;
}

export interface Dataplane {
  readonly nodes: readonly DataplaneNode[];
  readonly pods: readonly DataplanePod[];
}
