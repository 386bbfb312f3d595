// The Rules view's data as it crosses the worker boundary: plain JSON, no engine classes.

/** The object a rendered line came from (a ruleset rule's provenance). */
export interface RuleLink {
  /** `Service/<ns>/<name>`. */
  readonly service?: string;
  /** `EndpointSlice/<ns>/<name>` of the endpoint the line is about. */
  readonly endpointSlice?: string;
}

export const RULES_VIEWS = ['iptables-save', 'iptables-nat', 'iptables-filter', 'ipvsadm', 'ipset', 'kube-ipvs0'] as const;
export type RulesViewId = (typeof RULES_VIEWS)[number];

/** The text a node shows for one command, line by line, each with the object it came from. */
export interface RulesDump {
  readonly lines: readonly string[];
  /** Same length as lines; null where no object produced the line. */
  readonly links: readonly (RuleLink | null)[];
}

/** A node of the chain tree: a rule (or virtual/real server) and where it jumps. */
export interface RulesTreeNode {
  readonly text: string;
  readonly link?: RuleLink;
  readonly children: readonly RulesTreeNode[];
}

export interface SyncSizeInfo { readonly rules: number; readonly chains: number; readonly bytes: number }

export interface RulesStats {
  /** `-A` lines kube-proxy's restore input writes on this node. */
  readonly rules: number;
  readonly chains: number;
  /** Bytes of kube-proxy's iptables-restore input. */
  readonly restoreBytes: number;
  /** Rules a packet to the last Service walks in KUBE-SERVICES (iptables) — the linear cost. */
  readonly kubeServicesRules: number;
  /** ipvs mode: virtual servers (one hash lookup regardless of count). */
  readonly virtualServers: number;
}

/** The last change on this node: full vs partial resync (kube-proxy proxier.go tryPartialSync). */
export interface ResyncInfo {
  readonly full: SyncSizeInfo;
  readonly partial: SyncSizeInfo;
  readonly changedServicePorts: readonly string[];
}

export interface RulesRequestPayload {
  readonly files: { name: string; text: string }[];
  /** Node name; default the first Node. */
  readonly node?: string;
  readonly view?: RulesViewId;
  /** `Service/<ns>/<name>` whose chain tree to build. */
  readonly service?: string;
}

export interface RulesResponsePayload {
  readonly mode: 'iptables' | 'ipvs';
  readonly nodes: readonly string[];
  readonly node: string;
  readonly views: readonly RulesViewId[];
  readonly view: RulesViewId;
  readonly dump: RulesDump;
  readonly stats: RulesStats;
  readonly resync: ResyncInfo | null;
  readonly tree: RulesTreeNode | null;
  readonly warnings: readonly string[];
}

/** Boundary check for a `rules` request (files already checked by the caller). */
export function checkRulesRequest(r: Record<string, unknown>): string | undefined {
  if (r.node !== undefined && typeof r.node !== 'string') return 'field node must be a string';
  if (r.view !== undefined && !RULES_VIEWS.includes(r.view as RulesViewId)) return `field view must be one of ${RULES_VIEWS.join(', ')}`;
  if (r.service !== undefined && typeof r.service !== 'string') return 'field service must be a string';
  return undefined;
}
