import { useMemo } from 'react';
import { podOfSelection } from '../../store/dnsSlice.ts';
import { useT } from '../i18n/useT.ts';
import { useAppState, useAppStore } from '../useAppState.ts';
import { podRefsOf } from './dnsLabels.ts';

/** The Pod the DNS and Env tabs ask from: "the selected Pod" (the default) or one picked here. */
export function PodPicker({ id }: { id: string }) {
  const t = useT();
  const store = useAppStore();
  const snapshot = useAppState((s) => s.snapshot);
  const picked = useAppState((s) => s.dnsPod);
  const selectedPod = useAppState((s) => podOfSelection(s.selected));
  const pods = useMemo(() => podRefsOf(snapshot), [snapshot]);
  return (
    <label className="dns-field" htmlFor={id}>
      <span>{t('dns.pod')}</span>
      <select id={id} value={picked ?? ''} onChange={(e) => store.getState().setDnsQuery({ dnsPod: e.target.value === '' ? null : e.target.value })}>
        <option value="">{selectedPod ? t('dns.podSelected', { pod: selectedPod }) : t('dns.podNone')}</option>
        {pods.map((p) => <option key={p} value={p}>{p}</option>)}
      </select>
    </label>
  );
}
