// The compare view's model: the same packet traced in iptables and ipvs mode, cut into hook
// segments (node + hook), aligned by a longest common subsequence of those segments, with the
// differences the learner should see: where the destination is rewritten, which chains each mode
// walks, how many rules the kernel evaluated, which endpoint each picked, and the verdict.
import type { TracePath } from '../../engine/netfilter/index.ts';
import type { ProxyTraceMode, TraceRun } from '../../worker/handlers/trace.ts';
import { litHookOf, type LitHook } from './traceRows.ts';

export interface Segment {
  readonly node: string;
  readonly hook: LitHook;
  /** User chains walked here, in first-visit order (KUBE-SERVICES, KUBE-SVC-…). */
  readonly chains: readonly string[];
  readonly rules: number;
  /** The destination was rewritten in this segment (iptables DNAT binding or IPVS). */
  readonly dnat: boolean;
  readonly verdict: string | null;
}

export interface AlignedRow {
  readonly iptables: Segment | null;
  readonly ipvs: Segment | null;
  readonly differs: boolean;
}

export interface ModeSummary {
  readonly mode: ProxyTraceMode;
  readonly verdict: string;
  readonly endpoint: string;
  readonly dnat: string | null;
  readonly dnatAt: string | null;
  readonly rulesEvaluated: number;
  readonly hooks: readonly string[];
}

export interface Comparison {
  readonly rows: readonly AlignedRow[];
  readonly iptables: ModeSummary;
  readonly ipvs: ModeSummary;
}

export function segmentsOf(path: TracePath): Segment[] {
  const segs: { node: string; hook: LitHook; chains: string[]; rules: number; dnat: boolean; verdict: string | null }[] = [];
  for (const s of path.steps) {
    const hook = litHookOf(s);
    const last = segs[segs.length - 1];
    if (s.kind === 'verdict' && last) {
      last.verdict = s.target;
      continue;
    }
    if (!hook) continue;
    const seg = last && last.node === s.node && last.hook === hook ? last : null;
    const cur = seg ?? { node: s.node, hook, chains: [], rules: 0, dnat: false, verdict: null };
    if (!seg) segs.push(cur);
    if (s.kind === 'rule') cur.rules += 1;
    if (s.chain && !/^(PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING)$/.test(s.chain) && !cur.chains.includes(s.chain)) cur.chains.push(s.chain);
    if (s.packetBefore && s.packetBefore.dst !== s.packet.dst && s.packetBefore.src === s.packet.src) cur.dnat = true;
  }
  return segs;
}

const key = (s: Segment) => `${s.node}|${s.hook}`;

function sameSegment(a: Segment, b: Segment): boolean {
  return a.dnat === b.dnat && a.verdict === b.verdict && a.chains.join() === b.chains.join();
}

/** Longest common subsequence of node+hook, then the gaps interleaved in order. */
export function alignSegments(a: readonly Segment[], b: readonly Segment[]): AlignedRow[] {
  const n = a.length;
  const m = b.length;
  const L: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      L[i]![j] = key(a[i]!) === key(b[j]!) ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
    }
  }
  const rows: AlignedRow[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && key(a[i]!) === key(b[j]!)) {
      rows.push({ iptables: a[i]!, ipvs: b[j]!, differs: !sameSegment(a[i]!, b[j]!) });
      i++;
      j++;
    } else if (j >= m || (i < n && L[i + 1]![j]! >= L[i]![j + 1]!)) {
      rows.push({ iptables: a[i++]!, ipvs: null, differs: true });
    } else {
      rows.push({ iptables: null, ipvs: b[j++]!, differs: true });
    }
  }
  return rows;
}

function summary(mode: ProxyTraceMode, path: TracePath): ModeSummary {
  const segs = segmentsOf(path);
  const at = segs.find((s) => s.dnat);
  return {
    mode, verdict: path.verdict, endpoint: path.endpoint, dnat: path.dnat, rulesEvaluated: path.rulesEvaluated,
    dnatAt: at ? `${at.node} ${at.hook}` : null,
    hooks: segs.map((s) => s.hook).filter((h, i, all) => all.indexOf(h) === i),
  };
}

/** Compares path `i` of each run (a seeded trace has one path per mode). */
export function compareRuns(runs: readonly TraceRun[], i = 0): Comparison | null {
  const ipt = runs.find((r) => r.mode === 'iptables')?.paths;
  const ipvs = runs.find((r) => r.mode === 'ipvs')?.paths;
  const a = ipt?.[Math.min(i, ipt.length - 1)];
  const b = ipvs?.[Math.min(i, ipvs.length - 1)];
  if (!a || !b) return null;
  return { rows: alignSegments(segmentsOf(a), segmentsOf(b)), iptables: summary('iptables', a), ipvs: summary('ipvs', b) };
}

export type ReasonKey =
  | 'compare.why.ipvsLocal' | 'compare.why.iptablesPrerouting' | 'compare.why.sameEndpoint' | 'compare.why.otherEndpoint'
  | 'compare.why.verdicts' | 'compare.why.rules' | 'compare.why.icmpIpvs' | 'compare.why.icmpIptables';

/** Plain-words reasons, as message keys with their values (the view translates them). */
export function compareReasons(c: Comparison, proto: string): { key: ReasonKey; vars: Record<string, string | number> }[] {
  const out: { key: ReasonKey; vars: Record<string, string | number> }[] = [];
  const { iptables: a, ipvs: b } = c;
  if (a.dnatAt?.includes('PREROUTING')) out.push({ key: 'compare.why.iptablesPrerouting', vars: { at: a.dnatAt } });
  if (b.hooks.includes('LOCAL_IN') || b.hooks.includes('INPUT')) {
    if (b.dnatAt) out.push({ key: 'compare.why.ipvsLocal', vars: { at: b.dnatAt } });
  }
  if (proto === 'icmp' && a.verdict !== b.verdict) {
    out.push({ key: 'compare.why.icmpIptables', vars: { verdict: a.verdict, endpoint: a.endpoint } });
    out.push({ key: 'compare.why.icmpIpvs', vars: { verdict: b.verdict, endpoint: b.endpoint } });
  } else if (a.verdict !== b.verdict) {
    out.push({ key: 'compare.why.verdicts', vars: { a: a.verdict, b: b.verdict } });
  }
  if (a.dnat && b.dnat) out.push({ key: a.dnat === b.dnat ? 'compare.why.sameEndpoint' : 'compare.why.otherEndpoint', vars: { a: a.dnat, b: b.dnat } });
  out.push({ key: 'compare.why.rules', vars: { a: a.rulesEvaluated, b: b.rulesEvaluated } });
  return out;
}
