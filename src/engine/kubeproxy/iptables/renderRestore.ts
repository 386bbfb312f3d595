// The iptables-restore input kube-proxy writes (proxier.go syncProxyRules, the final
// `*filter … COMMIT *nat … COMMIT` buffer passed to RestoreAll with NoFlushTables).
import { isServiceChainName } from '../chainNames.ts';
import { pushRuleText, type IptablesRuleset, type IptablesTable } from './ruleset.ts';

export interface RestoreOptions {
  /**
   * Partial sync: service ports (ServicePortName strings) whose Service and EndpointSlices did not
   * change; their SVC/SVL/EXT/FW/SEP chains are neither declared nor refilled.
   */
  readonly unchangedServicePorts?: ReadonlySet<string>;
  /** nat chains present on the node before this sync; stale per-service ones get `-X`. */
  readonly existingNatChains?: readonly string[];
}

// Lines go out as pieces, each followed by a newline piece, and the whole input is joined once
// (a template string per rule made ~3 ropes per rule of a 324k-rule sync).
function renderTable(t: IptablesTable, opts: RestoreOptions, out: string[]): void {
  const skip = opts.unchangedServicePorts;
  const skippedChains = new Set<string>();
  if (skip) for (const c of t.chains) if (c.servicePort !== undefined && skip.has(c.servicePort)) skippedChains.add(c.name);
  out.push(`*${t.name}`, '\n');
  for (const c of t.chains) if (!skippedChains.has(c.name)) out.push(':', c.name, ' - [0:0]\n');
  const stale: string[] = [];
  if (t.name === 'nat' && opts.existingNatChains) {
    const active = new Set(t.chains.map((c) => c.name));
    for (const c of opts.existingNatChains) if (isServiceChainName(c) && !active.has(c)) stale.push(c);
    // Declaring a chain flushes it, which iptables requires before -X.
    for (const c of stale) out.push(':', c, ' - [0:0]\n');
  }
  for (let i = 0; i < t.rules.length; i++) {
    const r = t.rules[i]!;
    if (skippedChains.size > 0 && skippedChains.has(r.chain)) continue;
    pushRuleText(r, out);
    out.push('\n');
  }
  for (const c of stale) out.push('-X ', c, '\n');
  out.push('COMMIT\n');
}

/** kube-proxy's restore input for this ruleset, in its write order. */
export function renderRestore(rs: IptablesRuleset, opts: RestoreOptions = {}): string {
  const out: string[] = [];
  renderTable(rs.filter, opts, out);
  renderTable(rs.nat, opts, out);
  return out.join('');
}
