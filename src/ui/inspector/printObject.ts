// `kubectl get -o wide` and `kubectl describe`-style text for the selected object. A UI view, not
// the CLI's printers (those live in the engine and match kubectl byte for byte); columns follow
// kubectl's printers (pkg/printers/internalversion/printers.go): tab-aligned with 3 spaces of
// padding, `<none>` for empty. AGE is left out: the lab's clock lives in the engine.
import type { ClusterObject, KubeObject } from '../../engine/cluster/objects.ts';
import { podPhase } from '../diagram/toFlowElements.ts';

type Row = Record<string, string>;

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown, dflt = '<none>'): string => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : dflt);

function labelsOf(m: Record<string, string> | undefined): string {
  const e = Object.entries(m ?? {});
  return e.length ? e.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}

function servicePorts(o: KubeObject): string {
  const ps = arr(o.spec?.ports) as { port?: unknown; nodePort?: unknown; protocol?: unknown }[];
  return ps.length ? ps.map((p) => `${str(p?.port, '?')}${p?.nodePort ? `:${str(p.nodePort)}` : ''}/${str(p?.protocol, 'TCP')}`).join(',') : '<none>';
}

/** printService EXTERNAL-IP: LoadBalancer ingress IPs, `<pending>` before one is assigned, else externalIPs or `<none>`. */
function externalIP(o: KubeObject): string {
  const ext = arr(o.spec?.externalIPs).filter((x): x is string => typeof x === 'string');
  if (o.spec?.type === 'LoadBalancer') {
    const lb = arr(o.status?.loadBalancer?.ingress).map((i) => (i as { ip?: string; hostname?: string })?.ip ?? (i as { hostname?: string })?.hostname).filter(Boolean) as string[];
    const all = [...lb, ...ext];
    return all.length ? all.join(',') : '<pending>';
  }
  return ext.length ? ext.join(',') : '<none>';
}

function getRow(o: KubeObject): Row {
  const name = o.metadata.name;
  switch (o.kind) {
    case 'Pod': {
      const cs = arr(o.status?.containerStatuses) as { ready?: boolean; restartCount?: number; state?: { waiting?: { reason?: string } } }[];
      const total = cs.length || arr(o.spec?.containers).length;
      const restarts = cs.reduce((n, c) => n + (typeof c?.restartCount === 'number' ? c.restartCount : 0), 0);
      const waiting = cs.map((c) => c?.state?.waiting?.reason).find((r) => typeof r === 'string');
      const status = podPhase(o) === 'Terminating' ? 'Terminating' : waiting ?? str(o.status?.reason, podPhase(o));
      return { NAME: name, READY: `${cs.filter((c) => c?.ready).length}/${total}`, STATUS: status, RESTARTS: String(restarts), IP: str(o.status?.podIP), NODE: str(o.spec?.nodeName) };
    }
    case 'Service':
      return { NAME: name, TYPE: str(o.spec?.type, 'ClusterIP'), 'CLUSTER-IP': str(o.spec?.clusterIP), 'EXTERNAL-IP': externalIP(o), 'PORT(S)': servicePorts(o), SELECTOR: labelsOf(o.spec?.selector) };
    case 'Node': {
      const ready = (arr(o.status?.conditions) as { type?: string; status?: string }[]).find((c) => c?.type === 'Ready');
      const ip = (arr(o.status?.addresses) as { type?: string; address?: string }[]).find((a) => a?.type === 'InternalIP')?.address;
      return { NAME: name, STATUS: ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown', VERSION: str(o.status?.nodeInfo?.kubeletVersion), 'INTERNAL-IP': str(ip) };
    }
    case 'EndpointSlice': {
      const eps = arr(o.endpoints) as { addresses?: string[] }[];
      const addrs = eps.flatMap((e) => arr(e?.addresses)).map(String);
      const ports = (arr(o.ports) as { port?: number }[]).map((p) => str(p?.port, '')).filter(Boolean);
      // printEndpointSlice: at most 3 endpoints, then "+ N more..."
      const shown = addrs.length > 3 ? `${addrs.slice(0, 3).join(',')} + ${addrs.length - 3} more...` : addrs.join(',') || '<unset>';
      return { NAME: name, ADDRESSTYPE: str(o.addressType), PORTS: ports.join(',') || '<unset>', ENDPOINTS: shown };
    }
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet': {
      const want = typeof o.spec?.replicas === 'number' ? o.spec.replicas : 1;
      return { NAME: name, READY: `${typeof o.status?.readyReplicas === 'number' ? o.status.readyReplicas : 0}/${want}` };
    }
    default:
      return { NAME: name };
  }
}

/** A one-row `kubectl get` table, columns padded like kubectl's tabwriter (padding 3). */
export function kubectlGet(c: ClusterObject): string {
  const row = getRow(c.object);
  const withNs = c.object.metadata.namespace ? { NAMESPACE: c.object.metadata.namespace, ...row } : row;
  const cols = Object.keys(withNs);
  const widths = cols.map((k) => Math.max(k.length, withNs[k]!.length));
  const line = (vals: string[]) => vals.map((v, i) => (i === vals.length - 1 ? v : v.padEnd(widths[i]! + 3))).join('');
  return `${line(cols)}\n${line(cols.map((k) => withNs[k]!))}`;
}

function dump(v: unknown, indent: string): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) {
    return v.flatMap((x) => {
      if (x !== null && typeof x === 'object') {
        const [first = '', ...rest] = dump(x, `${indent}  `).map((l) => l.slice(indent.length + 2));
        return [`${indent}- ${first}`, ...rest.map((l) => `${indent}  ${l}`)];
      }
      return [`${indent}- ${String(x)}`];
    });
  }
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) =>
      x !== null && typeof x === 'object' ? [`${indent}${k}:`, ...dump(x, `${indent}  `)] : [`${indent}${k}:`.padEnd(indent.length + 20) + ` ${String(x)}`]);
  }
  return [`${indent}${String(v)}`];
}

/** `kubectl describe`-style: the metadata header, then spec and status as indented fields. */
export function kubectlDescribe(c: ClusterObject): string {
  const o = c.object;
  const m = o.metadata;
  const field = (k: string, v: string) => `${`${k}:`.padEnd(18)}${v}`;
  const multi = (k: string, rec: Record<string, string> | undefined) => {
    const e = Object.entries(rec ?? {});
    if (!e.length) return [field(k, '<none>')];
    return e.map(([a, b], i) => (i === 0 ? field(k, `${a}=${b}`) : `${''.padEnd(18)}${a}=${b}`));
  };
  const lines = [
    field('Name', m.name),
    ...(m.namespace ? [field('Namespace', m.namespace)] : []),
    ...multi('Labels', m.labels),
    ...multi('Annotations', m.annotations),
    field('Kind', `${o.kind} (${o.apiVersion})`),
  ];
  if (m.deletionTimestamp) lines.push(field('Status', `Terminating (lasts ${str(m.deletionGracePeriodSeconds, '30')}s)`));
  for (const part of ['spec', 'status'] as const) {
    if (o[part] && typeof o[part] === 'object' && Object.keys(o[part]).length) lines.push(`${part[0]!.toUpperCase()}${part.slice(1)}:`, ...dump(o[part], '  '));
  }
  for (const [k, v] of Object.entries(o)) {
    if (['apiVersion', 'kind', 'metadata', 'spec', 'status'].includes(k) || v === undefined) continue;
    lines.push(`${k[0]!.toUpperCase()}${k.slice(1)}:`, ...dump(v, '  '));
  }
  return lines.join('\n');
}
