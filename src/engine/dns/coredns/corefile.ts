// Reading the `kubernetes` block of a Corefile (the kube-system/coredns ConfigMap) into the
// plugin's options (plugin/kubernetes/setup.go ParseStanza). Other plugins are not modelled
// except that `forward` exists (names outside the zones go upstream).
import { fqdn } from './names.ts';
import { PLUGIN_DEFAULTS, type CoreDNSConfig, type PodMode } from './model.ts';

export interface CorefileProblem {
  /** 1-based line in the Corefile. */
  readonly line: number;
  readonly message: string;
}

export interface CorefileResult {
  /** The kubernetes plugin's options, or null when the Corefile has no kubernetes block. */
  readonly config: CoreDNSConfig | null;
  readonly problems: readonly CorefileProblem[];
}

interface Token {
  readonly text: string;
  readonly line: number;
}

/** Caddyfile lexing as far as the lab needs: words, `{`, `}`, `#` comments, newlines as separators. */
function lex(text: string): Token[][] {
  const lines: Token[][] = [];
  text.split('\n').forEach((raw, i) => {
    const noComment = raw.replace(/#.*$/, '');
    const words = noComment.replace(/([{}])/g, ' $1 ').split(/\s+/).filter((w) => w !== '');
    if (words.length > 0) lines.push(words.map((w) => ({ text: w, line: i + 1 })));
  });
  return lines;
}

/** A zone argument as setup.go normalises it (plugin.Host(..).NormalizeExact): lower case, fully qualified. */
function zoneOf(arg: string): string {
  return fqdn(arg.replace(/^dns:\/\//, '').replace(/:\d+$/, '').toLowerCase());
}

export function parseCorefileKubernetes(text: string): CorefileResult {
  const problems: CorefileProblem[] = [];
  const lines = lex(text);
  let serverZones: string[] = [];
  let depth = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const words = line.map((t) => t.text);
    if (depth === 0 && words.includes('{')) {
      // A server block: `.:53 {` — its zones are the defaults for plugins without arguments.
      serverZones = words.slice(0, words.indexOf('{')).map((z) => zoneOf(z.replace(/:\d+$/, '')));
    }
    if (depth === 1 && words[0] === 'kubernetes') {
      const args = words.slice(1).filter((w) => w !== '{');
      let config: CoreDNSConfig = { ...PLUGIN_DEFAULTS, zones: (args.length > 0 ? args : serverZones).map(zoneOf) };
      if (words.includes('{')) {
        for (i = i + 1; i < lines.length; i++) {
          const opt = lines[i]!;
          const [name, ...rest] = opt.map((t) => t.text);
          const at = opt[0]!.line;
          if (name === '}') break;
          switch (name) {
            case 'pods':
              if (rest[0] === 'disabled' || rest[0] === 'insecure' || rest[0] === 'verified') config = { ...config, podMode: rest[0] as PodMode };
              else problems.push({ line: at, message: `pods: want disabled, insecure or verified, got "${rest[0] ?? ''}"` });
              break;
            case 'ttl': {
              const n = Number(rest[0]);
              // setup.go: "ttl must be in range [0, 3600]"
              if (Number.isInteger(n) && n >= 0 && n <= 3600) config = { ...config, ttl: n };
              else problems.push({ line: at, message: `ttl must be in range [0, 3600], got "${rest[0] ?? ''}"` });
              break;
            }
            case 'fallthrough':
              config = { ...config, fallthrough: rest.map(zoneOf) };
              break;
            case 'namespaces':
              config = { ...config, namespaces: rest };
              break;
            case 'ignore':
              if (rest[0] === 'empty_service') config = { ...config, ignoreEmptyService: true };
              else problems.push({ line: at, message: `ignore: unknown value "${rest[0] ?? ''}"` });
              break;
            case 'endpoint_pod_names':
              config = { ...config, endpointPodNames: true };
              break;
            default:
              // kubeconfig, endpoint, labels, noendpoints, multicluster …: accepted, not modelled.
              break;
          }
        }
      }
      return { config, problems };
    }
    for (const w of words) {
      if (w === '{') depth++;
      if (w === '}') depth = Math.max(0, depth - 1);
    }
  }
  return { config: null, problems };
}
