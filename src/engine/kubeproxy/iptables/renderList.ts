// `iptables -L -n -v -t TABLE` as iptables 1.8 prints it (libxtables print_header /
// print_firewall and each module's print()): counters, target, prot, opt, in, out, source,
// destination, then match and target details. Counters are the lab's zeros.
import type { IPFamily } from '../../shared/ip.ts';
import { BUILTIN_CHAINS } from './ruleset.ts';
import { parseRestore } from './parseRestore.ts';
import { parseRuleText, type MatchModule, type ParsedRule } from './parsedRule.ts';
import { quantizedProbability } from './renderSave.ts';


function addr(a: string | undefined, family: IPFamily): string {
  if (!a) return family === 'IPv6' ? '::/0' : '0.0.0.0/0';
  const [ip, len] = a.split('/');
  if (len === undefined || Number(len) === (family === 'IPv6' ? 128 : 32)) return ip ?? a;
  return a;
}

function printMatch(m: MatchModule, family: IPFamily): string {
  const o = m.opts;
  const val = (f: string) => o[o.indexOf(f) + 1] ?? '';
  const inv = (f: string) => o[o.indexOf(f) - 1] === '!';
  switch (m.name) {
    case 'comment': return ` /* ${val('--comment')} */`;
    case 'tcp': case 'udp': case 'sctp': {
      let s = ` ${m.name}`;
      if (o.includes('--sport')) s += ` spt:${inv('--sport') ? '!' : ''}${val('--sport')}`;
      if (o.includes('--dport')) s += ` dpt:${inv('--dport') ? '!' : ''}${val('--dport')}`;
      return s;
    }
    case 'addrtype': {
      let s = ' ADDRTYPE match';
      if (o.includes('--src-type')) s += ` src-type ${inv('--src-type') ? '!' : ''}${val('--src-type')}`;
      if (o.includes('--dst-type')) s += ` dst-type ${inv('--dst-type') ? '!' : ''}${val('--dst-type')}`;
      return s;
    }
    case 'conntrack': return ` ${inv('--ctstate') ? '! ' : ''}ctstate ${val('--ctstate')}`;
    case 'mark': {
      const [mk, mask] = val('--mark').split('/');
      const h = (v: string | undefined) => `0x${Number.parseInt(v ?? '0', 16).toString(16)}`;
      return ` mark match ${inv('--mark') ? '! ' : ''}${mask === undefined ? h(mk) : `${h(mk)}/${h(mask)}`}`;
    }
    case 'statistic': return ` statistic mode ${val('--mode')} probability ${quantizedProbability(val('--probability'))}`;
    case 'recent': {
      const action = o.includes('--set') ? 'SET' : o.includes('--rcheck') ? 'CHECK' : o.includes('--update') ? 'UPDATE' : 'REMOVE';
      let s = ` recent: ${action}`;
      if (o.includes('--seconds')) s += ` seconds: ${val('--seconds')}`;
      if (o.includes('--reap')) s += ' reap';
      const mask = family === 'IPv6' ? 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' : '255.255.255.255';
      return `${s} name: ${o.includes('--name') ? val('--name') : 'DEFAULT'} side: ${o.includes('--rdest') ? 'dest' : 'source'} mask: ${mask}`;
    }
    case 'nfacct': return ` nfacct-name  ${val('--nfacct-name')}`;
    default: return ` ${m.name} ${o.join(' ')}`.trimEnd();
  }
}

function printTarget(r: ParsedRule, family: IPFamily): string {
  const o = r.targetOpts;
  const val = (f: string) => o[o.indexOf(f) + 1] ?? '';
  switch (r.target) {
    case 'DNAT': return ` to:${val('--to-destination')}`;
    case 'MARK':
      if (o.includes('--or-mark')) return ` MARK or 0x${Number.parseInt(val('--or-mark'), 16).toString(16)}`;
      if (o.includes('--xor-mark')) return ` MARK xor 0x${Number.parseInt(val('--xor-mark'), 16).toString(16)}`;
      return ` MARK ${o.join(' ')}`;
    case 'MASQUERADE': return o.includes('--random-fully') ? ' random-fully' : '';
    case 'REJECT': return ` reject-with ${o.includes('--reject-with') ? val('--reject-with') : family === 'IPv6' ? 'icmp6-port-unreachable' : 'icmp-port-unreachable'}`;
    default: return '';
  }
}

const HEADER = ' pkts bytes target     prot opt in     out     source               destination         ';

function printRule(r: ParsedRule, family: IPFamily): string {
  const iface = (n: ParsedRule['inIface']) => (n ? `${n.neg ? '!' : ''}${n.value}` : '*');
  let s = `${'0'.padStart(5)} ${'0'.padStart(5)} `;
  s += `${(r.target ?? '').padEnd(9)} `;
  s += r.proto?.neg ? '!' : ' ';
  s += (r.proto?.value ?? 'all').padEnd(5);
  s += family === 'IPv6' ? '    ' : '-- ';
  s += ` ${iface(r.inIface).padEnd(6)} `;
  s += `${iface(r.outIface).padEnd(6)} `;
  s += (r.src?.neg ? '!' : ' ') + `${addr(r.src?.value, family).padEnd(19)} `;
  s += (r.dst?.neg ? '!' : ' ') + `${addr(r.dst?.value, family).padEnd(19)} `;
  s += r.matches.map((m) => printMatch(m, family)).join('');
  s += printTarget(r, family);
  return s;
}

/** `iptables -L -n -v -t <table>` for a node's tables (restore-format state text). */
export function renderList(stateText: string, table: string, family: IPFamily): string {
  const t = parseRestore(stateText).find((x) => x.name === table);
  if (!t) return '';
  const builtins = BUILTIN_CHAINS[table] ?? [];
  const declared = new Map(t.chains.map((c) => [c.name, c.policy]));
  const chains = [...builtins.filter((b) => declared.has(b)), ...[...declared.keys()].filter((c) => !builtins.includes(c)).sort()];
  const rules = t.lines.filter((l) => l.startsWith('-A ')).map(parseRuleText);
  const out: string[] = [];
  for (const c of chains) {
    if (out.length > 0) out.push('');
    if (builtins.includes(c)) out.push(`Chain ${c} (policy ${declared.get(c) === '-' ? 'ACCEPT' : declared.get(c)} 0 packets, 0 bytes)`);
    else out.push(`Chain ${c} (${rules.filter((r) => r.target === c).length} references)`);
    out.push(HEADER);
    for (const r of rules) if (r.chain === c) out.push(printRule(r, family));
  }
  return out.join('\n') + '\n';
}
