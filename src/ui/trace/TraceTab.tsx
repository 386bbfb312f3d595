// The Trace tab: a packet stepped through netfilter the way Packet Tracer's simulation mode steps
// a PDU: the event list (one row per kernel step), the packet before/after with why, the hook
// diagram and the cluster diagram lit, the all-paths split, and the iptables-vs-ipvs compare view.
import { useEffect, useMemo, useRef, useState } from 'react';
import { TRACE_SPEEDS } from '../../store/traceSlice.ts';
import { useT } from '../i18n/useT.ts';
import { useAppState, useAppStore } from '../useAppState.ts';
import { CompareView } from './CompareView.tsx';
import { HookDiagram } from './HookDiagram.tsx';
import { PacketPanel } from './PacketPanel.tsx';
import { PathSplit } from './PathSplit.tsx';
import { StepTable } from './StepTable.tsx';
import { TraceForm } from './TraceForm.tsx';
import { traceRows } from './traceRows.ts';
import { defaultTraceEnds } from './traceTargets.ts';
import './trace.css';

/** Fill the form with a sensible first packet once the cluster is known; re-trace when it changes. */
function useTraceLifecycle() {
  const store = useAppStore();
  const snapshot = useAppState((s) => s.snapshot);
  const last = useRef(snapshot);
  useEffect(() => {
    const s = store.getState();
    if (snapshot && (!s.traceForm.from || !s.traceForm.to)) {
      const ends = defaultTraceEnds(snapshot);
      s.setTraceForm({ ...(s.traceForm.from ? {} : { from: ends.from }), ...(s.traceForm.to ? {} : { to: ends.to }) });
    }
    if (last.current !== snapshot && s.traceOutcome) void s.sendTrace();
    last.current = snapshot;
  }, [snapshot, store]);
  // The toolbar's compare mode opens this tab with the compare view on: show it at once.
  const compare = useAppState((s) => s.traceCompare);
  useEffect(() => {
    const s = store.getState();
    if (compare && !s.traceOutcome && !s.traceBusy) void s.sendTrace();
  }, [compare, snapshot, store]);
  useEffect(() => () => store.getState().setTraceHighlight(null), [store]);
}

function Icon({ d }: { d: string }) {
  return <svg width="12" height="12" viewBox="0 0 24 24" aria-hidden="true"><path d={d} fill="currentColor" /></svg>;
}

function Stepper({ count }: { count: number }) {
  const t = useT();
  const store = useAppStore();
  const step = useAppState((s) => s.traceStep);
  const playing = useAppState((s) => s.tracePlaying);
  const speed = useAppState((s) => s.traceSpeed);
  const st = store.getState();
  useEffect(() => {
    if (!playing) return;
    const h = setInterval(() => {
      const s = store.getState();
      if (s.traceStep >= count - 1) s.setTracePlaying(false);
      else s.setTraceStep(s.traceStep + 1);
    }, 1000 / speed);
    return () => clearInterval(h);
  }, [playing, speed, count, store]);
  return (
    <div className="trace-stepper" role="toolbar" aria-label={t('trace.steps')}>
      <button type="button" className="btn small" aria-label={t('trace.first')} title={t('trace.first')} onClick={() => { st.setTracePlaying(false); st.setTraceStep(0); }}><Icon d="M5 4h2v16H5zM20 4v16L9 12z" /></button>
      <button type="button" className="btn small" aria-label={t('trace.back')} title={t('trace.back')} disabled={step <= 0} onClick={() => st.setTraceStep(step - 1)}><Icon d="M18 4v16L6 12z" /></button>
      <button type="button" className="btn small" aria-label={playing ? t('trace.pause') : t('trace.play')} title={playing ? t('trace.pause') : t('trace.play')}
        onClick={() => { if (!playing && step >= count - 1) st.setTraceStep(0); st.setTracePlaying(!playing); }}>{playing ? <Icon d="M6 4h4v16H6zM14 4h4v16h-4z" /> : <Icon d="M7 4v16l12-8z" />}</button>
      <button type="button" className="btn small" aria-label={t('trace.forward')} title={t('trace.forward')} disabled={step >= count - 1} onClick={() => st.setTraceStep(step + 1)}><Icon d="M6 4v16l12-8zM17 4h2v16h-2z" /></button>
      <label className="trace-field inline">
        <span>{t('trace.speed')}</span>
        <select aria-label={t('trace.speed')} value={speed} onChange={(e) => st.setTraceSpeed(Number(e.target.value))}>
          {TRACE_SPEEDS.map((v) => <option key={v} value={v}>{v}×</option>)}
        </select>
      </label>
      <span className="muted" aria-live="polite" data-testid="trace-position">{t('trace.stepOf', { n: Math.min(step + 1, count), total: count })}</span>
    </div>
  );
}

