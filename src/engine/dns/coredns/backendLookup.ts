// CoreDNS plugin/backend_lookup.go: turning a backend's msg.Services into records per query type.
import { fqdn, isSubDomain } from './names.ts';
import type { RR } from './dnsMessage.ts';
import { hostType, type BackendError, type Kubernetes, type MsgService, type Query } from './kubernetes.ts';

export interface Lookup {
  readonly records: RR[];
  readonly extra: RR[];
  readonly truncated: boolean;
  readonly err: BackendError | null;
}

const none = (err: BackendError | null): Lookup => ({ records: [], extra: [], truncated: false, err });

/** checkForApex: at the zone apex, try `apex.dns.<zone>` first (the kubernetes plugin has none). */
function checkForApex(b: Kubernetes, q: Query) {
  if (q.qname.toLowerCase() !== q.zone.toLowerCase()) return b.services(q);
  const apex = b.services({ ...q, qname: `apex.dns.${q.zone}` });
  return apex.err === null ? apex : b.services(q);
}

/** backend_lookup.go A / AAAA: addresses of the asked family, following CNAMEs (in-zone internally, else upstream). */
export function address(b: Kubernetes, q: Query, previous: readonly RR[] = []): Lookup {
  const family = q.qtype === 'AAAA' ? 'AAAA' : 'A';
  const { services, err } = checkForApex(b, q);
  if (err) return none(err);
  const records: RR[] = [];
  let truncated = false;
  const dup = new Set<string>();
  for (const serv of services) {
    const what = hostType(serv);
    if (what === 'CNAME') {
      const target = fqdn(serv.host);
      // "x CNAME x is a direct loop, don't add those"
      if (isSubDomain(q.qname, target)) continue;
      const cname: RR = { name: q.qname, ttl: serv.ttl, type: 'CNAME', data: target };
      if (previous.length > 7) continue;
      if (previous.some((p) => p.type === 'CNAME' && p.name.toLowerCase() === cname.name.toLowerCase() && p.data.toLowerCase() === target.toLowerCase())) continue;
      if (isSubDomain(q.zone, target)) {
        // state.NewWithQuestion(serv.Host, …) makes the name fully qualified.
        const next = address(b, { ...q, qname: target }, [...previous, cname]);
        if (next.err === null && next.records.length > 0) records.push(cname, ...next.records);
        if (next.truncated) truncated = true;
        continue;
      }
      // "This means we can not complete the CNAME, try to look else where."
      const m = b.lookup(target, q.qtype);
      if (!m) continue;
      if (m.truncated) truncated = true;
      records.push(cname, ...m.answer);
      continue;
    }
    if (what === family && !dup.has(serv.host)) {
      dup.add(serv.host);
      records.push({ name: q.qname, ttl: serv.ttl, type: family, data: serv.host });
    }
  }
  return { records, extra: [], truncated, err: null };
}

/** isDuplicate over (target, address, port). */
function firstSeen(seen: Set<string>, ...key: (string | number)[]): boolean {
  const k = key.join('\u0000');
  if (seen.has(k)) return false;
  seen.add(k);
  return true;
}

/**
 * backend_lookup.go SRV: weight = floor(100 / records at that priority), counted before
 * de-duplication; port -1 (a slice without ports) makes no record; targets are the record names.
 */
export function srv(b: Kubernetes, q: Query): Lookup {
  const { services, err } = b.services(q);
  if (err) return none(err);
  const records: RR[] = [];
  const extra: RR[] = [];
  const seen = new Set<string>();
  const lookedUp = new Set<string>();
  const weight = Math.max(1, Math.floor(100 / Math.max(1, services.length)));
  for (const serv of services) {
    if (serv.port === -1) continue;
    const what = hostType(serv);
    if (what === 'CNAME') {
      const target = fqdn(serv.host);
      records.push({ name: q.qname, ttl: serv.ttl, type: 'SRV', data: `0 ${weight} ${serv.port} ${target}` });
      if (lookedUp.has(target)) continue;
      lookedUp.add(target);
      if (!isSubDomain(q.zone, target)) {
        extra.push(...(b.lookup(target, 'A')?.answer ?? []));
        extra.push(...(b.lookup(target, 'AAAA')?.answer ?? []).filter((rr) => rr.type !== 'CNAME'));
      } else {
        const a = address(b, { ...q, qname: target, qtype: 'A' });
        if (a.err === null) extra.push(...a.records);
      }
      continue;
    }
    if (what !== 'A' && what !== 'AAAA') continue;
    const target = serv.key;
    if (firstSeen(seen, target, '', serv.port)) records.push({ name: q.qname, ttl: serv.ttl, type: 'SRV', data: `0 ${weight} ${serv.port} ${target}` });
    if (firstSeen(seen, target, serv.host, serv.port)) extra.push({ name: target, ttl: serv.ttl, type: what, data: serv.host });
  }
  return { records, extra, truncated: false, err: null };
}

/** backend_lookup.go PTR: one record per distinct name. */
export function ptr(b: Kubernetes, q: Query): Lookup {
  const { services, err } = b.reverse(q);
  if (err) return none(err);
  const names = [...new Set(services.filter((s) => hostType(s) === 'CNAME').map((s) => s.host))];
  return { records: names.map((n) => ({ name: q.qname, ttl: b.config.ttl, type: 'PTR', data: fqdn(n) })), extra: [], truncated: false, err: null };
}

/** backend_lookup.go CNAME: the first service, when it is a name. */
export function cname(b: Kubernetes, q: Query): Lookup {
  const { services, err } = b.services(q);
  if (err) return none(err);
  const first: MsgService | undefined = services[0];
  const records: RR[] = first && hostType(first) === 'CNAME' ? [{ name: q.qname, ttl: first.ttl, type: 'CNAME', data: fqdn(first.host) }] : [];
  return { records, extra: [], truncated: false, err: null };
}

/** backend_lookup.go TXT (the kubernetes backend only has `dns-version`). */
export function txt(b: Kubernetes, q: Query): Lookup {
  const { services, err } = b.services(q);
  if (err) return none(err);
  const texts = [...new Set(services.filter((s) => s.text !== undefined).map((s) => s.text as string))];
  return { records: texts.map((t) => ({ name: q.qname, ttl: 28800, type: 'TXT', data: `"${t}"` })), extra: [], truncated: false, err: null };
}

/** backend_lookup.go NS: the zone's NS records, pointing at the names nsAddrs found, with their addresses as extra. */
export function ns(b: Kubernetes, q: Query): Lookup {
  const { services } = b.services({ ...q, qname: `ns.dns.${q.zone}`, qtype: 'NS' });
  const records: RR[] = [];
  const extra: RR[] = [];
  const seen = new Set<string>();
  for (const serv of services) {
    const what = hostType(serv);
    if (what !== 'A' && what !== 'AAAA') continue;
    extra.push({ name: serv.key, ttl: serv.ttl, type: what, data: serv.host });
    if (seen.has(serv.key)) continue;
    seen.add(serv.key);
    records.push({ name: q.qname, ttl: serv.ttl, type: 'NS', data: serv.key });
  }
  return { records, extra, truncated: false, err: null };
}
