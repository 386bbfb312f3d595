// `kubectl describe pod` (kubectl pkg/describe/describe.go describePod, describeContainers,
// DescribeEvents), over a Pod object and its recorded Events at simulated time `nowMs`.
import { humanDuration } from '../cluster/printers/humanDuration.ts';
import { EPOCH_MS } from './epoch.ts';
import { eventAge, type PodEventRecord } from './eventLog.ts';
import { tabWrite } from './tabWriter.ts';
import { withDefaultTolerations } from './tolerations.ts';
import type { Container, ContainerState, ContainerStatus, Pod } from './types.ts';

/** Go's time.RFC1123Z, as describe prints times: `Thu, 01 Jan 2026 00:00:03 +0000`. */
export function rfc1123z(iso: string | undefined): string {
  const ms = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) return '<unknown>';
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${day}, ${p(d.getUTCDate())} ${mon} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function mapLines(m: Record<string, string> | undefined, indent: string): string {
  const entries = Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return '<none>';
  return entries.map(([k, v], i) => (i === 0 ? '' : indent) + `${k}=${v}`).join('\n');
}

function describeState(label: string, s: ContainerState | undefined, out: string[]): void {
  if (s?.running) {
    out.push(`    ${label}:\tRunning`);
    out.push(`      Started:\t${rfc1123z(s.running.startedAt)}`);
  } else if (s?.waiting) {
    out.push(`    ${label}:\tWaiting`);
    if (s.waiting.reason) out.push(`      Reason:\t${s.waiting.reason}`);
    if (s.waiting.message) out.push(`      Message:\t${s.waiting.message}`);
  } else if (s?.terminated) {
    out.push(`    ${label}:\tTerminated`);
    if (s.terminated.reason) out.push(`      Reason:\t${s.terminated.reason}`);
    if (s.terminated.message) out.push(`      Message:\t${s.terminated.message}`);
    out.push(`      Exit Code:\t${s.terminated.exitCode}`);
    if (s.terminated.signal) out.push(`      Signal:\t${s.terminated.signal}`);
    out.push(`      Started:\t${rfc1123z(s.terminated.startedAt)}`);
    out.push(`      Finished:\t${rfc1123z(s.terminated.finishedAt)}`);
  } else {
    out.push(`    ${label}:\tWaiting`);
  }
}

