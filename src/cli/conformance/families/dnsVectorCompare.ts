// Test helpers for the DNS vector suites: the answers vectors/README.md removes, and the
// comparisons it prescribes (CoreDNS test.SortAndCheck, the resolver trace classes), so Vitest
// judges each case as the conformance checker does.
import { canonicalIP } from '../../../engine/shared/ip.ts';

/** The input the checker sends: every answer and commentary key removed. */
export function stripKeys(v: unknown, drop: ReadonlySet<string>): unknown {
  if (Array.isArray(v)) return v.map((x) => stripKeys(x, drop));
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !drop.has(k)).map(([k, x]) => [k, stripKeys(x, drop)]));
}

const fq = (n: string) => (n.endsWith('.') ? n : n + '.');

/** conformance.py norm_rr: owner (exact case, fully qualified), TTL, type and the compared rdata. */
export function normRR(text: string, soaTTL = true): string {
  const t = text.split(/\s+/).filter((x) => x !== '');
  if (t.length < 4) return `? ${text}`;
  const [owner, ttl0, ...rest0] = t as [string, string, ...string[]];
  let ttl = ttl0;
  const rest = ['IN', 'CH', 'HS', 'ANY'].includes((rest0[0] ?? '').toUpperCase()) ? rest0.slice(1) : rest0;
  const type = (rest[0] ?? '').toUpperCase();
  const rd = rest.slice(1);
  let data = rd.join(' ');
  if ((type === 'A' || type === 'AAAA') && rd[0]) data = canonicalIP(rd[0]) ?? rd[0];
  else if (['CNAME', 'PTR', 'NS', 'DNAME'].includes(type) && rd[0]) data = fq(rd[0]);
  else if (type === 'SRV' && rd.length >= 4) data = `${Number(rd[0])} ${Number(rd[1])} ${Number(rd[2])} ${fq(rd[3]!)}`;
  else if (type === 'SOA' && rd[0]) {
    data = fq(rd[0]);
    if (!soaTTL) ttl = '*';
  } else if (type === 'TXT') data = rd.join(' ').replaceAll('"', '');
  return `${fq(owner)} ${ttl} ${type} ${data}`;
}

/** A section as a sorted multiset of normalised RRs. */
export const rrSet = (rrs: readonly string[], soaTTL = true) => rrs.map((r) => normRR(r, soaTTL)).sort();

/** test.CNAMEOrder: a CNAME never comes after a record owned by its target. */
export function cnameOrderProblem(answer: readonly string[]): string | null {
  const norm = answer.map((r) => normRR(r).split(' '));
  for (let i = 0; i < norm.length; i++) {
    const r = norm[i]!;
    if (r[2] !== 'CNAME') continue;
    if (norm.slice(0, i).some((e) => e[0] === r[3])) return `CNAME ${r[0]} after a record of its target ${r[3]}`;
  }
  return null;
}

export interface TraceStepClass {
  readonly qname: string;
  readonly status: string;
  readonly ips: string[] | null;
}

/** conformance.py _trace_steps: per step the outcome class and addresses, plus the final result's first word. */
export function traceClasses(steps: readonly Record<string, unknown>[]): { steps: TraceStepClass[]; final: string | null } {
  const out = steps.map((st) => {
    const per = (['A', 'AAAA'] as const).filter((t) => t in st).map((t) => String(st[t]).trim());
    const ips = new Set<string>();
    let status = '';
    if (per.length > 0) {
      for (const v of per) for (const tok of v.replace(/[()]/g, ' ').split(/\s+/).slice(1)) {
        const ip = canonicalIP(tok);
        if (ip) ips.add(ip);
      }
      if (ips.size > 0) status = 'NOERROR';
      else if (per.every((v) => v.toUpperCase().startsWith('NOERROR'))) status = 'NODATA';
      else status = per.find((v) => !v.toUpperCase().startsWith('NOERROR'))!.split(/\s+/)[0]!.toUpperCase();
    } else if ('rcode' in st) {
      const r = String(st['rcode']).trim().toUpperCase();
      status = r.startsWith('NOERROR') && r.includes('NO DATA') ? 'NODATA' : (r.split(/\s+/)[0] ?? '');
    }
    return { qname: String(st['qname']), status, ips: ips.size > 0 ? [...ips].sort() : null };
  });
  const last = steps[steps.length - 1];
  const final = last && 'result' in last ? (/[A-Za-z]+/.exec(String(last['result']).trim())?.[0]?.toLowerCase() ?? '') : null;
  return { steps: out, final };
}
