// A trace as text and as JSON (DESIGN.md "trace -o json"). The text reads like the kernel's
// `-j TRACE` log (nf_log_packet from ipt_do_table's trace_packet: "TRACE: table:chain:type:rulenum"
// with IN=/OUT=/SRC=/DST=/PROTO=/SPT=/DPT=/MARK=), plus one line for each hook, conntrack,
// NAT, routing and delivery step.
import type { Packet } from './packet.ts';
import { formatPacket } from './packet.ts';
import type { Trace, TracePath, TraceStep } from './trace.ts';

function traceFields(p: Packet): string {
  const ports = p.proto === 'icmp' || p.proto === 'icmpv6' ? ` TYPE=${p.icmpType ?? 0} CODE=${p.icmpCode ?? 0} ID=${p.sport}` : ` SPT=${p.sport} DPT=${p.dport}`;
  return `SRC=${p.src} DST=${p.dst} PROTO=${p.proto.toUpperCase()}${ports}${p.mark ? ` MARK=0x${p.mark.toString(16)}` : ''}`;
}

export function formatStep(s: TraceStep): string | null {
  const where = `[${s.node}]`;
  switch (s.kind) {
    case 'rule':
      if (s.ruleIndex === null) return `${where} TRACE: ${s.table}:${s.chain}:return ${traceFields(s.packet)}`;
      return `${where} TRACE: ${s.table}:${s.chain}:rule:${s.ruleIndex} ${traceFields(s.packet)}${s.matched ? ` -> ${s.target ?? '(no target)'}` : ' (no match)'}${s.note && s.matched ? `  # ${s.note}` : s.note?.startsWith('not modelled') ? `  # ${s.note}` : ''}`;
    case 'policy':
      return `${where} TRACE: ${s.table}:${s.chain}:policy ${traceFields(s.packet)} -> ${s.target}`;
    case 'skip':
      return `${where} ${s.table}:${s.chain}: ${s.note}`;
    case 'table':
      return null;
    case 'hook':
      return `${where} == ${s.hook} (${s.note ?? ''})${s.ctstate ? ` ctstate=${s.ctstate}` : ''}`;
    case 'route':
      return `${where} routing: ${s.route}${s.note ? `  # ${s.note}` : ''}`;
    case 'start':
      return `${where} start: ${formatPacket(s.packet)}  # ${s.note ?? ''}`;
    case 'verdict':
      return `${where} ${s.target}: ${s.note ?? ''}  ${formatPacket(s.packet)}`;
    default:
      return `${where} ${s.kind}${s.hook ? ` ${s.hook}` : ''}: ${s.note ?? ''}${s.packetBefore ? `  ${formatPacket(s.packetBefore)} => ${formatPacket(s.packet)}` : ''}`;
  }
}

export interface FormatOptions {
  /** Also print rules that did not match. */
  readonly verbose?: boolean;
}

function pathHeader(p: TracePath, i: number, n: number): string {
  const prob = Number.isInteger(p.probability) ? String(p.probability) : p.probability.toFixed(4);
  return `path ${i + 1}/${n}: probability ${prob}, verdict ${p.verdict}, dnat ${p.dnat ?? '-'}, masquerade ${p.masquerade ? 'yes' : 'no'}, ${p.rulesEvaluated} rules evaluated → ${p.endpoint}`;
}

export function formatPathText(p: TracePath, i: number, n: number, opts: FormatOptions = {}): string {
  const lines = [pathHeader(p, i, n)];
  for (const s of p.steps) {
    if (s.kind === 'rule' && !s.matched && !opts.verbose && !s.note?.startsWith('not modelled')) continue;
    const l = formatStep(s);
    if (l !== null) lines.push('  ' + l);
  }
  if (p.notModelled.length) lines.push(`  not modelled on this path (never treated as matching): ${p.notModelled.join('; ')}`);
  if (p.rejectReply) lines.push(`  reply sent: ${formatPacket(p.rejectReply)}`);
  return lines.join('\n');
}

export function formatTraceText(t: Trace & { readonly replies?: readonly (TracePath | null)[] }, opts: FormatOptions = {}): string {
  const out: string[] = [`packet: ${formatPacket(t.packet)}`];
  t.paths.forEach((p, i) => {
    out.push(formatPathText(p, i, t.paths.length, opts));
    const r = t.replies?.[i];
    if (r) out.push(formatPathText(r, 0, 1, opts).replace(/^path 1\/1/, '  reply'));
  });
  return out.join('\n') + '\n';
}

function packetJson(p: Packet) {
  return { proto: p.proto, src: p.src, dst: p.dst, sport: p.sport, dport: p.dport, mark: p.mark, ...(p.icmpType !== undefined ? { icmpType: p.icmpType, icmpCode: p.icmpCode ?? 0 } : {}), ...(p.tcpFlags ? { tcpFlags: p.tcpFlags } : {}) };
}

function pathJson(p: TracePath) {
  return {
    probability: p.probability,
    verdict: p.verdict,
    dnat: p.dnat,
    masquerade: p.masquerade,
    endpoint: p.endpoint,
    rulesEvaluated: p.rulesEvaluated,
    notModelled: p.notModelled,
    choices: p.choices,
    finalPacket: packetJson(p.finalPacket),
    ...(p.rejectReply ? { rejectReply: packetJson(p.rejectReply) } : {}),
    steps: p.steps.map((s) => ({
      kind: s.kind, node: s.node, hook: s.hook, table: s.table, chain: s.chain, rule: s.rule, ruleIndex: s.ruleIndex,
      matched: s.matched, target: s.target, packet: packetJson(s.packet),
      ...(s.packetBefore ? { packetBefore: packetJson(s.packetBefore) } : {}),
      ...(s.ctstate ? { ctstate: s.ctstate } : {}), ...(s.route ? { route: s.route } : {}), ...(s.note ? { note: s.note } : {}),
    })),
  };
}

/** The `trace -o json` document: `{packet, paths: [{probability, verdict, dnat, masquerade, steps}]}`. */
export function traceToJson(t: Trace & { readonly replies?: readonly (TracePath | null)[] }) {
  return {
    packet: packetJson(t.packet),
    paths: t.paths.map((p, i) => ({ ...pathJson(p), ...(t.replies?.[i] ? { reply: pathJson(t.replies[i] as TracePath) } : {}) })),
  };
}
