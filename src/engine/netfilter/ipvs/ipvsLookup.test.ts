// ip_vs_in_hook as a pure function: service match by (proto, addr, port), scheduling, existing
// connections, persistence templates, no destination, deleted destinations; and the walker handler.
import { describe, expect, it } from 'vitest';
import type { VirtualServer } from '../../kubeproxy/ipvs/index.ts';
import { makePacket, type Packet } from '../packet.ts';
import { formatIpvsadmConnections } from './ipvsadmConnections.ts';
import { ipvsHandlerFor, ipvsHandlerFromIpvsadm } from './ipvsHandler.ts';
import { ipvsKernelStateFrom, ipvsLookup, type IpvsKernelState, type IpvsPacket } from './ipvsLookup.ts';

const vs = (over: Partial<VirtualServer> = {}): VirtualServer => ({
  address: '10.96.0.10', port: 80, protocol: 'TCP', scheduler: 'rr', flags: [], timeout: 0,
  realServers: [{ address: '10.244.1.5', port: 8080, weight: 1 }, { address: '10.244.2.7', port: 8080, weight: 1 }],
  ...over,
});
const p = (src: string, sport: number, dst = '10.96.0.10', dport = 80, proto = 'tcp'): IpvsPacket => ({ proto, src, sport, dst, dport });

function sequence(state: IpvsKernelState, pkts: IpvsPacket[], now = 0) {
  const out: string[] = [];
  for (const k of pkts) {
    const r = ipvsLookup(state, k, now);
    state = r.state;
    out.push(`${r.verdict}${r.dest ? ` ${r.dest.address}:${r.dest.port}` : ''}${r.viaTemplate ? ' (template)' : ''}`);
  }
  return { out, state };
}

