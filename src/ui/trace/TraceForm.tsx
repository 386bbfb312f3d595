// Pick a source and a destination, protocol and seed (or all paths), then Send.
import { useMemo, type FormEvent } from 'react';
import { TRACE_PROTOS, type TraceProto } from '../../worker/handlers/trace.ts';
import { useT } from '../i18n/useT.ts';
import { useAppState, useAppStore } from '../useAppState.ts';
import { OUTSIDE_CLIENT, traceDestinations, traceSources, type TargetOption } from './traceTargets.ts';

const CUSTOM = '__custom__';

function Options({ options, groups }: { options: readonly TargetOption[]; groups: readonly TargetOption['group'][] }) {
  const t = useT();
  return (
    <>
      {groups.map((g) => {
        const list = options.filter((o) => o.group === g);
        return list.length ? (
          <optgroup key={g} label={t(`trace.group.${g}`)}>
            {list.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </optgroup>
        ) : null;
      })}
    </>
  );
}

export function TraceForm() {
  const t = useT();
  const store = useAppStore();
  const snapshot = useAppState((s) => s.snapshot);
  const form = useAppState((s) => s.traceForm);
  const compare = useAppState((s) => s.traceCompare);
  const busy = useAppState((s) => s.traceBusy);
  const sources = useMemo(() => traceSources(snapshot), [snapshot]);
  const dests = useMemo(() => traceDestinations(snapshot), [snapshot]);
  const nodes = sources.filter((o) => o.group === 'node').map((o) => o.value.slice('node/'.length));
  const set = store.getState().setTraceForm;
  const fromKnown = form.from === '' || sources.some((o) => o.value === form.from);
  const toKnown = form.to === '' || dests.some((o) => o.value === form.to);
  const outside = !fromKnown;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void store.getState().sendTrace();
  };

  return (
    <form className="trace-form" onSubmit={submit} aria-label={t('tab.trace')}>
      <label className="trace-field">
        <span>{t('trace.from')}</span>
        <select aria-label={t('trace.from')} value={fromKnown ? form.from : CUSTOM}
          onChange={(e) => set({ from: e.target.value === CUSTOM ? OUTSIDE_CLIENT : e.target.value })}>
          {form.from === '' && <option value="" />}
          <Options options={sources} groups={['pod', 'node']} />
          <option value={CUSTOM}>{t('trace.outside', { ip: OUTSIDE_CLIENT })}</option>
        </select>
      </label>
      {outside && (
        <div className="trace-row">
          <label className="trace-field">
            <span>{t('trace.customIP')}</span>
            <input className="mono" aria-label={t('trace.customIP')} value={form.from} onChange={(e) => set({ from: e.target.value.trim() })} />
          </label>
          <label className="trace-field">
            <span>{t('trace.entryNode')}</span>
            <select aria-label={t('trace.entryNode')} value={form.node || nodes[0] || ''} onChange={(e) => set({ node: e.target.value })}>
              {nodes.map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
        </div>
      )}
      <label className="trace-field">
        <span>{t('trace.to')}</span>
        <select aria-label={t('trace.to')} value={toKnown ? form.to : CUSTOM} onChange={(e) => set({ to: e.target.value === CUSTOM ? form.to || '10.96.0.1:443' : e.target.value })}>
          {form.to === '' && <option value="" />}
          <Options options={dests} groups={['service', 'clusterIP', 'nodePort', 'loadBalancer', 'podIP']} />
          <option value={CUSTOM}>{t('trace.custom')}</option>
        </select>
      </label>
      {!toKnown && (
        <label className="trace-field">
          <span>{t('trace.toCustom')}</span>
          <input className="mono" aria-label={t('trace.toCustom')} value={form.to} onChange={(e) => set({ to: e.target.value.trim() })} />
        </label>
      )}
      <div className="trace-row">
        <div className="segmented" role="radiogroup" aria-label={t('trace.proto')}>
          {TRACE_PROTOS.map((p: TraceProto) => (
            <button key={p} type="button" role="radio" aria-checked={form.proto === p} className={`btn small${form.proto === p ? ' on' : ''}`} onClick={() => set({ proto: p })}>{p}</button>
          ))}
        </div>
        <label className="trace-field inline">
          <input type="checkbox" checked={form.seed === null} onChange={(e) => set({ seed: e.target.checked ? null : 1 })} />
          <span>{t('trace.allPaths')}</span>
        </label>
        {form.seed !== null && (
          <label className="trace-field inline">
            <span>{t('trace.seed')}</span>
            <input type="number" min={0} className="mono seed" aria-label={t('trace.seed')} value={form.seed}
              onChange={(e) => set({ seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} />
          </label>
        )}
      </div>
      <div className="trace-row">
        <button type="submit" className="btn primary" disabled={!form.from || !form.to || busy}>{busy ? t('trace.sending') : t('trace.send')}</button>
        <label className="trace-field inline">
          <input type="checkbox" checked={compare} onChange={(e) => store.getState().setTraceCompare(e.target.checked)} />
          <span>{t('trace.compare')}</span>
        </label>
      </div>
    </form>
  );
}
