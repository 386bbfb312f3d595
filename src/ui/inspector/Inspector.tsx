import { useRef, type KeyboardEvent } from 'react';
import { useT } from '../i18n/useT.ts';
import { useAppState, useAppStore } from '../useAppState.ts';
import { inspectorTabs, type InspectorTab } from './tabs.ts';

function TabButton({ tab, active, onSelect }: { tab: InspectorTab; active: boolean; onSelect: () => void }) {
  const t = useT();
  const badge = tab.useBadge?.() ?? 0;
  return (
    <button type="button" role="tab" id={`tab-${tab.id}`} aria-selected={active} aria-controls={`tabpanel-${tab.id}`}
      tabIndex={active ? 0 : -1} className={`tab${active ? ' active' : ''}`} onClick={onSelect}>
      {t(tab.label)}{badge > 0 && <span className="badge">{badge}</span>}
    </button>
  );
}

export function Inspector() {
  const t = useT();
  const store = useAppStore();
  const activeId = useAppState((s) => s.inspectorTab);
  const active = inspectorTabs.find((x) => x.id === activeId) ?? inspectorTabs[0]!;
  const list = useRef<HTMLDivElement>(null);
  // WAI-ARIA tabs: arrow keys move between tabs.
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = inspectorTabs.indexOf(active);
    const next = inspectorTabs[(i + (e.key === 'ArrowRight' ? 1 : inspectorTabs.length - 1)) % inspectorTabs.length]!;
    store.getState().setInspectorTab(next.id);
    list.current?.querySelector<HTMLButtonElement>(`#tab-${next.id}`)?.focus();
  };
  return (
    <section className="inspector" aria-label={t('pane.inspector')}>
      <div className="tabs" role="tablist" aria-label={t('tabs.label')} ref={list} onKeyDown={onKey}>
        {inspectorTabs.map((tab) => (
          <TabButton key={tab.id} tab={tab} active={tab === active} onSelect={() => store.getState().setInspectorTab(tab.id)} />
        ))}
      </div>
      <div className="tabpanel" role="tabpanel" id={`tabpanel-${active.id}`} aria-labelledby={`tab-${active.id}`}>
        <active.Component />
      </div>
    </section>
  );
}
