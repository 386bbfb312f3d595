// How CoreDNS reads a name inside the cluster zone (plugin/kubernetes/parse.go parseRequest).
import { splitDomainName, trimZone } from './names.ts';

export interface RecordRequest {
  /** `svc` or `pod`; '' for the apex, `svc.<zone>` and `pod.<zone>` (NODATA). */
  readonly podOrSvc: string;
  readonly namespace: string;
  /** The Service name, or the dashed IP of a pod record. */
  readonly service: string;
  /** One more label left of the Service: an endpoint (hostname or dashed IP). */
  readonly endpoint: string;
  /** Two more labels: `_port._proto`, underscores stripped. */
  readonly port: string;
  readonly protocol: string;
}

export type ParseResult = { readonly ok: true; readonly r: RecordRequest } | { readonly ok: false; readonly error: 'InvalidRequest' };

const EMPTY: RecordRequest = { podOrSvc: '', namespace: '', service: '', endpoint: '', port: '', protocol: '' };

/** parse.go stripUnderscore. */
function stripUnderscore(s: string): string {
  return s.startsWith('_') ? s.slice(1) : s;
}

/**
 * The zone is stripped and the labels read right to left: `svc|pod`, namespace, service, then
 * 1 more label = endpoint, 2 more = `_port._proto`, 3 or more = "too long" (invalid → NXDOMAIN).
 * `name` is the lower-cased query name (request.Name()).
 */
export function parseRequest(name: string, zone: string): ParseResult {
  const base = trimZone(name, zone.toLowerCase());
  // "return NODATA for apex queries"
  if (base === '' || base === 'svc' || base === 'pod') return { ok: true, r: EMPTY };
  const segs = splitDomainName(base);
  let last = segs.length - 1;
  if (last < 0) return { ok: true, r: EMPTY };
  const podOrSvc = segs[last] as string;
  if (podOrSvc !== 'pod' && podOrSvc !== 'svc') return { ok: false, error: 'InvalidRequest' };
  let r: RecordRequest = { ...EMPTY, podOrSvc };
  if (--last < 0) return { ok: true, r };
  r = { ...r, namespace: segs[last] as string };
  if (--last < 0) return { ok: true, r };
  r = { ...r, service: segs[last] as string };
  if (--last < 0) return { ok: true, r };
  // "Because of ambiguity we check the labels left: 1: an endpoint. 2: port and protocol."
  if (last === 0) return { ok: true, r: { ...r, endpoint: segs[0] as string } };
  if (last === 1) return { ok: true, r: { ...r, protocol: stripUnderscore(segs[1] as string), port: stripUnderscore(segs[0] as string) } };
  return { ok: false, error: 'InvalidRequest' };
}
