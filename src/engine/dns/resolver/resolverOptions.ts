// The resolv.conf `options` a stub resolver reads.

export type ResolverKind = 'glibc' | 'musl';

/** getaddrinfo's ai_family: AF_UNSPEC sends A and AAAA per name. */
export type AddressFamily = 'AF_UNSPEC' | 'AF_INET' | 'AF_INET6';

export interface ResolverOptions {
  readonly ndots: number;
  /** glibc RES_NOTLDQUERY (`options no-tld-query`). */
  readonly noTldQuery: boolean;
  /** glibc `single-request`: A and AAAA one after the other instead of in parallel. */
  readonly singleRequest: boolean;
}

/** glibc RES_MAXNDOTS and musl resolvconf.c both cap ndots at 15. */
export const MAX_NDOTS = 15;

/**
 * glibc res_init.c res_setoptions / musl resolvconf.c: `ndots:N` (default 1, capped at 15),
 * later options override earlier ones.
 */
export function readResolverOptions(options: readonly string[]): ResolverOptions {
  let ndots = 1;
  let noTldQuery = false;
  let singleRequest = false;
  for (const o of options) {
    const m = /^ndots:(\d*)/.exec(o);
    if (m) ndots = Math.min(MAX_NDOTS, Number.parseInt(m[1] || '0', 10) || 0);
    else if (o === 'no-tld-query') noTldQuery = true;
    else if (o === 'single-request' || o === 'single-request-reopen') singleRequest = true;
  }
  return { ndots, noTldQuery, singleRequest };
}

/**
 * The search list musl actually uses. resolvconf.c reads /etc/resolv.conf with a 256-byte line
 * buffer and "ignore[s] lines that get truncated rather than potentially misinterpreting them":
 * a `search` line of 255 characters or more (newline included) is dropped whole, so a long
 * Kubernetes search list leaves musl with no search list at all.
 */
export function muslSearchList(searches: readonly string[]): { searches: readonly string[]; dropped: boolean } {
  if (searches.length === 0) return { searches, dropped: false };
  const line = `search ${searches.join(' ')}\n`;
  return line.length > 255 ? { searches: [], dropped: true } : { searches, dropped: false };
}
