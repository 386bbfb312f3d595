// The Ingress tab: one outside request routed by the lab's ingress controller — the rule that
// matched, the backend Service:port, the status, both hops, and the L4-vs-L7 table.
import { useEffect, type FormEvent } from 'react';
import type { IngressScheme } from '../../store/dnsSlice.ts';
import type { IngressRouteView } from '../../worker/handlers/dns.ts';
import { useT } from '../i18n/useT.ts';
import { useAppState, useAppStore } from '../useAppState.ts';
import { backendPortText } from './dnsLabels.ts';
import './dns.css';

function Route({ view }: { view: IngressRouteView }) {
  const t = useT();
  const r = view.route;
  const rule = r.rule ? `${r.rule.host ?? '*'} ${r.rule.pathType} ${r.rule.path}` : r.ingress ? t('ingress.ruleDefault') : t('ingress.none');
  const secret = r.tls.secretName ? ` (Secret ${r.tls.secretName})` : '';
  return (
    <>
      <dl className="ingress-result" data-testid="ingress-result">
        <dt>{t('ingress.status')}</dt><dd><span className={`http-status s${String(r.status)[0]}`} data-testid="ingress-status">{r.status}</span></dd>
        <dt>{t('ingress.matched')}</dt><dd className="mono">{r.ingress ?? t('ingress.none')}</dd>
        <dt>{t('ingress.rule')}</dt><dd className="mono">{rule}</dd>
        <dt>{t('ingress.backend')}</dt>
        <dd className="mono" data-testid="ingress-backend">
          {r.backend ? `Service ${r.backend.namespace}/${r.backend.service}:${backendPortText(r.backend.port)}` : t('ingress.backendNone')}
          {r.backend && <span className="muted"> · {t('ingress.endpoints', { count: r.backend.endpoints.length })}</span>}
          {r.backend?.problem && <div className="dns-error">{r.backend.problem}</div>}
        </dd>
        <dt>{t('ingress.tls')}</dt><dd>{r.tls.terminated ? t('ingress.tlsTerminated', { secret }) : t('ingress.tlsNo')}</dd>
      </dl>
      {r.redirect && <p className="muted">{t('ingress.redirect', { status: r.redirect.status, location: r.redirect.location })}</p>}
      <h3>{t('ingress.hops')}</h3>
      <ol className="ingress-hops">
        {r.hops.map((h, i) => (
          <li key={i} data-testid="ingress-hop">
            <span className={`layer layer-${h.layer}`}>{h.layer}</span>
            <span className="mono">{h.from} → {h.to}</span>
            <span className="muted"> via {h.via}</span>
            <div className="hop-detail">{h.detail}</div>
          </li>
        ))}
      </ol>
      <h3>{t('ingress.why')}</h3>
      <p>{r.reason}</p>
      {view.ingresses.filter((v) => !v.served).map((v) => <p key={v.key} className="muted small">{t('ingress.notServed', { ingress: v.key, reason: v.reason })}</p>)}
      <h3>{t('ingress.compare')}</h3>
      <table className="l4l7">
        <thead><tr><th scope="col">{t('ingress.aspect')}</th><th scope="col">{t('ingress.l4')}</th><th scope="col">{t('ingress.l7')}</th></tr></thead>
        <tbody>{view.comparison.map((row) => <tr key={row.aspect}><th scope="row">{row.aspect}</th><td>{row.l4}</td><td>{row.l7}</td></tr>)}</tbody>
      </table>
    </>
  );
}

export function IngressTab() {
  const t = useT();
  const store = useAppStore();
  const snapshot = useAppState((s) => s.snapshot);
  const host = useAppState((s) => s.ingressHost);
  const path = useAppState((s) => s.ingressPath);
  const scheme = useAppState((s) => s.ingressScheme);
  const view = useAppState((s) => s.ingressView);
  const error = useAppState((s) => s.ingressError);
  // Routed when the tab opens, the scheme or the cluster changes; host and path on submit. With no
  // host yet, the first rule host of the scenario is proposed.
  useEffect(() => {
    void store.getState().routeIngress().then(() => {
      const s = store.getState();
      const first = s.ingressView?.hosts[0];
      if (s.ingressHost === '' && first) {
        s.setIngressQuery({ ingressHost: first });
        void s.routeIngress();
      }
    });
  }, [store, snapshot, scheme]);
  const submit = (e: FormEvent) => { e.preventDefault(); void store.getState().routeIngress(); };
  return (
    <div className="dns-tab ingress-tab">
      <form className="dns-form" onSubmit={submit} aria-label={t('tab.ingress')}>
        <div className="dns-row">
          <label className="dns-field grow" htmlFor="ingress-host">
            <span>{t('ingress.host')}</span>
            <input id="ingress-host" className="mono" list="ingress-hosts" type="text" spellCheck={false} autoComplete="off"
              value={host} onChange={(e) => store.getState().setIngressQuery({ ingressHost: e.target.value })} />
            <datalist id="ingress-hosts">{view?.hosts.map((h) => <option key={h} value={h} />)}</datalist>
          </label>
          <label className="dns-field" htmlFor="ingress-scheme">
            <span>{t('ingress.scheme')}</span>
            <select id="ingress-scheme" value={scheme} onChange={(e) => store.getState().setIngressQuery({ ingressScheme: e.target.value as IngressScheme })}>
              <option value="http">http</option>
              <option value="https">https</option>
            </select>
          </label>
        </div>
        <label className="dns-field" htmlFor="ingress-path">
          <span>{t('ingress.path')}</span>
          <input id="ingress-path" className="mono" type="text" spellCheck={false} autoComplete="off"
            value={path} onChange={(e) => store.getState().setIngressQuery({ ingressPath: e.target.value })} />
        </label>
        <div className="dns-actions"><button type="submit" className="btn primary" disabled={!snapshot}>{t('ingress.route')}</button></div>
      </form>
      {!snapshot && <p className="empty-note">{t('dns.noSnapshot')}</p>}
      {error && <p className="dns-error" role="alert">{error}</p>}
      {view ? <Route view={view} /> : <p className="empty-note">{t('ingress.prompt')}</p>}
    </div>
  );
}
