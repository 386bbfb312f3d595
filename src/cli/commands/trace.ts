// podlab trace — a packet through netfilter, hook by hook (DESIGN.md, "The CLI contract").
//   (a) a real node's dump:  --iptables-save DUMP --src IP --dst IP[:PORT] [--local-ips IP,…]
//   (b) the lab cluster:     -f F… --from SRC --to DST [--node NAME]
// Both feed the same walker (engine/netfilter walkPacket) through a Dataplane.
import {
  dataplaneFromCluster, dataplaneFromDump, formatConntrackTable, formatTraceText, makePacket, parseAddrPort as parseEngineAddrPort, parseIpsetList,
  parseIptables, resolveTraceRequest, traceToJson, walkPacket, type AddrPort, type Dataplane, type IPSet, type L4Proto, type Packet, type StartPoint,
} from '../../engine/netfilter/index.ts';
import { ipvsHandlerFor } from '../../engine/netfilter/ipvs/ipvsHandler.ts';
import { parseIpvsadmList } from '../../engine/netfilter/ipvs/parseIpvsadm.ts';
import { formatDiagnostic } from '../../engine/shared/diagnostics.ts';
import { canonicalIP } from '../../engine/shared/ip.ts';
import { createRandom } from '../../engine/shared/random.ts';
import { parseCommandArgs } from '../args.ts';
import { clusterFromInputs } from '../clusterInput.ts';
import { CliError, Output, readText } from '../io.ts';
import type { Command } from './index.ts';

const PROTOS = ['tcp', 'udp', 'sctp', 'icmp'] as const;

function fail(msg: string): never {
  throw new CliError(`podlab trace: ${msg}`);
}

/** `IP:PORT`, `[v6]:PORT`, or a bare IP (for ICMP); a CliError otherwise. */
export function parseAddrPort(text: string, flag: string): AddrPort {
  const r = parseEngineAddrPort(text, flag);
  if ('error' in r) fail(r.error);
  return r;
}

function buildPacket(proto: L4Proto, src: string, dst: AddrPort, sport: number | undefined): Packet {
  if (dst.port === null && proto !== 'icmp') fail(`--dst/--to needs a port for ${proto}`);
  const p = makePacket({ proto, src, dst: dst.addr, ...(dst.port !== null ? { dport: dst.port } : {}), ...(sport !== undefined ? { sport } : {}) });
  if (typeof p === 'string') fail(p);
  return p;
}

interface Resolved {
  readonly dp: Dataplane;
  readonly start: StartPoint;
  readonly packet: Packet;
}

/** (a): one node from an iptables-save dump (or restore input). */
function fromDump(v: Values, proto: L4Proto, sport: number | undefined): Resolved {
  if (v.from || v.to || v.f) fail('--iptables-save traces a single node: use --src/--dst, not -f/--from/--to');
  if (!v.src || !v.dst) fail('--iptables-save needs --src IP and --dst IP:PORT');
  const src = canonicalIP(v.src) ?? fail(`--src ${JSON.stringify(v.src)}: not an IP address`);
  const dst = parseAddrPort(v.dst, '--dst');
  const file = v['iptables-save'] as string;
  const rs = parseIptables(readText(file), { file });
  const bad = rs.diagnostics.find((d) => d.severity === 'error');
  if (bad) fail(formatDiagnostic(bad));
  const localIPs = (v['local-ips'] ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => canonicalIP(s) ?? fail(`--local-ips: ${JSON.stringify(s)} is not an IP address`));
  let ipvs: { handler: ReturnType<typeof ipvsHandlerFor>; addresses: string[] } | undefined;
  if (v.ipvsadm) {
    const parsed = parseIpvsadmList(readText(v.ipvsadm), v.ipvsadm);
    if (parsed.errors[0]) fail(formatDiagnostic(parsed.errors[0]));
    ipvs = { handler: ipvsHandlerFor(parsed.virtualServers), addresses: parsed.virtualServers.filter((s) => s.fwmark === undefined).map((s) => s.address) };
  }
  let ipsets: IPSet[] | undefined;
  if (v['ipset-list']) {
    const parsed = parseIpsetList(readText(v['ipset-list']), v['ipset-list']);
    if (parsed.diagnostics[0]) fail(formatDiagnostic(parsed.diagnostics[0]));
    ipsets = parsed.sets;
  }
  const dp = dataplaneFromDump({ name: v.node ?? 'node', ruleset: rs, localIPs, ...(ipvs ? { ipvs } : {}), ...(ipsets ? { ipsets } : {}) });
  const local = localIPs.includes(src) || src === '127.0.0.1' || src === '::1';
  const start: StartPoint = local ? { kind: 'host', node: dp.nodes[0]!.name } : { kind: 'wire', node: dp.nodes[0]!.name, iface: 'eth0' };
  return { dp, start, packet: buildPacket(proto, src, dst, sport) };
}

