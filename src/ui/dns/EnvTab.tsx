// The Env tab: per container of a Pod, the environment the kubelet builds
// (kubelet_pods.go makeEnvironmentVariables), each variable with where its value came from.
import { useEffect } from 'react';
import { dnsPodOf } from '../../store/dnsSlice.ts';
import type { ResolveEnvResult } from '../../engine/env/index.ts';
import { useT } from '../i18n/useT.ts';
import { useAppState, useAppStore } from '../useAppState.ts';
import { envSourceClass, envSourceLabel } from './dnsLabels.ts';
import { PodPicker } from './PodPicker.tsx';
import './dns.css';

function Container({ c, init }: { c: ResolveEnvResult; init: boolean }) {
  const t = useT();
  return (
    <section className="env-container" aria-label={t('env.container', { name: c.container })} data-testid="env-container">
      <h3 className="env-head">{t('env.container', { name: '' })}<span className="mono env-container-name">{c.container}</span>{init && <span className="pill">{t('env.initContainer')}</span>}</h3>
      {c.events.length > 0 && <pre className="dump">{c.events.map((e) => `${e.type}  ${e.reason}  ${e.message}`).join('\n')}</pre>}
      {!c.ok ? (
        <p className="dns-error" role="alert">{t('env.failed', { reason: c.reason, message: c.message })}</p>
      ) : c.env.length === 0 ? (
        <p className="empty-note">{t('env.empty')}</p>
      ) : (
        <table className="env-table">
          <tbody>
            {c.env.map((v, i) => {
              const l = envSourceLabel(v.source);
              return (
                <tr key={i} data-testid="env-var">
                  <td>
                    <span className="mono env-pair"><span className="env-name">{v.name}</span>={v.value}</span>{' '}
                    <span className={`env-src ${envSourceClass(v.source)}`}>{t(l.key, l.vars)}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {c.ok && c.command && <><h4>{t('env.command')}</h4><pre className="dump">{JSON.stringify(c.command)}</pre></>}
      {c.ok && c.args && <><h4>{t('env.args')}</h4><pre className="dump">{JSON.stringify(c.args)}</pre></>}
    </section>
  );
}

export function EnvTab() {
  const t = useT();
  const store = useAppStore();
  const snapshot = useAppState((s) => s.snapshot);
  const pod = useAppState(dnsPodOf);
  const view = useAppState((s) => s.envView);
  const error = useAppState((s) => s.envError);
  useEffect(() => { if (pod) void store.getState().loadPodEnv(pod); }, [store, snapshot, pod]);
  const shown = view && view.pod === pod ? view : null;
  const initNames = new Set<string>(
    ((snapshot?.objects.find((o) => o.object.kind === 'Pod' && `${o.object.metadata.namespace ?? 'default'}/${o.object.metadata.name}` === pod)?.object.spec?.initContainers ?? []) as { name: string }[]).map((c) => c.name),
  );
  return (
    <div className="dns-tab env-tab">
      <div className="dns-form"><PodPicker id="env-pod" /></div>
      {!pod && <p className="empty-note">{t('env.noPod')}</p>}
      {error && <p className="dns-error" role="alert">{error}</p>}
      {shown && shown.containers.map((c) => <Container key={c.container} c={c} init={initNames.has(c.container)} />)}
      {shown && <p className="muted small">{t('env.notShown')}</p>}
    </div>
  );
}
