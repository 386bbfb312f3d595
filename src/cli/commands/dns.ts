// podlab dns -f F… --pod NS/NAME [--query NAME [--type A|AAAA|SRV|PTR]] [--resolver glibc|musl]
//            [--node-resolv-conf FILE] [-o json]
// Without --query: the Pod's /etc/resolv.conf as the kubelet and containerd write it. With
// --query: every packet the Pod's resolver sends, in order, each with CoreDNS's answer (dig-like),
// and the final answer.
import {
  DEFAULT_NODE_RESOLV_CONF,
  formatDNSEvent,
  resolvConfForPod,
  resolveName,
  ResolveError,
  type LookupType,
  type ResolveNameResult,
  type ResolverKind,
} from '../../engine/dns/index.ts';
import { parseCommandArgs } from '../args.ts';
import { CliError, Output, readText } from '../io.ts';
import { snapshotOrFail } from './get.ts';
import type { Command } from './index.ts';

const TYPES: readonly LookupType[] = ['A', 'AAAA', 'SRV', 'PTR'];
const RESOLVERS: readonly ResolverKind[] = ['glibc', 'musl'];

function podRef(ref: string | undefined): { namespace: string; name: string } {
  if (!ref) throw new CliError('podlab dns: --pod NS/NAME is required');
  const parts = ref.split('/');
  if (parts.length > 2 || parts.some((p) => p === '')) throw new CliError(`podlab dns: --pod: expected NS/NAME, got "${ref}"`);
  return parts.length === 2 ? { namespace: parts[0]!, name: parts[1]! } : { namespace: 'default', name: parts[0]! };
}

function describeLookup(type: LookupType | undefined, resolver: ResolverKind): string {
  if (type === undefined) return `${resolver} getaddrinfo(AF_UNSPEC): A and AAAA per name`;
  if (type === 'A' || type === 'AAAA') return `${resolver} getaddrinfo(${type === 'A' ? 'AF_INET' : 'AF_INET6'}): ${type} per name`;
  return resolver === 'musl' ? `musl res_query(${type}): no search list` : `glibc res_search(${type})`;
}

/** dig-like text: one block per packet, a verdict per name, the final answer. */
export function printTrace(r: ResolveNameResult, type: LookupType | undefined): string {
  const out: string[] = [];
  const conf = r.resolvConf.conf!;
  if (r.final.source === 'files') return `;; /etc/hosts (kubelet-managed): ${r.final.qname ?? ''} -> ${r.final.answers.join(' ')}\n;; no DNS query sent\n`;
  out.push(`;; resolv.conf: search ${conf.searches.join(' ') || '(none)'}; nameserver ${conf.nameservers.join(' ') || '(none)'}; options ${conf.options.join(' ') || '(none)'}`);
  out.push(`;; server: ${r.server.ip || '(none)'} (${r.server.kind === 'cluster-dns' ? 'cluster DNS: CoreDNS kubernetes plugin, then forward' : r.server.kind === 'upstream' ? "the node's upstream resolver" : 'no nameserver'})`);
  out.push(`;; resolver: ${describeLookup(type, r.resolver)}`);
  out.push(`;; candidates if every name failed: ${r.candidates.join(' ') || '(none)'}`);
  for (const note of r.notes) out.push(`;; note: ${note}`);
  let n = 0;
  for (const step of r.steps) {
    out.push('');
    if (step.queries.length === 0) {
      out.push(`;; ${step.qname} ${step.note ?? 'not sent'}`);
      continue;
    }
    for (const q of step.queries) {
      n++;
      out.push(`;; QUERY ${n}: ${q.qname} IN ${q.qtype}`);
      const found = r.queries[n - 1];
      out.push(q.rcode === 'NOREPLY' ? ';; no reply (connection refused)' : `;; ->>HEADER<<- status: ${q.rcode}${found?.truncated ? ', flags: tc' : ''}`);
      const sections: [string, readonly string[] | undefined][] = [['ANSWER', found?.answers], ['AUTHORITY', found?.authority], ['ADDITIONAL', found?.additional]];
      for (const [title, rrs] of sections) {
        if (!rrs || rrs.length === 0) continue;
        out.push(`;; ${title} SECTION:`);
        for (const rr of rrs) out.push(rr);
      }
    }
    const verdict = step.outcome === 'answer' ? 'answer: stop' : step.stopped ? `${step.outcome}: the walk stops here` : `${step.outcome}: try the next name`;
    out.push(`;; => ${step.qname} ${verdict}`);
  }
  out.push('');
  out.push(r.final.success ? `;; FINAL: ${r.final.qname ?? ''} -> ${r.final.answers.join(' ')}` : `;; FINAL: lookup failed (${r.final.error ?? 'no answer'})`);
  return out.join('\n') + '\n';
}

