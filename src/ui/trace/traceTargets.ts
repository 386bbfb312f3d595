// The Trace tab's pickers, from the cluster: sources (Pods with an IP, Nodes, an outside client)
// and destinations (each Service port by name, its ClusterIP, its NodePort on every Node, its
// LoadBalancer ingress IPs, and Pod IPs). Values are what `podlab trace --from/--to` accepts.
import type { ClusterSnapshot, KubeObject } from '../../engine/cluster/index.ts';

export interface TargetOption {
  readonly value: string;
  readonly label: string;
  readonly group: 'pod' | 'node' | 'service' | 'clusterIP' | 'nodePort' | 'loadBalancer' | 'podIP';
}

/** An address outside the cluster (TEST-NET-3, RFC 5737) for the "outside client" choice. */
export const OUTSIDE_CLIENT = '203.0.113.10';

interface ServicePort { name?: string; port: number; nodePort?: number; protocol?: string; targetPort?: number | string }

const hostPort = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

function nodeIP(n: KubeObject): string | null {
  const addrs: { type: string; address: string }[] = n.status?.addresses ?? [];
  return addrs.find((a) => a.type === 'InternalIP')?.address ?? null;
}

export function traceSources(snapshot: ClusterSnapshot | null): TargetOption[] {
  if (!snapshot) return [];
  const objs = snapshot.objects.map((o) => o.object);
  const pods = objs.filter((o) => o.kind === 'Pod' && o.status?.podIP && o.spec?.nodeName && !o.spec?.hostNetwork);
  const nodes = objs.filter((o) => o.kind === 'Node');
  return [
    ...pods.map((p): TargetOption => {
      const ns = p.metadata.namespace ?? 'default';
      return { value: `pod/${ns}/${p.metadata.name}`, label: `${ns}/${p.metadata.name} (${p.status.podIP})`, group: 'pod' };
    }),
    ...nodes.map((n): TargetOption => ({ value: `node/${n.metadata.name}`, label: `${n.metadata.name}${nodeIP(n) ? ` (${nodeIP(n)})` : ''}`, group: 'node' })),
  ];
}

export function traceDestinations(snapshot: ClusterSnapshot | null): TargetOption[] {
  if (!snapshot) return [];
  const objs = snapshot.objects.map((o) => o.object);
  const nodes = objs.filter((o) => o.kind === 'Node');
  const out: TargetOption[] = [];
  for (const svc of objs.filter((o) => o.kind === 'Service')) {
    const ns = svc.metadata.namespace ?? 'default';
    const name = svc.metadata.name;
    const ports: ServicePort[] = svc.spec?.ports ?? [];
    const ip: string | undefined = svc.spec?.clusterIP;
    const lbs: string[] = (svc.status?.loadBalancer?.ingress ?? []).map((i: { ip?: string }) => i.ip).filter(Boolean);
    for (const p of ports) {
      if (ip && ip !== 'None') {
        out.push({ value: `svc/${ns}/${name}:${p.port}`, label: `${ns}/${name}:${p.name ?? p.port}`, group: 'service' });
        out.push({ value: hostPort(ip, p.port), label: `${hostPort(ip, p.port)} (${name})`, group: 'clusterIP' });
      }
      if (p.nodePort) {
        for (const n of nodes) {
          const nip = nodeIP(n);
          if (nip) out.push({ value: hostPort(nip, p.nodePort), label: `${n.metadata.name} ${hostPort(nip, p.nodePort)} (${name})`, group: 'nodePort' });
        }
      }
      for (const lb of lbs) out.push({ value: hostPort(lb, p.port), label: `${hostPort(lb, p.port)} (${name})`, group: 'loadBalancer' });
    }
  }
  for (const p of objs.filter((o) => o.kind === 'Pod' && o.status?.podIP && !o.spec?.hostNetwork)) {
    const port: number = p.spec?.containers?.flatMap((c: { ports?: { containerPort: number }[] }) => c.ports ?? [])[0]?.containerPort ?? 80;
    out.push({ value: hostPort(String(p.status.podIP), port), label: `${p.metadata.name} ${hostPort(String(p.status.podIP), port)}`, group: 'podIP' });
  }
  return out;
}

/** The bare address of a destination, for ICMP (which has no port). */
export function withoutPort(to: string): string {
  const m = /^\[([^\]]+)\]:\d+$/.exec(to) ?? /^([^:]+):\d+$/.exec(to);
  return m ? (m[1] as string) : to;
}

/** The first packet the tab offers: from a Pod (one named `client` if there is one) to the first Service. */
export function defaultTraceEnds(snapshot: ClusterSnapshot | null): { from: string; to: string } {
  const src = traceSources(snapshot);
  const pods = src.filter((o) => o.group === 'pod');
  const from = pods.find((o) => o.value.endsWith('/client')) ?? pods[0] ?? src[0];
  const svcs = traceDestinations(snapshot).filter((o) => o.group === 'service');
  // The apiserver's and cluster DNS's Services are in every cluster; the user's come first.
  const ns = from?.group === 'pod' ? from.value.split('/')[1] : 'default';
  const to = svcs.find((o) => o.value.startsWith(`svc/${ns}/`) && !o.value.startsWith('svc/default/kubernetes:')) ?? svcs[0];
  return { from: from?.value ?? '', to: to?.value ?? '' };
}