describe('ipvsLookup (ip_vs_in_hook)', () => {
  it.each<[string, VirtualServer[], IpvsPacket[], string[]]>([
    ['no VS at that ip:port: NF_ACCEPT', [vs()], [p('10.244.1.9', 1, '10.96.0.10', 81)], ['no-service']],
    ['ICMP is never scheduled', [vs()], [p('10.244.1.9', 1, '10.96.0.10', 80, 'icmp')], ['no-service']],
    ['protocol is part of the key', [vs()], [p('10.244.1.9', 1, '10.96.0.10', 80, 'udp')], ['no-service']],
    ['rr over new connections (kernel list: newest first)', [vs()], [p('10.244.1.9', 1), p('10.244.1.9', 2), p('10.244.1.9', 3)],
      ['scheduled 10.244.2.7:8080', 'scheduled 10.244.1.5:8080', 'scheduled 10.244.2.7:8080']],
    ['packets of a known connection follow it', [vs()], [p('10.244.1.9', 1), p('10.244.1.9', 1), p('10.244.1.9', 1)],
      ['scheduled 10.244.2.7:8080', 'existing-connection 10.244.2.7:8080', 'existing-connection 10.244.2.7:8080']],
    ['VS with no real servers: ICMP port unreachable', [vs({ realServers: [] })], [p('10.244.1.9', 1)], ['no-destination']],
    ['every real server at weight 0: no destination', [vs({ realServers: [{ address: '10.244.1.5', port: 8080, weight: 0 }] })], [p('10.244.1.9', 1)], ['no-destination']],
    ['persistence: one client keeps its dest across connections', [vs({ flags: ['persistent'], timeout: 10800 })],
      [p('10.244.1.9', 1), p('10.244.1.9', 2), p('10.244.3.3', 1), p('10.244.1.9', 3)],
      ['scheduled 10.244.2.7:8080', 'scheduled 10.244.2.7:8080 (template)', 'scheduled 10.244.1.5:8080', 'scheduled 10.244.2.7:8080 (template)']],
  ])('%s', (_n, vss, pkts, want) => {
    expect(sequence(ipvsKernelStateFrom(vss), pkts).out).toEqual(want);
  });

  it('a persistence template expires after its timeout once its conns are gone', () => {
    const s0 = ipvsKernelStateFrom([vs({ flags: ['persistent'], timeout: 10 })]);
    const a = ipvsLookup(s0, p('10.244.1.9', 1), 0);
    const b = ipvsLookup(a.state, p('10.244.1.9', 2), 901_000);
    expect(a.dest).toEqual({ address: '10.244.2.7', port: 8080 });
    expect(b.viaTemplate).toBeUndefined();
    expect(b.dest).toEqual({ address: '10.244.1.5', port: 8080 });
  });

  it('a template does not expire while it still controls a live connection', () => {
    const s0 = ipvsKernelStateFrom([vs({ flags: ['persistent'], timeout: 10 })]);
    const a = ipvsLookup(s0, p('10.244.1.9', 1), 0); // conn lives 900 s, template 10 s
    const b = ipvsLookup(a.state, p('10.244.1.9', 2), 60_000);
    expect(b.viaTemplate).toBe(true);
    expect(b.dest).toEqual(a.dest);
  });

  it('a template whose dest went to weight 0 is dropped (expire_quiescent_template)', () => {
    const s0 = ipvsKernelStateFrom([vs({ flags: ['persistent'], timeout: 10800 })]);
    const a = ipvsLookup(s0, p('10.244.1.9', 1));
    const drained = ipvsKernelStateFrom([vs({ flags: ['persistent'], timeout: 10800, realServers: [
      { address: '10.244.1.5', port: 8080, weight: 1 }, { address: '10.244.2.7', port: 8080, weight: 0 }] })], a.state);
    const existing = ipvsLookup(drained, p('10.244.1.9', 1));
    const fresh = ipvsLookup(existing.state, p('10.244.1.9', 2));
    expect(existing.verdict).toBe('existing-connection'); // weight 0: existing conns keep flowing
    expect(fresh.dest).toEqual({ address: '10.244.1.5', port: 8080 });
    expect(fresh.viaTemplate).toBeUndefined();
  });

  it('a conn whose dest was deleted is expired and its packet dropped (expire_nodest_conn)', () => {
    const a = ipvsLookup(ipvsKernelStateFrom([vs()]), p('10.244.1.9', 1));
    const gone = ipvsKernelStateFrom([vs({ realServers: [{ address: '10.244.1.5', port: 8080, weight: 1 }] })], a.state);
    expect(ipvsLookup(gone, p('10.244.1.9', 1)).verdict).toBe('dest-gone');
  });

  it('lc counts the connections it made', () => {
    const s = ipvsKernelStateFrom([vs({ scheduler: 'lc' })]);
    const { out } = sequence(s, [p('1.1.1.1', 1), p('1.1.1.1', 2), p('1.1.1.1', 3)]);
    expect(out).toEqual(['scheduled 10.244.2.7:8080', 'scheduled 10.244.1.5:8080', 'scheduled 10.244.2.7:8080']);
  });

  it('does not change the state it was given', () => {
    const s = ipvsKernelStateFrom([vs()]);
    ipvsLookup(s, p('10.244.1.9', 1));
    expect(s.conns.size).toBe(0);
    expect(ipvsLookup(s, p('10.244.1.9', 1)).dest).toEqual({ address: '10.244.2.7', port: 8080 });
  });
});

