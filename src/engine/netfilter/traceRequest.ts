// Turns a user's "from SRC to DST" into a start point and a first packet on a lab cluster's
// dataplane (DESIGN.md CLI contract; shared by `podlab trace` and, later, the trace tab).
//   SRC: pod/NS/NAME | node/NAME | IP (a pod's or node's IP, or an outside client)
//   DST: IP:PORT | [IPv6]:PORT | IP (ICMP) | svc/NS/NAME:PORT | NAME[.NS[.svc[.cluster.local]]]:PORT
// A DNS-style name is resolved the way the cluster DNS answers a Service A query (its ClusterIP);
// a bare NAME is looked up in the source Pod's namespace, as its resolv.conf search path would.
import type { ClusterSnapshot } from '../cluster/objects.ts';
import { canonicalIP } from '../shared/ip.ts';
import type { Dataplane } from './dataplane.ts';
import { makePacket, type L4Proto, type Packet } from './packet.ts';
import { routeLookup, sourceAddressFor } from './routing.ts';
import type { StartPoint } from './pathState.ts';

export interface TraceRequest {
  readonly from: string;
  readonly to: string;
  readonly proto: L4Proto;
  readonly sport?: number;
  /** Where an outside client's packet arrives (default: the first node). */
  readonly node?: string;
}

export type ResolvedTrace =
  | { readonly start: StartPoint; readonly packet: Packet; readonly warnings: readonly string[] }
  | { readonly error: string };

export type AddrPort = { readonly addr: string; readonly port: number | null };

/** `IP:PORT`, `[v6]:PORT`, or a bare IP (for ICMP). */
export function parseAddrPort(text: string, what: string): AddrPort | { error: string } {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:]+):(\d+)$/.exec(text);
  const addr = canonicalIP(m ? (m[1] as string) : text);
  if (!addr) return { error: `${what} ${JSON.stringify(text)}: expected IP:PORT, [IPv6]:PORT or IP` };
  const port = m ? Number(m[2]) : null;
  if (port !== null && (port < 1 || port > 65535)) return { error: `${what} ${text}: port must be 1-65535` };
  return { addr, port };
}

function resolveDst(snapshot: ClusterSnapshot, to: string, srcNs: string, warnings: string[]): AddrPort | { error: string } {
  const svcRef = /^svc\/([^/]+)\/([^:]+):(.+)$/.exec(to);
  const dnsRef = svcRef ? null : /^([a-z0-9-]+)(?:\.([a-z0-9-]+)(?:\.svc(?:\.cluster\.local\.?)?)?)?:(.+)$/.exec(to);
  const ref = svcRef ?? dnsRef;
  if (!ref || canonicalIP(to.replace(/^\[|\]:\d+$|:\d+$/g, ''))) return parseAddrPort(to, '--to');
  const ns = svcRef ? (ref[1] as string) : (ref[2] ?? srcNs);
  const name = svcRef ? (ref[2] as string) : (ref[1] as string);
  const portText = ref[3] as string;
  const svc = snapshot.objects.find((o) => o.object.kind === 'Service' && o.object.metadata.name === name && (o.object.metadata.namespace ?? 'default') === ns)?.object;
  if (!svc) return { error: `--to ${to}: no Service ${ns}/${name}` };
  const ip = svc.spec?.clusterIP;
  if (!ip || ip === 'None') return { error: `--to ${to}: Service ${ns}/${name} has no ClusterIP (headless); trace to a Pod IP instead` };
  const ports: { name?: string; port: number }[] = svc.spec?.ports ?? [];
  const port = /^\d+$/.test(portText) ? Number(portText) : ports.find((p) => p.name === portText)?.port;
  if (port === undefined) return { error: `--to ${to}: Service ${ns}/${name} has no port named ${JSON.stringify(portText)}` };
  if (!ports.some((p) => p.port === port)) warnings.push(`Service ${ns}/${name} does not expose port ${port}`);
  return { addr: canonicalIP(ip) ?? ip, port };
}

function packetFor(req: TraceRequest, src: string, dst: AddrPort): Packet | { error: string } {
  if (dst.port === null && req.proto !== 'icmp') return { error: `--to needs a port for ${req.proto}` };
  const p = makePacket({ proto: req.proto, src, dst: dst.addr, ...(dst.port !== null ? { dport: dst.port } : {}), ...(req.sport !== undefined ? { sport: req.sport } : {}) });
  return typeof p === 'string' ? { error: p } : p;
}

export function resolveTraceRequest(snapshot: ClusterSnapshot, dp: Dataplane, req: TraceRequest): ResolvedTrace {
  const warnings: string[] = [];
  const nodeNames = dp.nodes.map((n) => n.name);
  if (req.node !== undefined && !nodeNames.includes(req.node)) return { error: `--node ${req.node}: no such Node (nodes: ${nodeNames.join(', ')})` };
  const podRef = /^pod\/([^/]+)\/(.+)$/.exec(req.from);
  const nodeRef = /^node\/(.+)$/.exec(req.from);
  let start: StartPoint;
  let src: string | null = null;
  let srcNs = 'default';
  if (podRef) {
    const pod = dp.pods.find((p) => p.namespace === podRef[1] && p.name === podRef[2]);
    if (!pod) return { error: `--from ${req.from}: no running Pod with an IP by that name` };
    start = { kind: 'pod', pod };
    src = pod.ip;
    srcNs = pod.namespace;
  } else if (nodeRef) {
    const node = dp.nodes.find((n) => n.name === nodeRef[1]);
    if (!node) return { error: `--from ${req.from}: no such Node (nodes: ${nodeNames.join(', ')})` };
    start = { kind: 'host', node: node.name };
  } else {
    src = canonicalIP(req.from);
    if (!src) return { error: `--from ${JSON.stringify(req.from)}: expected pod/NS/NAME, node/NAME or an IP` };
    const ip = src;
    const pod = dp.pods.find((p) => p.ip === ip && !p.hostNetwork);
    const node = dp.nodes.find((n) => n.localIPs.includes(ip));
    const entry = req.node ?? nodeNames[0];
    if (pod) start = { kind: 'pod', pod };
    else if (node) start = { kind: 'host', node: node.name };
    else if (entry) start = { kind: 'wire', node: entry, iface: 'eth0' };
    else return { error: 'the cluster has no Nodes' };
  }
  const dst = resolveDst(snapshot, req.to, srcNs, warnings);
  if ('error' in dst) return dst;
  if (src === null && start.kind === 'host') {
    // The socket's route picks the source: for a local destination (a ClusterIP on kube-ipvs0)
    // that is the destination itself (ip_route_output: RTN_LOCAL → saddr = daddr).
    const node = dp.nodes.find((n) => n.name === (start as { node: string }).node)!;
    src = sourceAddressFor(node, routeLookup(node, dst.addr), dst.addr, dst.addr.includes(':') ? 'IPv6' : 'IPv4') ?? node.localIPs[0] ?? null;
    if (!src) return { error: `--from ${req.from}: the Node has no address to send from` };
  }
  const packet = packetFor(req, src as string, dst);
  if ('error' in packet) return packet;
  return { start, packet, warnings };
}
