// ipvsadm -Ln text ↔ virtual servers: the lab's formatter and the parser of real dumps agree on
// every vector's derived dump, bad lines get a diagnostic naming the line, and fuzzed input
// never crashes or hangs.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpvsadmList, type VirtualServer } from '../../kubeproxy/ipvs/index.ts';
import { parseIpvsadmList } from './parseIpvsadm.ts';

const DIR = resolve(process.cwd(), '../shared/vectors/ipvs');
const dumps: [string, string][] = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()
  .map((f) => [f, JSON.parse(readFileSync(resolve(DIR, f), 'utf8')).derived?.ipvsadmLn as string | undefined] as const)
  .filter((x): x is [string, string] => typeof x[1] === 'string');

const sample = [
  'IP Virtual Server version 1.2.1 (size=4096)',
  'Prot LocalAddress:Port Scheduler Flags',
  '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
  'TCP  10.96.0.10:80 rr',
  '  -> 10.244.1.5:8080              Masq    1      0          0         ',
  '  -> 10.244.2.7:8080              Masq    0      3          1         ',
  'TCP  192.168.0.10:30080 mh (mh-port) persistent 10800',
  '  -> 10.244.1.5:8080              Masq    1      0          0         ',
  'UDP  10.96.0.10:53 rr',
  'SCTP 10.20.30.41:80 rr',
  'TCP  [2001:db8::1]:80 rr',
  '  -> [fd00::5]:8080               Masq    1      0          0         ',
  '',
].join('\n');

describe('parseIpvsadmList', () => {
  it.each(dumps)('round-trips the derived dump of %s', (_f, text) => {
    const parsed = parseIpvsadmList(text);
    expect(parsed.errors).toEqual([]);
    expect(formatIpvsadmList(parsed.virtualServers, { nosort: true })).toBe(text);
    expect(formatIpvsadmList(parsed.virtualServers)).toBe(text);
  });

  it('reads every field of a hand-written dump', () => {
    const { virtualServers: v, errors } = parseIpvsadmList(sample);
    expect(errors).toEqual([]);
    expect(v.map((x) => `${x.protocol} ${x.address}:${x.port} ${x.scheduler} [${x.flags.join(',')}] ${x.timeout} ${x.realServers.length}`)).toEqual([
      'TCP 10.96.0.10:80 rr [] 0 2', 'TCP 192.168.0.10:30080 mh [source-hash,persistent] 10800 1', 'UDP 10.96.0.10:53 rr [] 0 0',
      'SCTP 10.20.30.41:80 rr [] 0 0', 'TCP 2001:db8::1:80 rr [] 0 1',
    ]);
    expect(v[0]!.realServers[1]).toEqual({ address: '10.244.2.7', port: 8080, weight: 0, activeConn: 3, inactConn: 1 });
    expect(v[4]!.realServers[0]!.address).toBe('fd00::5');
  });

  it('format → parse → format is stable on a dump it did not write', () => {
    const v = parseIpvsadmList(sample).virtualServers;
    const once = formatIpvsadmList(v);
    expect(formatIpvsadmList(parseIpvsadmList(once).virtualServers)).toBe(once);
  });

  it.each([
    ['TCP  10.96.0.10 rr', 1, 'service.address'],
    ['  -> 10.0.0.1:80 Masq 1 0 0', 1, 'realServer'],
    ['TCP  10.96.0.10:80 rr persistent', 1, 'service.flags'],
    ['TCP  10.96.0.10:80 rr\nhello world', 2, 'line'],
    ['TCP  kube-dns.local:53 rr', 1, 'service.address'],
  ])('%j → an error on line %i (%s)', (text, line, path) => {
    const { errors } = parseIpvsadmList(text, 'node1.txt');
    expect(errors[0]).toMatchObject({ path, pos: { file: 'node1.txt', line } });
  });

  it('never throws on arbitrary text (fuzz)', () => {
    const lineArb = fc.oneof(
      fc.string(),
      fc.constantFrom('TCP  ', 'UDP  ', 'SCTP ', 'FWM  ', '  -> ', 'persistent ', '(mh-port) ', 'Masq ', '[', ']:', ':'),
      fc.tuple(fc.constantFrom('TCP  ', '  -> '), fc.ipV4(), fc.nat(70000), fc.string()).map(([a, b, c, d]) => `${a}${b}:${c} ${d}`),
    );
    fc.assert(fc.property(fc.array(fc.array(lineArb, { maxLength: 6 }).map((xs) => xs.join('')), { maxLength: 20 }), (lines) => {
      const r = parseIpvsadmList(lines.join('\n'));
      const vs: readonly VirtualServer[] = r.virtualServers;
      expect(Array.isArray(vs)).toBe(true);
      for (const e of r.errors) expect(e.pos?.line).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });
});
