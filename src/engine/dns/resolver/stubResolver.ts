// Running a stub resolver's lookup against a DNS server: which packets go out, in order, what
// each answer is, and where the walk stops (glibc __res_context_search / __res_context_query,
// musl name_from_dns_search / name_from_dns).
import { isIP } from '../../shared/ip.ts';
import type { DnsMessage, RR } from '../coredns/dnsMessage.ts';
import { domainNameError } from '../coredns/names.ts';
import type { AddressFamily, ResolverKind, ResolverOptions } from './resolverOptions.ts';
import { searchCandidates, type Candidate } from './searchCandidates.ts';

/** A DNS server as the resolver sees it; null = no reply (e.g. ICMP port unreachable: ECONNREFUSED). */
export type DnsServer = (qname: string, qtype: string) => DnsMessage | null;

/** The rcode the lab writes for a query that got no reply at all. */
export const NO_REPLY = 'NOREPLY';

/** One packet and its reply. */
export interface SentQuery {
  readonly qname: string;
  readonly qtype: string;
  /** The reply's rcode, or NO_REPLY. */
  readonly rcode: string;
  readonly answers: readonly RR[];
  readonly message: DnsMessage | null;
}

/** One candidate name: its packets (A and/or AAAA) and what the resolver made of them. */
export interface ResolverStep {
  readonly qname: string;
  readonly queries: readonly SentQuery[];
  /** 'answer' stops the walk; the others are the resolver's error for this name. */
  readonly outcome: 'answer' | 'NXDOMAIN' | 'NODATA' | 'SERVFAIL' | 'FAIL' | 'NOT_SENT';
  /** True when this outcome ended the search walk without an answer. */
  readonly stopped: boolean;
  readonly note?: string;
}

export interface ResolveResult {
  readonly resolver: ResolverKind;
  readonly candidates: readonly string[];
  readonly steps: readonly ResolverStep[];
  readonly success: boolean;
  /** The rdata of the answers of the asked types (getaddrinfo: addresses, A then AAAA); empty on failure. */
  readonly addresses: readonly string[];
  /** h_errno (glibc) or EAI_* (musl) when it fails. */
  readonly error?: string;
}

/** getaddrinfo's packets per name: AF_UNSPEC sends A and AAAA (A first). */
export const qtypesFor = (family: AddressFamily): ('A' | 'AAAA')[] => (family === 'AF_INET' ? ['A'] : family === 'AF_INET6' ? ['AAAA'] : ['A', 'AAAA']);

function send(server: DnsServer, qname: string, qtypes: readonly string[]): SentQuery[] {
  return qtypes.map((qtype) => {
    const m = server(qname, qtype);
    return m ? { qname, qtype, rcode: m.rcode, answers: m.answer, message: m } : { qname, qtype, rcode: NO_REPLY, answers: [], message: null };
  });
}

const addressesOf = (qs: readonly SentQuery[]) => qs.flatMap((q) => q.answers.filter((a) => a.type === q.qtype).map((a) => a.data));

/**
 * glibc __res_context_query's verdict on the A (+AAAA) replies of one name: success when either
 * reply is NOERROR with answers; else h_errno from the first reply's rcode (the second's when
 * the first is NOERROR): NXDOMAIN → HOST_NOT_FOUND, SERVFAIL → TRY_AGAIN, NOERROR → NO_DATA,
 * anything else → NO_RECOVERY.
 */
function glibcVerdict(qs: readonly SentQuery[]): { outcome: ResolverStep['outcome']; herrno: string; continueWalk: boolean; giveUp?: boolean } {
  if (qs.some((q) => q.rcode === 'NOERROR' && q.answers.length > 0)) return { outcome: 'answer', herrno: '', continueWalk: false };
  // res_send fails (every server refused): "If no server present, give up" — TRY_AGAIN at once.
  if (qs.some((q) => q.rcode === NO_REPLY)) return { outcome: 'FAIL', herrno: 'TRY_AGAIN', continueWalk: false, giveUp: true };
  const first = qs[0]!;
  const rcode = first.rcode === 'NOERROR' ? (qs[1]?.rcode ?? 'NOERROR') : first.rcode;
  switch (rcode) {
    case 'NXDOMAIN':
      return { outcome: 'NXDOMAIN', herrno: 'HOST_NOT_FOUND', continueWalk: true };
    case 'NOERROR':
      return { outcome: 'NODATA', herrno: 'NO_DATA', continueWalk: true };
    case 'SERVFAIL':
      // "try next search element" only when the first reply itself is SERVFAIL (hp->rcode).
      return { outcome: 'SERVFAIL', herrno: 'TRY_AGAIN', continueWalk: first.rcode === 'SERVFAIL' };
    default:
      return { outcome: 'FAIL', herrno: 'NO_RECOVERY', continueWalk: false };
  }
}