export function TraceTab() {
  const t = useT();
  const store = useAppStore();
  useTraceLifecycle();
  const outcome = useAppState((s) => s.traceOutcome);
  const compare = useAppState((s) => s.traceCompare);
  const pathIndex = useAppState((s) => s.tracePath);
  const step = useAppState((s) => s.traceStep);
  const proto = useAppState((s) => s.traceForm.proto);
  const [runIndex, setRunIndex] = useState(0);
  const runs = outcome?.runs ?? [];
  const run = runs[Math.min(runIndex, runs.length - 1)];
  const path = run?.paths[Math.min(pathIndex, run.paths.length - 1)];
  const pi = run && path ? run.paths.indexOf(path) : 0;
  const rows = useMemo(() => (run && path ? traceRows(path, run.replies[pi] ?? null, run.packet, run.srcPod) : []), [run, path, pi]);
  const cur = rows[Math.min(step, rows.length - 1)];
  const prevCt = cur && cur.index > 0 && rows[cur.index - 1]?.dir === cur.dir ? rows[cur.index - 1]!.ctstate : cur?.dir === 'reply' ? 'ESTABLISHED' : null;

  useEffect(() => {
    store.getState().setTraceHighlight(cur ? { node: cur.pod ? null : cur.node, pod: cur.pod } : null);
  }, [cur, store]);

  return (
    <div className="trace-tab">
      <TraceForm />
      {!outcome && <p className="empty-note">{t('trace.pick')}</p>}
      {outcome?.error && <p className="trace-error" role="alert">{outcome.error}</p>}
      {run && path && (
        <>
          <div className="trace-run-head">
            {runs.length > 1 ? (
              <div className="segmented" role="radiogroup" aria-label={t('toolbar.proxyMode')}>
                {runs.map((r, i) => (
                  <button key={r.mode} type="button" role="radio" aria-checked={r === run} className={`btn small${r === run ? ' on' : ''}`}
                    onClick={() => { setRunIndex(i); store.getState().setTracePath(0); }}>{r.mode}</button>
                ))}
              </div>
            ) : <span className="pill mode-pill" data-testid="trace-mode">{t('trace.mode', { mode: run.mode })}</span>}
            <span className="trace-summary" data-testid="trace-summary">
              <span className={`verdict v-${path.verdict}`}>{path.verdict}</span> {t('trace.summary', { endpoint: path.endpoint, rules: path.rulesEvaluated })}
            </span>
          </div>
          {run.warnings.map((w, i) => <p key={i} className="trace-warning">{t('trace.warning', { text: w })}</p>)}
          {run.paths.length > 1 && <PathSplit run={run} current={pi} onPick={(i) => store.getState().setTracePath(i)} />}
          <Stepper count={rows.length} />
          <StepTable rows={rows} current={cur?.index ?? 0} onMove={(i) => store.getState().setTraceStep(i)} />
          {cur && (
            <div className="trace-detail">
              <HookDiagram lit={cur.hook} ipvs={run.mode === 'ipvs'} />
              <PacketPanel row={cur} prevCtstate={prevCt} />
            </div>
          )}
        </>
      )}
      {compare && runs.length === 2 && <CompareView runs={runs} path={pi} proto={proto} />}
    </div>
  );
}
