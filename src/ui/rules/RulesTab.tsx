// The Rules tab: what kube-proxy programmed on a node, as the commands an SRE runs there print it
// (iptables-save, iptables -L, ipvsadm -Ln, ipset list, ip addr show kube-ipvs0). Every line links
// back to the object that produced it; the selected Service's chain tree; what the last change cost.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ClusterSnapshot } from '../../engine/cluster/objects.ts';
import { RULES_VIEWS, type RuleLink, type RulesViewId } from '../../worker/handlers/rulesTypes.ts';
import { useT } from '../i18n/useT.ts';
import { useAppState, useAppStore } from '../useAppState.ts';
import { ChainTree } from './ChainTree.tsx';
import { filterLines, linkMatches } from './filterLines.ts';
import { RuleText } from './RuleLine.tsx';
import { RulesStats } from './RulesStats.tsx';
import { VirtualLines } from './VirtualLines.tsx';
import './rules.css';

/** The Service whose chain tree to show: the selected one, or the one that generated the selected EndpointSlice. */
export function treeServiceOf(selected: string | null, snapshot: ClusterSnapshot | null): string | null {
  if (!selected) return null;
  if (selected.startsWith('Service/')) return selected;
  const owner = snapshot?.objects.find((o) => o.key === selected)?.generatedBy;
  return owner?.startsWith('Service/') ? owner : null;
}

export function RulesTab() {
  const t = useT();
  const store = useAppStore();
  const engine = useAppState((s) => s.engine);
  const snapshot = useAppState((s) => s.snapshot);
  const selected = useAppState((s) => s.selected);
  const selectionVersion = useAppState((s) => s.selectionVersion);
  const selectionOrigin = useAppState((s) => s.selectionOrigin);
  const rules = useAppState((s) => s.rules);
  const diff = useAppState((s) => s.rulesDiff);
  const error = useAppState((s) => s.rulesError);
  const node = useAppState((s) => s.rulesNode);
  const view = useAppState((s) => s.rulesView);
  const query = useAppState((s) => s.rulesQuery);
  const selectedOnly = useAppState((s) => s.rulesSelectedOnly);
  const [note, setNote] = useState<string | null>(null);
  const treeService = treeServiceOf(selected, snapshot);

  // Asked on demand: while this tab is open, when the cluster, the node, the command or the Service changes.
  useEffect(() => {
    void store.getState().loadRules(treeService);
  }, [store, engine, snapshot, node, view, treeService]);

  const related = useMemo(() => {
    const keys = new Set<string>();
    if (selected) keys.add(selected);
    const owner = selected ? snapshot?.objects.find((o) => o.key === selected)?.generatedBy : undefined;
    if (owner) keys.add(owner);
    return keys;
  }, [selected, snapshot]);

  const shown = useMemo(() => (rules
    ? filterLines(rules.dump.lines, rules.dump.links, { query, object: selectedOnly ? selected : null, related })
    : []), [rules, query, selectedOnly, selected, related]);

  // Selecting an object elsewhere (diagram, YAML) scrolls the dump to its first rule.
  const scrollTo = useMemo(() => {
    if (!rules || !selected || selectionOrigin === 'inspector') return null;
    const row = shown.findIndex((idx) => linkMatches(rules.dump.links[idx], related));
    return row < 0 ? null : { row, key: `${selectionVersion}/${rules.node}/${rules.view}` };
  }, [rules, selected, selectionOrigin, selectionVersion, shown, related]);

  const pick = useCallback((link: RuleLink) => {
    const s = store.getState();
    const slice = link.endpointSlice ? s.snapshot?.objects.find((o) => o.key === link.endpointSlice) : undefined;
    // A generated EndpointSlice has no YAML of its own: show the object it came from, and say so.
    if (slice?.generatedBy) {
      s.select(slice.generatedBy, 'inspector');
      setNote(t('rules.generated', { slice: slice.key, owner: slice.generatedBy }));
    } else {
      s.select(link.endpointSlice ?? link.service ?? null, 'inspector');
      setNote(null);
    }
  }, [store, t]);

  if (error && !rules) return <p className="problem error">{t('rules.error', { error })}</p>;
  if (!rules) return <p className="empty-note">{t('rules.loading')}</p>;
  if (rules.nodes.length === 0) return <p className="empty-note">{t('rules.noNodes')}</p>;

  const renderRow = (i: number) => {
    const idx = shown[i]!;
    const line = rules.dump.lines[idx]!;
    const link = rules.dump.links[idx];
    const cls = `rule-line${diff?.added.has(idx) ? ' added' : ''}`;
    if (!link) return <div className={cls}><RuleText text={line} /></div>;
    const object = link.endpointSlice ?? link.service ?? '';
    return (
      <button type="button" className={`${cls} linked${object === selected || link.service === selected ? ' is-selected' : ''}`}
        aria-label={t('rules.lineLink', { object, line })} title={object} onClick={() => pick(link)}>
        <RuleText text={line} />
      </button>
    );
  };

  return (
    <div className="rules-tab">
      <div className="rules-controls">
        <span className="rules-mode" data-testid="rules-mode">{t('rules.mode', { mode: rules.mode })}</span>
        <label className="field">
          <span>{t('rules.node')}</span>
          <select value={rules.node} onChange={(e) => store.getState().setRulesNode(e.target.value)}>
            {rules.nodes.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('rules.view')}</span>
          <select value={rules.view} onChange={(e) => store.getState().setRulesView(e.target.value as RulesViewId)}>
            {rules.views.filter((v) => RULES_VIEWS.includes(v)).map((v) => <option key={v} value={v}>{t(`rules.view.${v}`)}</option>)}
          </select>
        </label>
      </div>
      <div className="rules-controls">
        <input type="search" className="rules-search" placeholder={t('rules.search')} aria-label={t('rules.search')}
          value={query} onChange={(e) => store.getState().setRulesQuery(e.target.value)} />
        <label className="field">
          <input type="checkbox" checked={selectedOnly} onChange={(e) => store.getState().setRulesSelectedOnly(e.target.checked)} />
          <span>{t('rules.selectedOnly')}</span>
        </label>
        <span className="muted rules-count">{t('rules.shown', { shown: shown.length, total: rules.dump.lines.length })}</span>
      </div>
      <RulesStats rules={rules} diff={diff} />
      {note && <p className="rules-note" role="status">{note}</p>}
      <section className="rules-tree-section">
        {treeService ? (
          <>
            <h3>{t(rules.mode === 'ipvs' ? 'rules.treeIpvs' : 'rules.tree', { service: treeService })}</h3>
            {rules.tree
              ? <ChainTree node={rules.tree} onPick={pick} label={t(rules.mode === 'ipvs' ? 'rules.treeIpvs' : 'rules.tree', { service: treeService })} />
              : <p className="empty-note">{t('rules.treeEmpty', { service: treeService })}</p>}
          </>
        ) : <p className="empty-note">{t('rules.treeNone')}</p>}
      </section>
      <VirtualLines count={shown.length} renderRow={renderRow} label={t('rules.lines')} resetKey={`${rules.mode}/${rules.node}/${rules.view}`} scrollTo={scrollTo} />
      {rules.warnings.length > 0 && (
        <details className="rules-warnings"><summary>{t('rules.warnings')} ({rules.warnings.length})</summary>
          <ul>{rules.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
        </details>
      )}
    </div>
  );
}
