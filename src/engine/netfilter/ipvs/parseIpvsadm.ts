// Parses `ipvsadm -Ln` (or `-Ln --nosort`) text from a real node back into virtual servers —
// the inverse of kubeproxy/ipvs/ipvsadmList.ts (ipvsadm.c print_service_entry layout).
import { canonicalIP } from '../../shared/ip.ts';
import type { Diagnostic } from '../../shared/diagnostics.ts';
import type { Protocol } from '../../kubeproxy/types.ts';
import type { RealServer, VirtualServer, VirtualServerFlag } from '../../kubeproxy/ipvs/index.ts';

export interface ParsedIpvsadm {
  readonly virtualServers: readonly VirtualServer[];
  /** One per line that could not be read; the rest of the dump is still parsed. */
  readonly errors: readonly Diagnostic[];
}

const SERVICE = /^(TCP|UDP|SCTP)\s+(\S+)\s+([a-z][a-z0-9]*)(.*)$/;
const FWM = /^FWM\s+(\d+)\s+([a-z][a-z0-9]*)(.*)$/;
const DEST = /^\s*->\s+(\S+)\s+(Masq|Local|Tunnel|Route|Bypass)\s+(-?\d+)\s+(\d+)\s+(\d+)\s*$/;

/** `10.0.0.1:80` or `[fd00::1]:80` → address and port, or an error text. */
function splitHostPort(text: string): { address: string; port: number } | string {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:[\]]+):(\d+)$/.exec(text);
  if (!m) return `"${text}" is not ADDRESS:PORT (IPv6 as [ADDRESS]:PORT)`;
  const address = canonicalIP(m[1]!);
  if (!address) return `"${m[1]}" is not an IP address (ipvsadm -L without -n prints names; use -Ln)`;
  const port = Number(m[2]);
  if (port > 65535) return `port ${port} is out of range`;
  return { address, port };
}

/** The tail of a service line: ` (mh-port)`, ` persistent 10800`, ` mask …`, ` pe sip`, ` ops`. */
function parseServiceTail(tail: string): { flags: VirtualServerFlag[]; timeout: number } | string {
  const flags: VirtualServerFlag[] = [];
  let timeout = 0;
  const toks = tail.trim() === '' ? [] : tail.trim().split(/\s+/);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.startsWith('(')) {
      const names = t.replace(/[()]/g, '').split(',');
      if (names.includes('sh-port') || names.includes('mh-port')) flags.push('source-hash');
    } else if (t === 'persistent') {
      const n = toks[++i];
      if (n === undefined || !/^\d+$/.test(n)) return `persistent needs a timeout in seconds, got ${n === undefined ? 'nothing' : `"${n}"`}`;
      flags.push('persistent');
      timeout = Number(n);
    } else if (t === 'mask' || t === 'pe') {
      i++; // netmask / persistence engine: not modelled
    } else if (t !== 'ops') {
      return `unexpected "${t}" after the scheduler`;
    }
  }
  return { flags, timeout };
}

export function parseIpvsadmList(text: string, file = '<ipvsadm -Ln>'): ParsedIpvsadm {
  const vss: { vs: Omit<VirtualServer, 'realServers'>; rss: RealServer[] }[] = [];
  const errors: Diagnostic[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    const err = (message: string, path: string) => errors.push({ severity: 'error', message, path, pos: { file, line: i + 1, col: 1 } });
    if (line.trim() === '' || line.startsWith('IP Virtual Server version') || line.startsWith('Prot LocalAddress') || /^\s*-> RemoteAddress:Port/.test(line)) return;
    const dm = DEST.exec(line);
    if (dm) {
      const cur = vss[vss.length - 1];
      if (!cur) return void err('a real server line before any virtual service', 'realServer');
      const hp = splitHostPort(dm[1]!);
      if (typeof hp === 'string') return void err(hp, 'realServer.address');
      cur.rss.push({ address: hp.address, port: hp.port, weight: Number(dm[3]), activeConn: Number(dm[4]), inactConn: Number(dm[5]) });
      return;
    }
    const sm = SERVICE.exec(line);
    const fm = sm ? null : FWM.exec(line);
    if (!sm && !fm) return void err(`not an ipvsadm -Ln line: "${line.trim().slice(0, 60)}"`, 'line');
    const tail = parseServiceTail((sm ? sm[4] : fm![3]) ?? '');
    if (typeof tail === 'string') return void err(tail, 'service.flags');
    if (sm) {
      const hp = splitHostPort(sm[2]!);
      if (typeof hp === 'string') return void err(hp, 'service.address');
      vss.push({ vs: { address: hp.address, port: hp.port, protocol: sm[1] as Protocol, scheduler: sm[3]!, ...tail }, rss: [] });
    } else {
      vss.push({ vs: { address: '0.0.0.0', port: 0, protocol: 'TCP', scheduler: fm![2]!, fwmark: Number(fm![1]), ...tail }, rss: [] });
    }
  });
  return { virtualServers: vss.map(({ vs, rss }) => ({ ...vs, realServers: rss })), errors };
}

