import type { RulesResponsePayload } from '../../worker/handlers/rulesTypes.ts';
import type { LineDiff } from '../../store/rulesLineDiff.ts';
import { useT } from '../i18n/useT.ts';

export function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** The seed's critique, measured: sync size, the last change's full vs partial resync, and why it matters. */
export function RulesStats({ rules, diff }: { rules: RulesResponsePayload; diff: LineDiff | null }) {
  const t = useT();
  const s = rules.stats;
  return (
    <div className="rules-stats" data-testid="rules-stats">
      <p>{rules.mode === 'ipvs'
        ? t('rules.statsIpvs', { vs: s.virtualServers, rules: s.rules, bytes: formatBytes(s.restoreBytes) })
        : t('rules.stats', { rules: s.rules, chains: s.chains, bytes: formatBytes(s.restoreBytes) })}</p>
      {rules.resync && (
        <p data-testid="rules-resync">{t('rules.resync', {
          full: formatBytes(rules.resync.full.bytes), fullRules: rules.resync.full.rules,
          partial: formatBytes(rules.resync.partial.bytes), partialRules: rules.resync.partial.rules,
          changed: rules.resync.changedServicePorts.length,
        })}</p>
      )}
      <p className="muted">{rules.mode === 'ipvs' ? t('rules.explainIpvs') : t('rules.explainIptables', { n: s.kubeServicesRules })}</p>
      <p className={diff ? 'rules-diff' : 'muted'} data-testid="rules-diff" role="status">
        {diff ? t('rules.diff', { added: diff.added.size, removed: diff.removed }) : t('rules.noDiff')}
      </p>
    </div>
  );
}
