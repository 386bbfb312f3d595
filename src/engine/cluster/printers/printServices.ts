// `kubectl get services` (pkg/printers/internalversion/printers.go printService,
// getServiceExternalIP, loadBalancerStatusStringer, makePortString). Wide adds SELECTOR.
import { formatLabels } from '../labels.ts';
import type { KubeObject } from '../objects.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are untyped JSON here

export const SERVICE_COLUMNS = ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'];

/** loadBalancerStatusStringer: ingress IPs/hostnames, cut to 13 characters + "..." when not wide and longer than 16. */
function loadBalancerStatus(svc: KubeObject, wide: boolean): string {
  const ingress: Obj[] = svc.status?.loadBalancer?.ingress ?? [];
  const r = ingress.map((i) => i.ip || i.hostname).filter(Boolean).join(',');
  return !wide && r.length > 16 ? r.slice(0, 13) + '...' : r;
}

export function serviceExternalIP(svc: KubeObject, wide: boolean): string {
  const spec: Obj = svc.spec ?? {};
  const externalIPs: string[] = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatus(svc, wide);
      if (externalIPs.length) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** makePortString: `port/PROTO` or `port:nodePort/PROTO`, comma-joined. */
export function makePortString(ports: readonly Obj[]): string {
  return ports.map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

export function serviceRow(svc: KubeObject, age: string, wide: boolean): string[] {
  const spec: Obj = svc.spec ?? {};
  const row = [svc.metadata.name, spec.type ?? 'ClusterIP', spec.clusterIP || '<none>', serviceExternalIP(svc, wide), makePortString(spec.ports ?? []) || '<none>', age];
  if (wide) row.push(formatLabels(spec.selector));
  return row;
}
