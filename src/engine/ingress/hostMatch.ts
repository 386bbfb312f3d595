// Ingress host matching: kubernetes/website ingress.md "Hostname wildcards" and
// networking/v1 types.go IngressRule.Host ("*.foo.com" matches exactly one extra DNS label).

/** The Host header's name: the port is dropped and DNS names compare case-insensitively. */
export function normalizeHost(hostHeader: string): string {
  let h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1); // [v6]:port
  const colon = h.lastIndexOf(':');
  if (colon >= 0 && h.indexOf(':') === colon) h = h.slice(0, colon);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/**
 * Does a rule's host match the request's Host? A precise host must equal it; `*.foo.com`
 * matches `bar.foo.com` but neither `foo.com` nor `baz.bar.foo.com` (ingress-nginx renders the
 * wildcard as a one-label regex server_name for this reason); no host matches every request.
 */
export function hostMatches(ruleHost: string | undefined, requestHost: string): boolean {
  if (!ruleHost) return true;
  const req = normalizeHost(requestHost);
  const rule = ruleHost.toLowerCase();
  if (!rule.startsWith('*.')) return rule === req;
  const suffix = rule.slice(1); // ".foo.com"
  if (!req.endsWith(suffix)) return false;
  const label = req.slice(0, req.length - suffix.length);
  return label !== '' && !label.includes('.');
}