/** (b): the lab cluster from manifests. */
function fromCluster(v: Values, proto: L4Proto, sport: number | undefined): Resolved {
  if (v.src || v.dst) fail('with -f use --from/--to (--src/--dst are for --iptables-save)');
  if (!v.from || !v.to) fail('needs --from SRC and --to DST');
  if (v.mode && v.mode !== 'iptables' && v.mode !== 'ipvs') fail(`--mode ${v.mode}: iptables and ipvs modes are traced (nftables not yet)`);
  const snapshot = clusterFromInputs(v.f ?? [], 'trace');
  const { dataplane: dp, diagnostics } = dataplaneFromCluster(snapshot, v.mode ? { mode: v.mode as 'iptables' | 'ipvs' } : {});
  const bad = diagnostics.find((d) => d.severity === 'error');
  if (bad) fail(`rules did not load: ${formatDiagnostic(bad)}`);
  const r = resolveTraceRequest(snapshot, dp, { from: v.from, to: v.to, proto, ...(sport !== undefined ? { sport } : {}), ...(v.node !== undefined ? { node: v.node } : {}) });
  if ('error' in r) fail(r.error);
  for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
  return { dp, start: r.start, packet: r.packet };
}

type Values = {
  f?: string[]; from?: string; to?: string; src?: string; dst?: string; proto?: string; 'iptables-save'?: string; ipvsadm?: string;
  'local-ips'?: string; 'ipset-list'?: string; conntrack?: boolean; node?: string; mode?: string; seed?: string; 'all-paths'?: boolean; o?: string; sport?: string; reply?: boolean; verbose?: boolean;
};

export const traceCommand: Command = {
  usage:
    'trace -f F… --from SRC --to DST [--mode iptables|ipvs] [--proto tcp|udp|sctp|icmp] [--node NAME] [--seed N | --all-paths] [--reply] [-o text|json] [--verbose]\n' +
    '      # SRC: pod/NS/NAME | node/NAME | IP ; DST: IP:PORT | svc/NS/NAME:PORT | NAME[.NS]:PORT\n' +
    'trace --iptables-save DUMP [--ipvsadm DUMP] [--ipset-list DUMP] --src IP --dst IP:PORT [--proto P] [--local-ips IP,…] [--all-paths] [-o json]\n' +
    '      # a real node\'s dump; a source among --local-ips starts at OUTPUT, any other at PREROUTING\n' +
    '      # --reply also traces the answer; --conntrack prints `conntrack -L` of each node afterwards',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      f: { type: 'string', multiple: true, short: 'f' },
      from: { type: 'string' },
      to: { type: 'string' },
      src: { type: 'string' },
      dst: { type: 'string' },
      sport: { type: 'string' },
      proto: { type: 'string' },
      'iptables-save': { type: 'string' },
      ipvsadm: { type: 'string' },
      'local-ips': { type: 'string' },
      'ipset-list': { type: 'string' },
      conntrack: { type: 'boolean' },
      node: { type: 'string' },
      mode: { type: 'string' },
      seed: { type: 'string' },
      'all-paths': { type: 'boolean' },
      reply: { type: 'boolean' },
      verbose: { type: 'boolean' },
      o: { type: 'string', short: 'o' },
    }, 'trace');
    const v = values as Values;
    if (positionals.length > 0) fail(`unexpected argument "${positionals[0]}"`);
    const proto = (v.proto ?? 'tcp').toLowerCase() as L4Proto;
    if (!(PROTOS as readonly string[]).includes(proto)) fail(`--proto must be one of ${PROTOS.join(', ')}, got "${v.proto}"`);
    const output = v.o ?? 'text';
    if (output !== 'text' && output !== 'json') fail(`-o must be text or json, got "${output}"`);
    if (v.seed !== undefined && v['all-paths']) fail('--seed and --all-paths exclude each other');
    if (v.seed !== undefined && !/^\d+$/.test(v.seed)) fail(`--seed must be a non-negative integer, got "${v.seed}"`);
    if (v.sport !== undefined && !/^\d+$/.test(v.sport)) fail(`--sport must be a port number, got "${v.sport}"`);
    const sport = v.sport !== undefined ? Number(v.sport) : undefined;
    const r = v['iptables-save'] !== undefined ? fromDump(v, proto, sport) : v.f ? fromCluster(v, proto, sport) : fail('give -f MANIFESTS with --from/--to, or --iptables-save DUMP with --src/--dst');
    const seed = Number(v.seed ?? 1);
    let trace: ReturnType<typeof walkPacket>;
    try {
      trace = walkPacket(r.dp, r.start, r.packet, {
        mode: v['all-paths'] ? { kind: 'all' } : { kind: 'seeded', random: createRandom(seed) },
        reply: !!v.reply,
      });
    } catch (e) {
      fail(`cannot trace this ruleset: ${(e as Error).message}`);
    }
    const out = new Output();
    if (output === 'json') {
      const doc = traceToJson(trace);
      const paths = v.conntrack
        ? doc.paths.map((p, i) => ({ ...p, conntrack: Object.fromEntries([...(trace.after[i] ?? [])].map(([n, st]) => [n, formatConntrackTable(st.conntrack, 0).split('\n').filter(Boolean)])) }))
        : doc.paths;
      out.line(JSON.stringify({ ...(v['all-paths'] ? {} : { seed }), ...doc, paths, ...(trace.truncated ? { truncated: true } : {}) }, null, 2));
    }
    else {
      if (!v['all-paths']) out.line(`seed ${seed} (use --all-paths for every branch)`);
      out.write(formatTraceText(trace, { verbose: !!v.verbose }));
      if (v.conntrack) {
        trace.after.forEach((nodes, i) => {
          for (const [name, st] of nodes) out.line(`conntrack -L on ${name} after path ${i + 1}:\n${formatConntrackTable(st.conntrack, 0) || '(empty)'}`);
        });
      }
    }
    out.flush();
    return 0;
  },
};
