// The DNS tab: a Pod's /etc/resolv.conf, and one name looked up from it the way its stub
// resolver (glibc or musl) walks the search list, each packet with CoreDNS's answer.
import { useEffect, type FormEvent } from 'react';
import type { LookupType, ResolverKind } from '../../engine/dns/index.ts';
import { dnsPodOf } from '../../store/dnsSlice.ts';
import type { DnsLookupView, DnsStepView } from '../../worker/handlers/dns.ts';
import { useT } from '../i18n/useT.ts';
import { useAppState, useAppStore } from '../useAppState.ts';
import { queryVerdict, stepVerdictKey } from './dnsLabels.ts';
import { PodPicker } from './PodPicker.tsx';
import './dns.css';

const TYPES: readonly LookupType[] = ['A', 'AAAA', 'SRV', 'PTR'];

function Steps({ steps }: { steps: readonly DnsStepView[] }) {
  const t = useT();
  let n = 0;
  return (
    <table className="dns-queries">
      <thead>
        <tr><th scope="col">{t('dns.colQuery')}</th><th scope="col">{t('dns.colType')}</th><th scope="col">{t('dns.colRcode')}</th><th scope="col">{t('dns.colAnswers')}</th></tr>
      </thead>
      {steps.map((s, i) => (
        <tbody key={i} className={`dns-step outcome-${s.outcome}`}>
          <tr className="dns-step-head">
            <td colSpan={4}>
              <span className="mono qname">{s.qname}</span>
              <span className={`verdict verdict-${s.outcome}`}>{s.outcome === 'answer' || s.outcome === 'NOT_SENT' ? '' : `${s.outcome}: `}{t(stepVerdictKey(s))}</span>
              {s.note && <span className="muted"> ({s.note})</span>}
            </td>
          </tr>
          {s.queries.map((q, j) => {
            const v = queryVerdict(q);
            return (
              <tr key={j} data-testid="dns-query" data-qname={q.qname} data-qtype={q.qtype} data-verdict={v}>
                <td className="num">{++n}</td>
                <td className="mono">{q.qtype}</td>
                <td>
                  <span className={`rcode rcode-${v}`} title={v === 'NODATA' ? t('dns.nodata') : v === 'NXDOMAIN' ? t('dns.nxdomain') : undefined}>
                    {v === 'NODATA' ? 'NOERROR · NODATA' : v === 'NOREPLY' ? t('dns.noreply') : q.rcode}
                  </span>
                </td>
                <td className="mono answers">{q.answers.length ? q.answers.map((a, k) => <div key={k}>{a}</div>) : <span className="muted">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      ))}
    </table>
  );
}

function Lookup({ lookup }: { lookup: DnsLookupView }) {
  const t = useT();
  if (!lookup.ok) return <p className="dns-error" role="alert">{lookup.error}</p>;
  const f = lookup.final;
  const kind = lookup.server.kind === 'cluster-dns' ? t('dns.serverCluster') : lookup.server.kind === 'upstream' ? t('dns.serverUpstream') : t('dns.serverNone');
  const answers = f.answers.join(', ');
  return (
    <>
      <h3>{t('dns.final')}</h3>
      <p className={`dns-final ${f.success ? 'ok' : 'failed'}`} data-testid="dns-final">
        {!f.success ? t('dns.finalFail', { error: f.error ?? '' }) : f.source === 'files' ? t('dns.finalFiles', { name: f.qname ?? '', answers }) : t('dns.finalOk', { name: f.qname ?? '', answers })}
      </p>
      {lookup.steps.length > 0 && (
        <>
          <h3>{t('dns.queries')}</h3>
          <p className="muted small">{t('dns.server', { ip: lookup.server.ip || '—', kind })}</p>
          <Steps steps={lookup.steps} />
        </>
      )}
      {lookup.notes.length > 0 && (
        <>
          <h3>{t('dns.notes')}</h3>
          <ul className="dns-notes">{lookup.notes.map((n, i) => <li key={i}>{n}</li>)}</ul>
        </>
      )}
    </>
  );
}

export function DnsTab() {
  const t = useT();
  const store = useAppStore();
  const snapshot = useAppState((s) => s.snapshot);
  const pod = useAppState(dnsPodOf);
  const name = useAppState((s) => s.dnsName);
  const resolver = useAppState((s) => s.dnsResolver);
  const qtype = useAppState((s) => s.dnsType);
  const view = useAppState((s) => s.dnsView);
  const error = useAppState((s) => s.dnsError);
  // Asked when the tab opens and when the Pod, resolver, type or cluster changes; the name only on submit.
  useEffect(() => { void store.getState().lookupName(); }, [store, snapshot, pod, resolver, qtype]);
  const submit = (e: FormEvent) => { e.preventDefault(); void store.getState().lookupName(); };
  const shown = view && pod && view.pod === pod ? view : null;
  return (
    <div className="dns-tab">
      <form className="dns-form" onSubmit={submit} aria-label={t('tab.dns')}>
        <PodPicker id="dns-pod" />
        <label className="dns-field" htmlFor="dns-name">
          <span>{t('dns.name')}</span>
          <input id="dns-name" className="mono" type="text" spellCheck={false} autoComplete="off" placeholder="web.default"
            value={name} onChange={(e) => store.getState().setDnsQuery({ dnsName: e.target.value })} />
        </label>
        <div className="dns-row">
          <label className="dns-field" htmlFor="dns-resolver">
            <span>{t('dns.resolver')}</span>
            <select id="dns-resolver" value={resolver} onChange={(e) => store.getState().setDnsQuery({ dnsResolver: e.target.value as ResolverKind })}>
              <option value="glibc">{t('dns.resolverGlibc')}</option>
              <option value="musl">{t('dns.resolverMusl')}</option>
            </select>
          </label>
          <label className="dns-field" htmlFor="dns-type">
            <span>{t('dns.type')}</span>
            <select id="dns-type" value={qtype ?? ''} onChange={(e) => store.getState().setDnsQuery({ dnsType: e.target.value === '' ? null : (e.target.value as LookupType) })}>
              <option value="">{t('dns.typeAny')}</option>
              {TYPES.map((x) => <option key={x} value={x}>{x}</option>)}
            </select>
          </label>
        </div>
        <div className="dns-actions">
          <button type="submit" className="btn primary" disabled={!pod || !snapshot}>{t('dns.lookup')}</button>
          <button type="button" className="btn" disabled={!shown?.nameserver} title={shown?.nameserver ? t('dns.traceHint', { pod: shown.pod, ip: shown.nameserver }) : undefined}
            onClick={() => store.getState().traceDnsLookup()}>{t('dns.trace')}</button>
        </div>
      </form>
      {!snapshot ? <p className="empty-note">{t('dns.noSnapshot')}</p> : !pod ? <p className="empty-note">{t('dns.podNone')}</p> : null}
      {error && <p className="dns-error" role="alert">{error}</p>}
      {shown && (
        <>
          {shown.lookup ? <Lookup lookup={shown.lookup} /> : <p className="empty-note">{t('dns.lookupPrompt')}</p>}
          <h3>{t('dns.resolvConf')} <span className="muted small">dnsPolicy: {shown.dnsPolicy}</span></h3>
          {shown.resolvConf !== null
            ? <pre className="dump" data-testid="resolv-conf">{shown.resolvConf}</pre>
            : <p className="dns-error" role="alert">{t('dns.resolvConfError', { error: shown.error ?? '' })}</p>}
          {shown.events.length > 0 && (
            <>
              <h3>{t('dns.events')}</h3>
              <pre className="dump">{shown.events.join('\n')}</pre>
            </>
          )}
          <details className="dns-fidelity">
            <summary>{t('dns.fidelity')}</summary>
            <ul>{shown.fidelityNotes.map((n, i) => <li key={i}>{n}</li>)}</ul>
          </details>
        </>
      )}
    </div>
  );
}
