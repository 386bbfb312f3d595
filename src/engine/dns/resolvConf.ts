// The Pod's /etc/resolv.conf as data, the kubelet's parser of the node file, and the file text
// as containerd writes it.

/** kubelet's view of a resolv.conf (runtimeapi.DNSConfig: Servers, Searches, Options). */
export interface ResolvConf {
  readonly nameservers: readonly string[];
  readonly searches: readonly string[];
  readonly options: readonly string[];
}

export interface ResolvConfParseError {
  /** 1-based line of the node file. */
  readonly line: number;
  readonly message: string;
}

export interface ParsedResolvConf {
  readonly conf: ResolvConf;
  /** Non-empty when the kubelet would refuse the file (GetPodDNS then fails the sandbox). */
  readonly errors: readonly ResolvConfParseError[];
}

/** kubelet dns.go maxResolvConfLength: the node file is read with utilio.ReadAtMost(10 MiB). */
export const MAX_RESOLV_CONF_LENGTH = 10 * (1 << 20);

export const EMPTY_RESOLV_CONF: ResolvConf = { nameservers: [], searches: [], options: [] };

/**
 * kubelet pkg/kubelet/network/dns/dns.go parseResolvConf: `nameserver` lines accumulate (only
 * fields[1] is used, so a trailing `# comment` is ignored), the last `search` line wins with each
 * domain's trailing dot trimmed and a bare `.` dropped, the last `options` line wins, `#` lines
 * are skipped, and `nameserver` without a value is an error ("nameserver list is empty").
 */
export function parseResolvConf(text: string): ParsedResolvConf {
  if (text.length > MAX_RESOLV_CONF_LENGTH) {
    return { conf: EMPTY_RESOLV_CONF, errors: [{ line: 1, message: `file is larger than ${MAX_RESOLV_CONF_LENGTH} bytes` }] };
  }
  const nameservers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  const errors: ResolvConfParseError[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const trimmed = goTrimSpace(lines[i] ?? '');
    if (trimmed.startsWith('#')) continue;
    const fields = goFields(trimmed);
    if (fields.length === 0) continue;
    switch (fields[0]) {
      case 'nameserver':
        if (fields.length >= 2) nameservers.push(fields[1] as string);
        else errors.push({ line: i + 1, message: 'nameserver list is empty' });
        break;
      case 'search':
        // "Normalise search fields so the same domain with and without trailing dot will only count
        // once"; a bare `.` is dropped as newer kubelets do (04791b49 would keep it as "").
        searches = fields.slice(1).filter((s) => s !== '.').map((s) => (s.endsWith('.') ? s.slice(0, -1) : s));
        break;
      case 'options':
        // "last one wins" (dns.go at the vectors' version 04791b49). Later kubelets merge
        // options lines by name instead (appendOptions); both agree on every upstream test case.
        options = fields.slice(1);
        break;
    }
  }
  return { conf: { nameservers, searches, options }, errors };
}

/**
 * The file containerd's CRI plugin writes (sandbox_run.go parseDNSOptions): `search …`, one
 * `nameserver X` line per server, `options …`, each line only when its list is non-empty.
 * Returns null when everything is empty: containerd then copies the node's /etc/resolv.conf.
 */
export function renderResolvConf(conf: ResolvConf): string | null {
  let out = '';
  if (conf.searches.length > 0) out += `search ${conf.searches.join(' ')}\n`;
  if (conf.nameservers.length > 0) out += `nameserver ${conf.nameservers.join('\nnameserver ')}\n`;
  if (conf.options.length > 0) out += `options ${conf.options.join(' ')}\n`;
  return out === '' ? null : out;
}

// Go's unicode.IsSpace for the ASCII range plus U+0085 and U+00A0, which strings.Fields and
// strings.TrimSpace split on.
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

function goTrimSpace(s: string): string {
  return s.replace(new RegExp(`^${GO_SPACE.source}|${GO_SPACE.source}$`, 'g'), '');
}

function goFields(s: string): string[] {
  return s.split(GO_SPACE).filter((f) => f !== '');
}