describe('ipvsHandlerFor (the walker hook)', () => {
  const pk = (dst: string, dport: number): Packet => makePacket({ proto: 'tcp', src: '10.244.1.9', dst, dport }) as Packet;
  it('branches over available real servers, weighted', () => {
    const h = ipvsHandlerFor([vs({ realServers: [{ address: '10.0.0.1', port: 1, weight: 1 }, { address: '10.0.0.2', port: 1, weight: 0 }, { address: '10.0.0.3', port: 1, weight: 3 }] })]);
    const asked: [number, string][] = [];
    const d = h.lookup(pk('10.96.0.10', 80), (prob, label) => { asked.push([prob, label]); return false; });
    expect(asked).toEqual([[0.75, 'TCP  10.96.0.10:80 rr → 10.0.0.3:1']]);
    expect(d).toEqual({ service: 'TCP  10.96.0.10:80 rr', realServer: { address: '10.0.0.1', port: 1 } });
  });
  it('no VS → null; VS without real servers → realServer null', () => {
    const h = ipvsHandlerFor([vs({ realServers: [] })]);
    expect(h.lookup(pk('10.96.0.11', 80), () => true)).toBeNull();
    expect(h.lookup(pk('10.96.0.10', 80), () => true)).toEqual({ service: 'TCP  10.96.0.10:80 rr', realServer: null });
  });
  it('a hashing scheduler picks exactly one dest, without branching', () => {
    const h = ipvsHandlerFor([vs({ scheduler: 'sh' })]);
    let asked = 0;
    const d = h.lookup(pk('10.96.0.10', 80), () => { asked++; return true; });
    expect(asked).toBe(0);
    expect(d?.realServer).not.toBeNull();
  });
});

describe('ipvsHandlerFor with the failover schedulers', () => {
  const pk = makePacket({ proto: 'tcp', src: '10.244.1.9', dst: '10.96.0.10', dport: 80 }) as Packet;
  const servers = [{ address: '10.0.0.1', port: 1, weight: 1 }, { address: '10.0.0.2', port: 1, weight: 5 }, { address: '10.0.0.3', port: 1, weight: 5 }];
  it.each([['fo'], ['ovf']])('%s sends the packet to the heaviest real server, without branching', (scheduler) => {
    let asked = 0;
    // ipvsServiceFrom keeps the kernel's list order, the reverse of the add order: 10.0.0.3 comes first.
    const d = ipvsHandlerFor([vs({ scheduler, realServers: servers })]).lookup(pk, () => { asked++; return true; });
    expect(asked).toBe(0);
    expect(d?.realServer).toEqual({ address: '10.0.0.3', port: 1 });
  });
  it('sed and nq spread, like wlc: one branch per available real server', () => {
    for (const scheduler of ['sed', 'nq']) {
      const asked: number[] = [];
      ipvsHandlerFor([vs({ scheduler, realServers: servers })]).lookup(pk, (prob) => { asked.push(prob); return false; });
      expect(asked.length, scheduler).toBe(2);
    }
  });
});

describe('formatIpvsadmConnections (ipvsadm -Lnc)', () => {
  it('prints conns and templates with mm:ss expiry', () => {
    const s0 = ipvsKernelStateFrom([vs({ flags: ['persistent'], timeout: 10800 })]);
    const a = ipvsLookup(s0, p('10.244.1.5', 40000), 0);
    expect(formatIpvsadmConnections(a.state, 2000)).toBe([
      'IPVS connection entries',
      'pro expire state       source             virtual            destination',
      'TCP 179:58 NONE        10.244.1.5:0       10.96.0.10:80      10.244.2.7:8080',
      'TCP 14:58  ESTABLISHED 10.244.1.5:40000   10.96.0.10:80      10.244.2.7:8080',
      '',
    ].join('\n'));
  });
});

describe('ipvsHandlerFromIpvsadm (a real node dump)', () => {
  it('serves the parsed services and reports bad lines', () => {
    const { handler, errors } = ipvsHandlerFromIpvsadm('TCP  10.96.0.10:80 rr\n  -> 10.244.1.5:8080              Masq    1      0          0\nbogus\n', 'node1.ipvs');
    expect(errors.map((e) => `${e.pos?.file}:${e.pos?.line}`)).toEqual(['node1.ipvs:3']);
    const pk = makePacket({ proto: 'tcp', src: '10.244.1.9', dst: '10.96.0.10', dport: 80 }) as Packet;
    expect(handler.lookup(pk, () => true)).toEqual({ service: 'TCP  10.96.0.10:80 rr', realServer: { address: '10.244.1.5', port: 8080 } });
  });
});
