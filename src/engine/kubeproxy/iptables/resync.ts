// The seed's critique, measured: every iptables sync rewrites the top-level chains and the whole
// filter table; kube-proxy's partial sync (proxier.go: tryPartialSync, serviceChanged /
// endpointsChanged) only re-emits the SVC/SVL/EXT/FW/SEP chains of Services that changed.
import { isServiceChainName } from '../chainNames.ts';
import { dequal } from 'dequal/lite';
import type { ProxyModel, ProxyServicePort } from '../types.ts';
import { renderRestore } from './renderRestore.ts';
import type { IptablesRuleset } from './ruleset.ts';
import { syncProxyRules } from './syncProxyRules.ts';

export interface SyncSize {
  /** `-A` lines in the restore input. */
  readonly rules: number;
  /** `:CHAIN` lines in the restore input. */
  readonly chains: number;
  /** Bytes of the restore input (UTF-8; it is ASCII). */
  readonly bytes: number;
}

export function measureRestore(text: string): SyncSize {
  let rules = 0;
  let chains = 0;
  // Line by line without splitting (a 10k-Service input is 33 MB in 435k lines).
  for (let i = 0; i < text.length; ) {
    if (text.startsWith('-A ', i)) rules++;
    else if (text.charCodeAt(i) === 58 /* : */) chains++;
    const nl = text.indexOf('\n', i);
    if (nl < 0) break;
    i = nl + 1;
  }
  return { rules, chains, bytes: text.length };
}

/** `ns/name` of a service port (the granularity of kube-proxy's change tracking). */
function namespacedName(id: string): string {
  const i = id.indexOf(':');
  return i < 0 ? id : id.slice(0, i);
}

/** A model's service ports grouped by Service (`ns/name`), in model order. */
function byService(m: ProxyModel): Map<string, ProxyServicePort[]> {
  const by = new Map<string, ProxyServicePort[]>();
  for (const sp of m.servicePorts) {
    const k = namespacedName(sp.service.id);
    const list = by.get(k);
    if (list) list.push(sp);
    else by.set(k, [sp]);
  }
  return by;
}

/**
 * Service ports whose Service and endpoints are identical in both models (partial sync skips
 * them): every port of the Service compares equal, field by field (dequal: no text is built, where
 * a JSON signature per Service cost ~0.5 s at 10k Services).
 */
export function unchangedServicePorts(prev: ProxyModel, next: ProxyModel): Set<string> {
  const a = byService(prev);
  const out = new Set<string>();
  for (const [k, ports] of byService(next)) {
    if (dequal(a.get(k), ports)) for (const sp of ports) out.add(sp.service.id);
  }
  return out;
}

function natChainNames(rs: IptablesRuleset): string[] {
  return rs.nat.chains.map((c) => c.name).filter(isServiceChainName);
}

export interface ResyncComparison {
  readonly full: SyncSize;
  readonly partial: SyncSize;
  readonly changedServicePorts: readonly string[];
  readonly partialRestore: string;
}

/** Rulesets already synced from the two models (the lab's worker keeps each node's last sync). */
export interface SyncedRulesets {
  readonly before: IptablesRuleset;
  readonly after: IptablesRuleset;
}

/**
 * The restore input of a full vs a partial resync from `prev` to `next`; `synced` saves syncing
 * both models again when the caller has their rulesets.
 */
export function compareResync(prev: ProxyModel, next: ProxyModel, synced?: SyncedRulesets): ResyncComparison {
  const before = synced?.before ?? syncProxyRules(prev);
  const after = synced?.after ?? syncProxyRules(next);
  const existingNatChains = natChainNames(before);
  const full = renderRestore(after, { existingNatChains });
  const unchanged = unchangedServicePorts(prev, next);
  const partialRestore = renderRestore(after, { existingNatChains, unchangedServicePorts: unchanged });
  return {
    full: measureRestore(full),
    partial: measureRestore(partialRestore),
    changedServicePorts: next.servicePorts.map((sp) => sp.service.id).filter((id) => !unchanged.has(id)),
    partialRestore,
  };
}
