// The Pods tab: one Pod stepped through its lifecycle as the kubelet would, on the simulated clock
// shared with the cluster (the Service's endpoints, kube-proxy's rules and the diagram follow).
import { useEffect } from 'react';
import { POD_SPEEDS, podsPodOf } from '../../store/podsSlice.ts';
import { useT } from '../i18n/useT.ts';
import { useAppState, useAppStore } from '../useAppState.ts';
import { eventLabel, formatSimTime } from './eventLabel.ts';
import { podEndpoints } from './podEndpoints.ts';
import { Statechart } from './Statechart.tsx';
import './pods.css';

const STEP_S = 10;
const TICK_MS = 1000;

function Clock() {
  const t = useT();
  const store = useAppStore();
  const view = useAppState((s) => s.podsView);
  const playing = useAppState((s) => s.podsPlaying);
  const speed = useAppState((s) => s.podsSpeed);
  const act = store.getState().podsAct;
  // Play: every real second the simulated clock moves `speed` seconds.
  useEffect(() => {
    if (!playing) return;
    const h = setInterval(() => void store.getState().podsAct({ op: 'advance', ms: TICK_MS * store.getState().podsSpeed }), TICK_MS);
    return () => clearInterval(h);
  }, [playing, store]);
  return (
    <div className="pods-clock" role="group" aria-label={t('pods.clock')}>
      <span className="pods-time mono" data-testid="pods-time" aria-live="polite">{t('pods.time', { time: formatSimTime(view?.nowMs ?? 0) })}</span>
      <button type="button" className="btn" onClick={() => void act({ op: 'replay' })}>{t('pods.replay')}</button>
      <button type="button" className="btn" disabled={!view?.canBack} onClick={() => void act({ op: 'back' })}>{t('pods.back')}</button>
      <button type="button" className="btn" onClick={() => void act({ op: 'advance', ms: STEP_S * 1000 })}>{t('pods.step', { seconds: STEP_S })}</button>
      <button type="button" className="btn primary" aria-pressed={playing} onClick={() => store.getState().setPodsPlaying(!playing)}>{playing ? t('pods.pause') : t('pods.play')}</button>
      <label className="pods-inline">
        <span>{t('pods.speed')}</span>
        <select value={speed} onChange={(e) => store.getState().setPodsSpeed(Number(e.target.value))}>
          {POD_SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
        </select>
      </label>
    </div>
  );
}

export function PodsTab() {
  const t = useT();
  const store = useAppStore();
  const view = useAppState((s) => s.podsView);
  const error = useAppState((s) => s.podsError);
  // Each analysed text (debounced by connectEngine), not each keystroke.
  const analysed = useAppState((s) => s.appliedSeq);
  const engine = useAppState((s) => s.engine);
  const pod = useAppState(podsPodOf);
  const snapshot = useAppState((s) => s.snapshot);
  // Opening the tab (or a newly analysed text, or another Pod) asks for the view; the worker keeps its simulation.
  useEffect(() => { if (engine) void store.getState().podsAct({ op: 'open' }); }, [store, engine, analysed, pod]);
  const sel = view?.selected ?? null;
  const endpoints = sel ? podEndpoints(view?.mode === 'cluster' ? snapshot : null, sel.key) : [];
  const gone = sel ? view?.pods.find((p) => p.key === sel.key)?.gone === true : false;
  return (
    <div className="pods-tab">
      <div className="pods-head">
        <label className="pods-inline">
          <span className="sr-only">{t('pods.scenario')}</span>
          <select aria-label={t('pods.scenario')} value={view?.scenario?.id ?? ''} onChange={(e) => {
            store.getState().setPodsPlaying(false);
            void (e.target.value ? store.getState().podsAct({ op: 'scenario', id: e.target.value }) : store.getState().podsAct({ op: 'settle' }));
          }}>
            <option value="">{t('pods.modeCluster')}</option>
            {view?.scenarios.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
          </select>
        </label>
        {view && view.pods.length > 0 && (
          <label className="pods-inline">
            <span>{t('pods.pod')}</span>
            <select aria-label={t('pods.pod')} value={sel?.key ?? ''} onChange={(e) => store.getState().setPodsPod(e.target.value)}>
              {view.pods.map((p) => <option key={p.key} value={p.key}>{p.key} · {p.status}</option>)}
            </select>
          </label>
        )}
      </div>
      {view?.scenario && <p className="pods-scenario muted">{view.scenario.description}</p>}
      <Clock />
      {error && <p className="pods-error" role="alert">{error}</p>}
      {view && view.pods.length === 0 && <p className="empty-note">{t('pods.noPods')}</p>}
      {sel && (
        <>
          {gone && <p className="pods-gone" role="status">{t('pods.gone')}</p>}
          {sel.taintCountdown && (
            <p className="pods-countdown mono" data-testid="pods-toleration">
              {t('pods.countdown', { taint: sel.taintCountdown.taint, toleration: sel.taintCountdown.tolerationSeconds, remaining: sel.taintCountdown.remainingSeconds })}
            </p>
          )}
          <h3>{t('pods.statechart')}</h3>
          <Statechart title={t('pods.podMachine')} chart={sel.podChart} active={sel.podActive} />
          {sel.containers.map((c) => <Statechart key={c.name} title={t('pods.container', { name: c.name })} chart={view!.containerChart} active={c.active} cols={3} />)}
          <h3>{t('pods.events')}</h3>
          <div className="pods-events" role="group" aria-label={t('pods.events')}>
            {sel.validEvents.length === 0 && <span className="muted">{t('pods.noEvents')}</span>}
            {sel.validEvents.map((e, i) => {
              const label = eventLabel(e);
              return <button key={i} type="button" className="btn mono" aria-label={t('pods.send', { event: label })} onClick={() => void store.getState().podsAct({ op: 'send', pod: sel.key, event: e })}>{label}</button>;
            })}
          </div>
          {view?.mode === 'cluster' && (
            <>
              <h3>{t('pods.endpoints')}</h3>
              {endpoints.length === 0 ? <p className="muted small" data-testid="pod-endpoints-none">{t('pods.noEndpoints')}</p> : (
                <ul className="pods-endpoints" data-testid="pod-endpoints">
                  {endpoints.map((e, i) => (
                    <li key={i} className={`mono ${e.ready ? 'ready' : e.terminating ? 'terminating' : 'notready'}`}>
                      {e.service} ({e.slice}) {e.addresses}: ready={String(e.ready)} serving={String(e.serving)} terminating={String(e.terminating)}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
          <h3>{t('pods.getPods')}</h3>
          <pre className="dump" data-testid="pods-get">{view!.getPods}</pre>
          {view!.evictions.length > 0 && (
            <>
              <h3>{t('pods.evictions')}</h3>
              <ol className="pods-evictions" data-testid="pods-evictions">
                {view!.evictions.map((e, i) => <li key={i}><span className="mono">{formatSimTime(e.atMs)} {e.pod}</span> <span className="muted">{e.message}</span></li>)}
              </ol>
            </>
          )}
          <h3>{t('pods.timeline')}</h3>
          <table className="pods-timeline" data-testid="pods-timeline">
            <thead><tr><th scope="col">{t('pods.colAt')}</th><th scope="col">{t('pods.colWhat')}</th></tr></thead>
            <tbody>
              {sel.timeline.map((e, i) => (
                <tr key={i} className={`kind-${e.kind} type-${e.type}`}>
                  <td className="mono">{formatSimTime(e.atMs)}</td>
                  <td className="mono">{e.text}{e.count ? ` (x${e.count})` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <details className="pods-details" open>
            <summary>{t('pods.describe')}</summary>
            <pre className="dump" data-testid="pods-describe">{sel.describe}</pre>
          </details>
          {sel.statusYaml && (
            <details className="pods-details">
              <summary>{t('pods.status')}</summary>
              <pre className="dump" data-testid="pods-status">{sel.statusYaml}</pre>
            </details>
          )}
        </>
      )}
    </div>
  );
}
