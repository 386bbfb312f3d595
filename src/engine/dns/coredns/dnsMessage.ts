// DNS messages and resource records as data, printed in presentation format
// (`<owner> <ttl> IN <type> <rdata>`, the form CoreDNS's tests and dig use).

export type RRType = 'A' | 'AAAA' | 'CNAME' | 'PTR' | 'SRV' | 'TXT' | 'NS' | 'SOA' | 'MX';

export interface RR {
  readonly name: string;
  readonly ttl: number;
  readonly type: RRType;
  /** rdata in presentation format (`0 100 80 svc.ns.svc.cluster.local.`, `"1.1.0"`). */
  readonly data: string;
}

export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | 'FORMERR' | 'NOTIMP';

export interface DnsMessage {
  readonly rcode: Rcode;
  readonly answer: readonly RR[];
  readonly authority: readonly RR[];
  readonly additional: readonly RR[];
  /** The TC bit. */
  readonly truncated: boolean;
}

/** The query types the lab sends; any other name is accepted and answered as CoreDNS does. */
export const QTYPES = ['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT', 'NS', 'SOA', 'MX', 'HINFO', 'AXFR', 'IXFR'] as const;

export function formatRR(rr: RR): string {
  return `${rr.name} ${rr.ttl} IN ${rr.type} ${rr.data}`;
}

export function message(rcode: Rcode, answer: readonly RR[] = [], authority: readonly RR[] = [], additional: readonly RR[] = [], truncated = false): DnsMessage {
  return { rcode, answer, authority, additional, truncated };
}

/** NOERROR with an empty answer: the name exists but has no records of the asked type. */
export function isNoData(m: DnsMessage): boolean {
  return m.rcode === 'NOERROR' && m.answer.length === 0;
}
