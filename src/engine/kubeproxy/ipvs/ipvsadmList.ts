// `ipvsadm -Ln` text, as ipvsadm 1.31 prints it: ipvsadm.c list_all, print_title,
// print_service_entry, print_sched_flags; libipvs/libipvs.c ipvs_cmp_services, ipvs_cmp_dests.
import { parseIP } from '../../shared/ip.ts';
import { hostPort, type RealServer, type VirtualServer } from './virtualServer.ts';

/** The kernel's IP_VS_VERSION_CODE and connection table size on a stock build. */
export const IPVS_VERSION = '1.2.1';
export const IPVS_CONN_TAB_SIZE = 4096;

const PROTO_NUMBER: Record<string, number> = { TCP: 6, UDP: 17, SCTP: 132 };
const AF_INET = 2;
const AF_INET6 = 10;

/** The address as libipvs compares it: host-order 32-bit words (one for IPv4, four for IPv6). */
function addrWords(text: string): number[] {
  if (!text.includes(':')) {
    // Canonical dotted quad (the renderer and the parser both canonicalise): no bigint needed.
    let v = 0;
    let octet = 0;
    let dots = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 46) { v = v * 256 + octet; octet = 0; dots++; } else if (c >= 48 && c <= 57 && octet < 256) octet = octet * 10 + (c - 48);
      else return [0];
    }
    return dots === 3 && octet < 256 ? [v * 256 + octet] : [0];
  }
  const ip = parseIP(text);
  if (!ip) return [0];
  if (ip.family === 'IPv4') return [Number(ip.value)];
  return [3, 2, 1, 0].map((i) => Number((ip.value >> BigInt(i * 32)) & 0xffffffffn));
}

/**
 * `int r = ntohl(a) - ntohl(b)` word by word: the unsigned difference read back as a signed
 * 32-bit int (`| 0` wraps modulo 2^32 the same way).
 */
function cmpAddr(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const r = ((a[i] ?? 0) - (b[i] ?? 0)) | 0;
    if (r !== 0) return r;
  }
  return 0;
}

interface SortableVS { vs: VirtualServer; words: readonly number[]; af: number }

/**
 * libipvs ipvs_cmp_services: fwmark, then address family, then protocol number, then address,
 * then port. The address compare is an int subtraction of the host-order words, so two IPv4
 * addresses more than 2^31 apart compare "backwards" (172.20.1.1 before 1.2.3.4).
 */
export function ipvsCmpServices(a: SortableVS, b: SortableVS): number {
  let r = (a.vs.fwmark ?? 0) - (b.vs.fwmark ?? 0);
  if (r !== 0) return r;
  r = a.af - b.af;
  if (r !== 0) return r;
  r = (PROTO_NUMBER[a.vs.protocol] ?? 0) - (PROTO_NUMBER[b.vs.protocol] ?? 0);
  if (r !== 0) return r;
  r = cmpAddr(a.words, b.words);
  if (r !== 0) return r;
  return a.vs.port - b.vs.port;
}

interface SortableDest { rs: RealServer; words: readonly number[] }

/** libipvs ipvs_cmp_dests: address (same int subtraction), then port. */
export function ipvsCmpDests(a: SortableDest, b: SortableDest): number {
  const r = cmpAddr(a.words, b.words);
  return r !== 0 ? r : a.rs.port - b.rs.port;
}

export function sortDestsAsIpvsadm(rss: readonly RealServer[]): RealServer[] {
  if (rss.length < 2) return [...rss];
  return glibcMergeSort(rss.map((rs) => ({ rs, words: addrWords(rs.address) })), ipvsCmpDests).map((d) => d.rs);
}

/**
 * glibc qsort (msort_with_tmp): a top-down merge sort that splits n into n/2 and n - n/2 and
 * takes from the left run while cmp(left, right) <= 0. With ipvsadm's non-transitive compare
 * the result depends on the algorithm, so it is reproduced exactly.
 */
export function glibcMergeSort<T>(items: readonly T[], cmp: (a: T, b: T) => number): T[] {
  const b = [...items];
  const sort = (lo: number, n: number) => {
    if (n <= 1) return;
    const n1 = Math.floor(n / 2);
    const n2 = n - n1;
    sort(lo, n1);
    sort(lo + n1, n2);
    const tmp: T[] = [];
    let i = lo;
    let j = lo + n1;
    const iEnd = lo + n1;
    const jEnd = lo + n;
    while (i < iEnd && j < jEnd) tmp.push(cmp(b[i]!, b[j]!) <= 0 ? b[i++]! : b[j++]!);
    while (i < iEnd) tmp.push(b[i++]!);
    // The rest of the right run is already in place.
    for (let k = 0; k < tmp.length; k++) b[lo + k] = tmp[k]!;
  };
  sort(0, b.length);
  return b;
}

export function sortServicesAsIpvsadm(vss: readonly VirtualServer[]): VirtualServer[] {
  const rows = vss.map((vs) => {
    return { vs, words: addrWords(vs.address), af: vs.address.includes(':') ? AF_INET6 : AF_INET };
  });
  return glibcMergeSort(rows, ipvsCmpServices).map((r) => r.vs);
}

/** print_sched_flags: the scheduler flag names ipvsadm shows in parentheses. */
function schedFlags(vs: VirtualServer): string {
  if (!vs.flags.includes('source-hash')) return '';
  if (vs.scheduler === 'sh') return ' (sh-port)';
  if (vs.scheduler === 'mh') return ' (mh-port)';
  return ' (flag-2)';
}

function serviceLine(vs: VirtualServer): string {
  let name = `${vs.protocol.padEnd(4)} ${hostPort(vs.address, vs.port)}`;
  if (vs.fwmark) name = `FWM  ${vs.fwmark}`;
  else if (!vs.address.includes(':')) name = name.slice(0, 33);
  let line = `${name} ${vs.scheduler}${schedFlags(vs)}`;
  if (vs.flags.includes('persistent')) line += ` persistent ${vs.timeout}`;
  return line;
}

function destLine(rs: RealServer): string {
  let name = hostPort(rs.address, rs.port);
  if (!rs.address.includes(':')) name = name.slice(0, 28);
  // "  -> %-28s %-7s %-6d %-10u %-10u\n": every column padded, so lines end in spaces.
  return `  -> ${name.padEnd(28)} ${'Masq'.padEnd(7)} ${String(rs.weight).padEnd(6)} ${String(rs.activeConn ?? 0).padEnd(10)} ${String(rs.inactConn ?? 0).padEnd(10)}`;
}

export interface IpvsadmListOptions {
  /** `--nosort`: kernel order instead of ipvsadm's sort. */
  readonly nosort?: boolean;
}

/** `ipvsadm -Ln`. */
export function formatIpvsadmList(vss: readonly VirtualServer[], opts: IpvsadmListOptions = {}): string {
  const lines = [
    `IP Virtual Server version ${IPVS_VERSION} (size=${IPVS_CONN_TAB_SIZE})`,
    'Prot LocalAddress:Port Scheduler Flags',
    '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
  ];
  for (const vs of opts.nosort ? vss : sortServicesAsIpvsadm(vss)) {
    lines.push(serviceLine(vs));
    const dests = opts.nosort ? vs.realServers : sortDestsAsIpvsadm(vs.realServers);
    for (const rs of dests) lines.push(destLine(rs));
  }
  return lines.join('\n') + '\n';
}