function glibcResolve(server: DnsServer, cands: readonly Candidate[], trailingDot: boolean, qtypes: readonly string[]): Omit<ResolveResult, 'resolver' | 'candidates'> {
  const steps: ResolverStep[] = [];
  let savedHerrno: string | null = null;
  let gotNodata = false;
  let gotServfail = false;
  let last = 'HOST_NOT_FOUND';
  let walkDone = false;
  for (const c of cands) {
    // "anything else implies that we're done" ends the walk; the as-is attempt after it still runs.
    if (c.phase === 'search' && walkDone) continue;
    const invalid = domainNameError(c.fqdn);
    const qs = invalid ? [] : send(server, c.fqdn, qtypes);
    // res_mkquery fails on a malformed name: NO_RECOVERY.
    const v = invalid ? { outcome: 'NOT_SENT' as const, herrno: 'NO_RECOVERY', continueWalk: false } : glibcVerdict(qs);
    if (v.outcome === 'answer') {
      steps.push({ qname: c.fqdn, queries: qs, outcome: 'answer', stopped: false });
      return { steps, success: true, addresses: addressesOf(qs) };
    }
    last = v.herrno;
    if ('giveUp' in v && v.giveUp) {
      steps.push({ qname: c.fqdn, queries: qs, outcome: v.outcome, stopped: true, note: 'no reply (connection refused): the resolver gives up' });
      return { steps, success: false, addresses: [], error: v.herrno };
    }
    steps.push({ qname: c.fqdn, queries: qs, outcome: v.outcome, stopped: c.phase === 'search' && !v.continueWalk, ...(invalid ? { note: `not sent: ${invalid}` } : {}) });
    if (c.phase === 'as-is-first') {
      // With a trailing dot the first answer is final, success or not.
      if (trailingDot) return { steps, success: false, addresses: [], error: v.herrno };
      savedHerrno = v.herrno;
    }
    if (c.phase === 'search') {
      if (v.outcome === 'NODATA') gotNodata = true;
      if (v.outcome === 'SERVFAIL' && v.continueWalk) gotServfail = true;
      if (!v.continueWalk) walkDone = true;
    }
  }
  // "if we did an initial full query, return that query's H_ERRNO … else if we ever got a
  // nodata, send that back as the reason."
  const error = savedHerrno ?? (gotNodata ? 'NO_DATA' : gotServfail ? 'TRY_AGAIN' : last);
  return { steps, success: false, addresses: [], error };
}

/**
 * musl name_from_dns: SERVFAIL (or no reply) → EAI_AGAIN and NXDOMAIN → 0 ("try the next
 * name"), checked reply by reply in A, AAAA order; another rcode → EAI_FAIL; no address →
 * EAI_NODATA. Only 0 continues the walk.
 */
function muslResolve(server: DnsServer, cands: readonly Candidate[], qtypes: readonly string[]): Omit<ResolveResult, 'resolver' | 'candidates'> {
  const steps: ResolverStep[] = [];
  for (const c of cands) {
    const invalid = domainNameError(c.fqdn);
    if (invalid) {
      // __res_mkquery returns -1 and name_from_dns returns 0: the name is skipped like NXDOMAIN.
      steps.push({ qname: c.fqdn, queries: [], outcome: 'NOT_SENT', stopped: false, note: `not sent: ${invalid}` });
      continue;
    }
    const qs = send(server, c.fqdn, qtypes);
    let verdict: { outcome: ResolverStep['outcome']; eai: string } | null = null;
    for (const q of qs) {
      if (q.rcode === NO_REPLY) { verdict = { outcome: 'FAIL', eai: 'EAI_AGAIN' }; break; }
      if (q.rcode === 'SERVFAIL') { verdict = { outcome: 'SERVFAIL', eai: 'EAI_AGAIN' }; break; }
      if (q.rcode === 'NXDOMAIN') { verdict = { outcome: 'NXDOMAIN', eai: '' }; break; }
      if (q.rcode !== 'NOERROR') { verdict = { outcome: 'FAIL', eai: 'EAI_FAIL' }; break; }
    }
    if (verdict?.outcome === 'NXDOMAIN') {
      steps.push({ qname: c.fqdn, queries: qs, outcome: 'NXDOMAIN', stopped: false });
      continue;
    }
    const addrs = addressesOf(qs);
    if (!verdict && addrs.length > 0) {
      steps.push({ qname: c.fqdn, queries: qs, outcome: 'answer', stopped: false });
      return { steps, success: true, addresses: addrs };
    }
    const v = verdict ?? { outcome: 'NODATA' as const, eai: 'EAI_NODATA' };
    steps.push({ qname: c.fqdn, queries: qs, outcome: v.outcome, stopped: true });
    return { steps, success: false, addresses: [], error: v.eai };
  }
  return { steps, success: false, addresses: [], error: 'EAI_NONAME' };
}

/**
 * A lookup inside a Pod: getaddrinfo (qtypes A/AAAA per the address family) or res_search (one
 * other type). An IP literal needs no DNS for getaddrinfo; otherwise the resolver walks its
 * candidates against `server`. (/etc/hosts, consulted first by both, is not modelled here.)
 */
export function runResolver(
  kind: ResolverKind,
  name: string,
  search: readonly string[],
  opts: ResolverOptions,
  server: DnsServer,
  qtypes: readonly string[] = qtypesFor('AF_UNSPEC'),
): ResolveResult {
  if (isIP(name) && qtypes.every((t) => t === 'A' || t === 'AAAA')) return { resolver: kind, candidates: [], steps: [], success: true, addresses: [name] };
  const list = searchCandidates(kind, name, search, opts);
  const candidates = list.candidates.map((c) => c.fqdn);
  if (list.error) return { resolver: kind, candidates, steps: [], success: false, addresses: [], error: list.error };
  const r = kind === 'glibc' ? glibcResolve(server, list.candidates, list.trailingDot, qtypes) : muslResolve(server, list.candidates, qtypes);
  return { resolver: kind, candidates, ...r };
}
