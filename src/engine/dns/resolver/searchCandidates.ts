// The fully qualified names a stub resolver tries for a name, in order, if every lookup fails.
import type { ResolverKind, ResolverOptions } from './resolverOptions.ts';

export interface Candidate {
  /** Presentation form with the final dot (`web.default.svc.cluster.local.`). */
  readonly fqdn: string;
  /**
   * Why it is tried: the name as is before the search list (dots >= ndots or a trailing dot),
   * `<name>.<search domain>`, or the name as is after the search list.
   */
  readonly phase: 'as-is-first' | 'search' | 'as-is-last';
}

export interface CandidateList {
  readonly candidates: readonly Candidate[];
  /** With a trailing dot, glibc returns the first answer whatever it is; musl never searches. */
  readonly trailingDot: boolean;
  readonly dots: number;
  /** Set when the resolver refuses the name before sending anything. */
  readonly error?: string;
}

function countDots(name: string): number {
  let n = 0;
  for (const ch of name) if (ch === '.') n++;
  return n;
}

/**
 * glibc resolv/res_query.c __res_context_search: as is first when dots >= ndots or a trailing
 * dot (final with a trailing dot); then `<name>.<domain>` per search domain (`.` = the root,
 * which counts as "root on list"); then as is, unless already tried or the root was on the list
 * (dotless names skip it with no-tld-query after a search).
 */
export function glibcCandidates(name: string, search: readonly string[], opts: ResolverOptions): CandidateList {
  const dots = countDots(name);
  const trailingDot = name.endsWith('.');
  const asIs = trailingDot ? name : `${name}.`;
  const candidates: Candidate[] = [];
  let triedAsIs = false;
  let rootOnList = false;
  if (dots >= opts.ndots || trailingDot) {
    candidates.push({ fqdn: asIs, phase: 'as-is-first' });
    if (trailingDot) return { candidates, trailingDot, dots };
    triedAsIs = true;
  }
  // RES_DEFNAMES / RES_DNSRCH are on by default: search for dotless names and for dotted names
  // without a trailing dot.
  for (const d0 of search) {
    const d = d0.startsWith('.') ? d0.slice(1) : d0;
    if (d === '') rootOnList = true;
    // __res_context_querydomain: "%s.%s" of name and domain.
    const joined = `${name}.${d}`;
    candidates.push({ fqdn: joined.endsWith('.') ? joined : `${joined}.`, phase: 'search' });
  }
  // "If the query has not already been tried as is then try it unless RES_NOTLDQUERY is set and
  // there were no dots" — upstream tests `!searched`, so an empty search list still tries it.
  const searched = search.length > 0;
  if ((dots > 0 || !searched || !opts.noTldQuery) && !(triedAsIs || rootOnList)) {
    candidates.push({ fqdn: asIs, phase: 'as-is-last' });
  }
  return { candidates, trailingDot, dots };
}

/**
 * musl src/network/lookup_name.c name_from_dns_search: no search at all when dots >= ndots or
 * a trailing dot; otherwise `<name>.<domain>` per search domain (taken literally: `.` gives
 * `name..`), then the name itself. More than one trailing dot is EAI_NONAME.
 */
export function muslCandidates(name: string, search: readonly string[], opts: ResolverOptions): CandidateList {
  const dots = countDots(name);
  const trailingDot = name.endsWith('.');
  const base = trailingDot ? name.slice(0, -1) : name;
  if (base === '' || base.endsWith('.')) return { candidates: [], trailingDot, dots, error: 'EAI_NONAME: empty name or more than one trailing dot' };
  const candidates: Candidate[] = [];
  if (!(dots >= opts.ndots || trailingDot)) {
    for (const d of search) {
      // "if (z-p < 256 - l - 1)": a domain that would not fit in canon[256] is skipped.
      if (d.length < 256 - base.length - 1) candidates.push({ fqdn: `${base}.${d}.`, phase: 'search' });
    }
  }
  candidates.push({ fqdn: `${base}.`, phase: trailingDot || dots >= opts.ndots ? 'as-is-first' : 'as-is-last' });
  return { candidates, trailingDot, dots };
}

export function searchCandidates(kind: ResolverKind, name: string, search: readonly string[], opts: ResolverOptions): CandidateList {
  return kind === 'glibc' ? glibcCandidates(name, search, opts) : muslCandidates(name, search, opts);
}