export const dnsCommand: Command = {
  usage: 'dns -f F… --pod NS/NAME [--query NAME [--type A|AAAA|SRV|PTR]] [--resolver glibc|musl] [--node-resolv-conf FILE] [-o json]',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        file: { type: 'string', short: 'f', multiple: true },
        pod: { type: 'string' },
        query: { type: 'string' },
        type: { type: 'string' },
        resolver: { type: 'string' },
        'node-resolv-conf': { type: 'string' },
        output: { type: 'string', short: 'o' },
      },
      'dns',
    );
    if (positionals.length > 0) throw new CliError(`podlab dns: unexpected argument "${positionals[0]}"`);
    if (values.output !== undefined && values.output !== 'json' && values.output !== 'text') throw new CliError(`podlab dns: -o: expected json, got "${values.output}"`);
    const type = values.type?.toUpperCase() as LookupType | undefined;
    if (type !== undefined && !TYPES.includes(type)) throw new CliError(`podlab dns: --type: expected one of ${TYPES.join(', ')}, got "${values.type}"`);
    if (type !== undefined && values.query === undefined) throw new CliError('podlab dns: --type needs --query NAME');
    const resolver = (values.resolver ?? 'glibc') as ResolverKind;
    if (!RESOLVERS.includes(resolver)) throw new CliError(`podlab dns: --resolver: expected glibc or musl, got "${values.resolver}"`);
    const { namespace, name } = podRef(values.pod);
    const nodeResolvConf = values['node-resolv-conf'] !== undefined ? readText(values['node-resolv-conf']) : undefined;
    const snapshot = snapshotOrFail(values.file ?? []);
    const out = new Output();
    const opts = nodeResolvConf !== undefined ? { nodeResolvConf } : {};

    if (values.query === undefined) {
      const rc = resolvConfForPod(snapshot, namespace, name, opts);
      if (!rc) throw new CliError(`podlab dns: no Pod ${namespace}/${name}`);
      if (!rc.conf) throw new CliError(`podlab dns: the kubelet cannot build ${namespace}/${name}'s resolv.conf: ${rc.error ?? 'unknown error'}`);
      // When the CRI DNS config is empty, containerd copies the node's /etc/resolv.conf.
      const file = rc.rendered ?? nodeResolvConf ?? DEFAULT_NODE_RESOLV_CONF;
      if (values.output === 'json') {
        out.line(JSON.stringify({ pod: `${namespace}/${name}`, dnsType: rc.type, resolvConf: rc.conf, file, events: rc.events.map(formatDNSEvent) }, null, 2));
      } else {
        out.write(file);
        for (const e of rc.events) process.stderr.write(`${formatDNSEvent(e)}\n`);
      }
      out.flush();
      return 0;
    }

    let r: ResolveNameResult;
    try {
      r = resolveName(snapshot, namespace, name, values.query, { ...opts, resolver, ...(type ? { type } : {}) });
    } catch (e) {
      if (e instanceof ResolveError) throw new CliError(`podlab dns: ${e.message}`);
      throw e;
    }
    if (values.output === 'json') {
      out.line(JSON.stringify({
        pod: `${namespace}/${name}`,
        resolver: r.resolver,
        server: r.server,
        resolvConf: r.resolvConf.conf,
        candidates: r.candidates,
        queries: r.queries,
        steps: r.steps.map((s) => ({ qname: s.qname, outcome: s.outcome, stopped: s.stopped, ...(s.note ? { note: s.note } : {}) })),
        notes: r.notes,
        final: r.final,
      }, null, 2));
    } else {
      out.write(printTrace(r, type));
    }
    out.flush();
    return 0;
  },
};