function describeContainers(title: string, specs: readonly Container[], statuses: readonly ContainerStatus[], out: string[]): void {
  if (specs.length === 0) return;
  out.push(`${title}:`);
  for (const c of specs) {
    const s = statuses.find((x) => x.name === c.name);
    out.push(`  ${c.name}:`);
    if (s?.containerID) out.push(`    Container ID:\t${s.containerID}`);
    out.push(`    Image:\t${c.image ?? ''}`);
    out.push(`    Image ID:\t${s?.imageID ?? ''}`);
    const ports = (c['ports'] as { containerPort: number; protocol?: string }[] | undefined) ?? [];
    out.push(`    Port:\t${ports.length ? ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}`);
    out.push(`    Host Port:\t${ports.length ? ports.map((p) => `0/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}`);
    if (!s) continue;
    describeState('State', s.state, out);
    if (s.lastState && Object.keys(s.lastState).length > 0) describeState('Last State', s.lastState, out);
    out.push(`    Ready:\t${s.ready ? 'True' : 'False'}`);
    out.push(`    Restart Count:\t${s.restartCount ?? 0}`);
    const lim = c.resources?.limits;
    const req = c.resources?.requests;
    if (lim && Object.keys(lim).length) {
      out.push('    Limits:');
      for (const [k, v] of Object.entries(lim).sort(([a], [b]) => (a < b ? -1 : 1))) out.push(`      ${k}:\t${v}`);
    }
    if (req && Object.keys(req).length) {
      out.push('    Requests:');
      for (const [k, v] of Object.entries(req).sort(([a], [b]) => (a < b ? -1 : 1))) out.push(`      ${k}:\t${v}`);
    }
    out.push(`    Environment:\t<none>`);
    out.push(`    Mounts:\t<none>`);
  }
}

export function describePod(pod: Pod, events: readonly PodEventRecord[], nowMs: number): string {
  const st = pod.status ?? {};
  const md = pod.metadata;
  const out: string[] = [];
  out.push(`Name:\t${md.name}`);
  out.push(`Namespace:\t${md.namespace ?? 'default'}`);
  out.push(`Priority:\t${pod.spec.priority ?? 0}`);
  out.push(`Service Account:\t${(pod.spec['serviceAccountName'] as string | undefined) ?? 'default'}`);
  out.push(`Node:\t${pod.spec.nodeName ? `${pod.spec.nodeName}/${st.hostIP ?? ''}` : '<none>'}`);
  if (st.startTime) out.push(`Start Time:\t${rfc1123z(st.startTime)}`);
  out.push(`Labels:\t${mapLines(md.labels, '\t')}`);
  out.push(`Annotations:\t${mapLines(md['annotations'] as Record<string, string> | undefined, '\t')}`);
  if (md.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    // translateTimestampSince(deletionTimestamp): a future instant prints <invalid>, as kubectl does.
    out.push(`Status:\tTerminating (lasts ${humanDuration(EPOCH_MS + nowMs - Date.parse(md.deletionTimestamp))})`);
    out.push(`Termination Grace Period:\t${md.deletionGracePeriodSeconds ?? 30}s`);
  } else out.push(`Status:\t${st.phase ?? ''}`);
  if (st.reason) out.push(`Reason:\t${st.reason}`);
  if (st.message) out.push(`Message:\t${st.message}`);
  out.push(`IP:\t${st.podIP ?? ''}`);
  if (st.podIPs?.length) {
    out.push('IPs:');
    for (const ip of st.podIPs) out.push(`  IP:\t${ip.ip}`);
  } else out.push('IPs:\t<none>');
  describeContainers('Init Containers', pod.spec.initContainers ?? [], st.initContainerStatuses ?? [], out);
  describeContainers('Containers', pod.spec.containers ?? [], st.containerStatuses ?? [], out);
  if (pod.spec.readinessGates?.length) {
    out.push('Readiness Gates:');
    out.push('  Type\tStatus');
    for (const g of pod.spec.readinessGates) out.push(`  ${g.conditionType} \t${st.conditions?.find((c) => c.type === g.conditionType)?.status ?? '<none>'} `);
  }
  if (st.conditions?.length) {
    out.push('Conditions:');
    out.push('  Type\tStatus');
    for (const c of st.conditions) out.push(`  ${c.type} \t${c.status} `);
  }
  const vols = pod.spec.volumes ?? [];
  if (vols.length === 0) out.push('Volumes:\t<none>');
  else {
    out.push('Volumes:');
    for (const v of vols) {
      out.push(`  ${v.name}:`);
      if (v.emptyDir) {
        out.push(`    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)`);
        out.push(`    Medium:\t${v.emptyDir.medium ?? ''}`);
        out.push(`    SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}`);
      }
    }
  }
  out.push(`QoS Class:\t${st.qosClass ?? ''}`);
  out.push(`Node-Selectors:\t${mapLines(pod.spec['nodeSelector'] as Record<string, string> | undefined, '\t')}`);
  const tol = withDefaultTolerations(pod.spec.tolerations).map(
    (t) => `${t.key ?? ''}${t.operator === 'Equal' && t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}${t.operator === 'Exists' ? ' op=Exists' : ''}${t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : ''}`,
  );
  out.push(`Tolerations:\t${tol.length ? tol.join('\n\t') : '<none>'}`);
  const sorted = [...events].sort((a, b) => a.lastMs - b.lastMs);
  if (sorted.length === 0) out.push('Events:\t<none>');
  else {
    out.push('Events:');
    out.push('  Type\tReason\tAge\tFrom\tMessage');
    out.push('  ----\t------\t----\t----\t-------');
    for (const e of sorted) out.push(`  ${e.type}\t${e.reason}\t${eventAge(e, nowMs)}\t${e.source}\t${e.message.trim()}`);
  }
  return tabWrite(out.join('\n')) + '\n';
}
