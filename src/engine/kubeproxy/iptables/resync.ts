// The seed's critique, measured: every iptables sync rewrites the top-level chains and the whole
// filter table; kube-proxy's partial sync (proxier.go: tryPartialSync, serviceChanged /
// endpointsChanged) only re-emits the SVC/SVL/EXT/FW/SEP chains of Services that changed.
import { isServiceChainName } from '../chainNames.ts';
import type { ProxyModel } from '../types.ts';
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
  for (const l of text.split('\n')) {
    if (l.startsWith('-A ')) rules++;
    else if (l.startsWith(':')) chains++;
  }
  return { rules, chains, bytes: text.length };
}

/** `ns/name` of a service port (the granularity of kube-proxy's change tracking). */
function namespacedName(id: string): string {
  const i = id.indexOf(':');
  return i < 0 ? id : id.slice(0, i);
}

/** Service ports whose Service and endpoints are identical in both models (partial sync skips them). */
export function unchangedServicePorts(prev: ProxyModel, next: ProxyModel): Set<string> {
  const sig = (m: ProxyModel) => {
    const by = new Map<string, string>();
    for (const sp of m.servicePorts) {
      const k = namespacedName(sp.service.id);
      by.set(k, (by.get(k) ?? '') + JSON.stringify(sp));
    }
    return by;
  };
  const a = sig(prev);
  const b = sig(next);
  const out = new Set<string>();
  for (const sp of next.servicePorts) {
    const k = namespacedName(sp.service.id);
    if (a.get(k) === b.get(k)) out.add(sp.service.id);
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

/** The restore input of a full vs a partial resync from `prev` to `next`. */
export function compareResync(prev: ProxyModel, next: ProxyModel): ResyncComparison {
  const before = syncProxyRules(prev);
  const after = syncProxyRules(next);
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
