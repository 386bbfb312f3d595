// The proxy-mode switch edits the YAML, not hidden state: the mode lives in the
// KubeProxyConfiguration document, as on a real node (kube-proxy --config). Line-level text edits
// only — YAML is parsed in the worker, never on the main thread.
export type ProxyMode = 'iptables' | 'ipvs' | 'nftables';

interface Doc { start: number; end: number } // line indexes, end exclusive

function documents(lines: readonly string[]): Doc[] {
  const docs: Doc[] = [];
  let start = 0;
  lines.forEach((l, i) => {
    if (/^---\s*$/.test(l)) { docs.push({ start, end: i }); start = i + 1; }
  });
  docs.push({ start, end: lines.length });
  return docs;
}

const KIND = /^kind:\s*["']?KubeProxyConfiguration["']?\s*(#.*)?$/;
const MODE = /^mode:\s*(.*?)\s*(#.*)?$/;

function findConfig(lines: readonly string[]): Doc | undefined {
  return documents(lines).find((d) => lines.slice(d.start, d.end).some((l) => KIND.test(l)));
}

/** The mode in effect. An empty or missing mode means iptables on Linux
 * (kube-proxy: cmd/kube-proxy/app/server_linux.go platformApplyDefaults). */
export function readProxyMode(text: string): ProxyMode | string {
  // Fast path for big pastes: no config document, no line splitting.
  if (!text.includes('KubeProxyConfiguration')) return 'iptables';
  const lines = text.split('\n');
  const doc = findConfig(lines);
  if (!doc) return 'iptables';
  for (let i = doc.start; i < doc.end; i++) {
    const m = MODE.exec(lines[i]!);
    if (m) {
      const v = m[1]!.replace(/^["']|["']$/g, '');
      return v === '' ? 'iptables' : v;
    }
  }
  return 'iptables';
}

export function setProxyMode(text: string, mode: ProxyMode): string {
  const lines = text.split('\n');
  const doc = findConfig(lines);
  if (!doc) {
    const sep = text === '' || text.endsWith('\n') ? '' : '\n';
    return `${text}${sep}---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ${mode}\n`;
  }
  for (let i = doc.start; i < doc.end; i++) {
    const m = MODE.exec(lines[i]!);
    if (m) {
      lines[i] = `mode: ${mode}${m[2] ? ` ${m[2]}` : ''}`;
      return lines.join('\n');
    }
  }
  const kindAt = lines.findIndex((l, i) => i >= doc.start && i < doc.end && KIND.test(l));
  lines.splice(kindAt + 1, 0, `mode: ${mode}`);
  return lines.join('\n');
}
