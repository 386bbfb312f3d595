// The limits the kubelet applies to the final config (dns.go formDNSConfigFitsLimits).

/** core validation MaxDNSNameservers. */
export const MAX_DNS_NAMESERVERS = 3;
/** validation.MaxDNSSearchPaths / MaxDNSSearchListChars (ExpandedDNSConfig, GA and locked on). */
export const SEARCH_LIMITS_CURRENT = { maxPaths: 32, maxListChars: 2048 } as const;
/** MaxDNSSearchPathsLegacy / MaxDNSSearchListCharsLegacy, before ExpandedDNSConfig. */
export const SEARCH_LIMITS_LEGACY = { maxPaths: 6, maxListChars: 256 } as const;
/** utilvalidation.DNS1123SubdomainMaxLength: longer single search paths make glibc 2.28 abort(). */
export const MAX_SEARCH_PATH_CHARS = 253;

export interface SearchLimits {
  readonly maxPaths: number;
  readonly maxListChars: number;
}

/** The Warning event text the kubelet records on the Pod (reason DNSConfigForming), or null. */
export interface Limited {
  readonly list: string[];
  readonly event: string | null;
}

/** kubelet dns.go formDNSNameserversFitsLimits: keep the first 3. */
export function formDNSNameserversFitsLimits(nameservers: readonly string[]): Limited {
  if (nameservers.length <= MAX_DNS_NAMESERVERS) return { list: [...nameservers], event: null };
  const list = nameservers.slice(0, MAX_DNS_NAMESERVERS);
  return {
    list,
    event: `Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: ${list.join(' ')}`,
  };
}

/**
 * kubelet dns.go formDNSSearchFitsLimits, in its order: keep the first maxPaths entries; drop
 * any entry longer than 253 characters; then, while the space-joined line is longer than
 * maxListChars, cut entries from the end.
 */
export function formDNSSearchFitsLimits(searches: readonly string[], limits: SearchLimits = SEARCH_LIMITS_CURRENT): Limited {
  let exceeded = false;
  let list = [...searches];
  if (list.length > limits.maxPaths) {
    list = list.slice(0, limits.maxPaths);
    exceeded = true;
  }
  const kept = list.filter((s) => s.length <= MAX_SEARCH_PATH_CHARS);
  if (kept.length !== list.length) exceeded = true;
  list = kept;
  const lineLen = list.join(' ').length;
  if (lineLen > limits.maxListChars) {
    let cutNum = 0;
    let cutLen = 0;
    for (let i = list.length - 1; i >= 0; i--) {
      cutLen += (list[i] as string).length + 1;
      cutNum++;
      if (lineLen - cutLen <= limits.maxListChars) break;
    }
    list = list.slice(0, list.length - cutNum);
    exceeded = true;
  }
  return {
    list,
    event: exceeded
      ? `Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${list.join(' ')}`
      : null,
  };
}
