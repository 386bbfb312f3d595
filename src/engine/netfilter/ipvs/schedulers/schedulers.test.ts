// Scheduler semantics against the kernel modules: rr/wrr sequences, lc/wlc/sed/nq/fo/ovf choices, sh/dh/mh
// hashing stability, and the SipHash core checked against the reference test vector.
import { describe, expect, it } from 'vitest';
import { parseIP, type ParsedIP } from '../../../shared/ip.ts';
import type { VirtualServer } from '../../../kubeproxy/ipvs/index.ts';
import { ipvsServiceFrom, type IpvsService } from '../ipvsService.ts';
import { sipHash } from './hsiphash.ts';
import { dhScheduler, foScheduler, lcScheduler, mhScheduler, nqScheduler, ovfScheduler, rrScheduler, schedulerFor, sedScheduler, shScheduler, wlcScheduler, wrrScheduler, type IpvsScheduler, type SchedulePacket } from './index.ts';
import { hash32, shBuckets } from './shScheduler.ts';
import { IP_VS_MH_TAB_SIZE, mhLookupTable } from './mhScheduler.ts';

const P = (s: string): ParsedIP => parseIP(s)!;
const pkt = (src: string, sport = 40000, dst = '10.96.0.10', dport = 80): SchedulePacket => ({ src: P(src), sport, dst: P(dst), dport });

/** A service whose kernel list order is exactly `dests` (ipvsServiceFrom reverses the add order). */
function svc(dests: { name: string; weight?: number; active?: number; inact?: number }[], scheduler = 'rr', flags: VirtualServer['flags'] = []): IpvsService {
  const vs: VirtualServer = {
    address: '10.96.0.10', port: 80, protocol: 'TCP', scheduler, flags, timeout: 0,
    realServers: [...dests].reverse().map((d) => ({ address: d.name, port: 8080, weight: d.weight ?? 1, activeConn: d.active ?? 0, inactConn: d.inact ?? 0 })),
  };
  return ipvsServiceFrom(vs);
}

function run<S>(s: IpvsScheduler<S>, service: IpvsService, n: number, p: (i: number) => SchedulePacket = () => pkt('10.244.1.5')): (string | null)[] {
  let state = s.init(service);
  const out: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    const r = s.schedule(service, state, p(i));
    state = r.state;
    out.push(r.dest === null ? null : service.dests[r.dest]!.address);
  }
  return out;
}

const A = '10.0.0.1', B = '10.0.0.2', C = '10.0.0.3', D = '10.0.0.4', E = '10.0.0.5';

describe('rr (ip_vs_rr.c)', () => {
  it.each([
    ['three dests in list order', [{ name: A }, { name: B }, { name: C }], [A, B, C, A, B, C, A]],
    ['weight 0 is skipped (graceful termination)', [{ name: A }, { name: B, weight: 0 }, { name: C }], [A, C, A, C]],
    ['every weight 0: no destination', [{ name: A, weight: 0 }], [null, null]],
    ['no dests', [], [null]],
  ])('%s', (_n, dests, want) => {
    expect(run(rrScheduler, svc(dests), want.length)).toEqual(want);
  });
  it('the list order is the reverse of the add order (list_add_rcu at the head)', () => {
    const s = ipvsServiceFrom({ address: '10.96.0.10', port: 80, protocol: 'TCP', scheduler: 'rr', flags: [], timeout: 0,
      realServers: [{ address: A, port: 1, weight: 1 }, { address: B, port: 1, weight: 1 }] });
    expect(s.dests.map((d) => d.address)).toEqual([B, A]);
  });
});

describe('wrr (ip_vs_wrr.c)', () => {
  it.each([
    ['4:3:2 gives the LVS documentation sequence AABABCABC', [{ name: A, weight: 4 }, { name: B, weight: 3 }, { name: C, weight: 2 }], 18,
      'AABABCABCAABABCABC'],
    ['all weights 1 is exactly rr', [{ name: A }, { name: B }, { name: C }], 6, 'ABCABC'],
    ['weights 2:2 (gcd 2) alternate', [{ name: A, weight: 2 }, { name: B, weight: 2 }], 4, 'ABAB'],
    ['weight 0 never chosen', [{ name: A, weight: 0 }, { name: B, weight: 1 }], 3, 'BBB'],
  ])('%s', (_n, dests, n, want) => {
    const letter = (a: string | null) => (a === null ? '-' : 'ABCDE'[Number(a.split('.')[3]) - 1]);
    expect(run(wrrScheduler, svc(dests), n).map(letter).join('')).toBe(want);
  });
  it('every weight 0: no destination', () => {
    expect(run(wrrScheduler, svc([{ name: A, weight: 0 }, { name: B, weight: 0 }]), 2)).toEqual([null, null]);
  });
});

describe('lc / wlc (ip_vs_lc.c, ip_vs_wlc.c)', () => {
  it.each([
    ['lc: least activeconns*256+inactconns', lcScheduler, [{ name: A, active: 2 }, { name: B, active: 1, inact: 300 }, { name: C, active: 1, inact: 2 }], C],
    ['lc: a tie goes to the first in the list', lcScheduler, [{ name: A, active: 1 }, { name: B, active: 1 }], A],
    ['lc: weight 0 is skipped', lcScheduler, [{ name: A, weight: 0 }, { name: B, active: 9 }], B],
    ['wlc: overhead per weight (A 512/4 < B 256/1)', wlcScheduler, [{ name: A, weight: 4, active: 2 }, { name: B, weight: 1, active: 1 }], A],
    ['wlc: B 0/1 beats A 256/4', wlcScheduler, [{ name: A, weight: 4, active: 1 }, { name: B, weight: 1 }], B],
    ['wlc: weight 0 never wins', wlcScheduler, [{ name: A, weight: 1, active: 5 }, { name: B, weight: 0 }], A],
  ])('%s', (_n, sched, dests, want) => {
    expect(run(sched as IpvsScheduler<unknown>, svc(dests), 1)).toEqual([want]);
  });
});

/**
 * New connections one after another, each counted as active on the dest it got (as the kernel's
 * ip_vs_bind_dest does), so load-dependent schedulers show their sequence.
 */
function runLoaded(s: IpvsScheduler<unknown>, service: IpvsService, n: number): string {
  let cur = service;
  let out = '';
  for (let i = 0; i < n; i++) {
    const r = s.schedule(cur, s.init(cur), pkt('10.244.1.5'));
    if (r.dest === null) {
      out += '-';
      continue;
    }
    out += 'ABCDE'[Number(cur.dests[r.dest]!.address.split('.')[3]) - 1];
    cur = { ...cur, dests: cur.dests.map((d, k) => (k === r.dest ? { ...d, activeConns: d.activeConns + 1 } : d)) };
  }
  return out;
}

describe('sed / nq / fo / ovf (ip_vs_sed.c, ip_vs_nq.c, ip_vs_fo.c, ip_vs_ovf.c)', () => {
  it.each([
    ['sed: (active+1)/weight, inactive ignored (A 3/4 < B 1/1 despite 900 inactive)', sedScheduler, [{ name: A, weight: 4, active: 2, inact: 900 }, { name: B, weight: 1 }], A],
    ['sed: B 1/1 beats A 4/3', sedScheduler, [{ name: A, weight: 3, active: 3 }, { name: B, weight: 1 }], B],
    ['sed: a tie keeps the earlier dest', sedScheduler, [{ name: A, weight: 1, active: 1 }, { name: B, weight: 2, active: 3 }], A],
    ['sed: weight 0 is skipped', sedScheduler, [{ name: A, weight: 0 }, { name: B, active: 7 }], B],
    ['nq: the first idle dest, whatever its weight', nqScheduler, [{ name: A, weight: 9, active: 1 }, { name: B, weight: 1 }, { name: C, weight: 5 }], B],
    ['nq: all busy, shortest expected delay (B 2/2 < A 3/2)', nqScheduler, [{ name: A, weight: 2, active: 2 }, { name: B, weight: 2, active: 1 }], B],
    ['nq: an idle dest of weight 0 is still skipped', nqScheduler, [{ name: A, weight: 0 }, { name: B, active: 4 }], B],
    ['fo: highest weight, the first of equals', foScheduler, [{ name: A, weight: 1 }, { name: B, weight: 3, active: 50 }, { name: C, weight: 3 }], B],
    ['fo: weight 0 everywhere: no destination', foScheduler, [{ name: A, weight: 0 }, { name: B, weight: 0 }], null],
    ['ovf: highest weight with room (active ≤ weight)', ovfScheduler, [{ name: A, weight: 1 }, { name: B, weight: 2, active: 2 }], B],
    ['ovf: the heaviest is full (active > weight): next heaviest', ovfScheduler, [{ name: A, weight: 1 }, { name: B, weight: 2, active: 3 }], A],
    ['ovf: every dest full: no destination', ovfScheduler, [{ name: A, weight: 1, active: 2 }], null],
  ])('%s', (_n, sched, dests, want) => {
    expect(run(sched as IpvsScheduler<unknown>, svc(dests), 1)).toEqual([want]);
  });
  it.each([
    ['sed 3:1 fills A until its delay passes B\'s', 'sed', [{ name: A, weight: 3 }, { name: B, weight: 1 }], 6, 'AAABAA'],
    ['nq gives each idle dest one before comparing delays', 'nq', [{ name: A }, { name: B }, { name: C }], 5, 'ABCAB'],
    ['ovf 2:1 overflows after weight + 1 active, then refuses', 'ovf', [{ name: A, weight: 2 }, { name: B, weight: 1 }], 6, 'AAABB-'],
    ['fo never spreads', 'fo', [{ name: A, weight: 1 }, { name: B, weight: 2 }], 4, 'BBBB'],
  ])('%s', (_n, name, dests, n, want) => {
    expect(runLoaded(schedulerFor(name)!, svc(dests), n)).toBe(want);
  });
  it('lblc, lblcr and twos are not modelled (a lookup says so instead of guessing)', () => {
    expect(['lblc', 'lblcr', 'twos'].map(schedulerFor)).toEqual([null, null, null]);
  });
});

describe('sh (ip_vs_sh.c)', () => {
  it('hash_32 multiplies by GOLDEN_RATIO_32 and keeps the top bits', () => {
    expect(hash32(0n, 8)).toBe(0);
    expect(hash32(1n, 8)).toBe(0x61);
    expect(hash32(2n, 8)).toBe(0xc3);
  });
  it('buckets follow the list, `weight` buckets per dest, weight 0 still takes one', () => {
    const b = shBuckets(svc([{ name: A, weight: 2 }, { name: B, weight: 0 }, { name: C }]));
    expect([...b.slice(0, 8)]).toEqual([0, 0, 1, 2, 0, 0, 1, 2]);
  });
  it('one source always lands on the same dest; the source port is ignored without sh-port', () => {
    const s = svc([{ name: A }, { name: B }, { name: C }, { name: D }], 'sh');
    const got = run(shScheduler, s, 20, (i) => pkt('192.0.2.9', 1000 + i));
    expect(new Set(got).size).toBe(1);
  });
  it('different sources spread over the dests', () => {
    const s = svc([{ name: A }, { name: B }, { name: C }, { name: D }], 'sh');
    const got = run(shScheduler, s, 200, (i) => pkt(`192.0.2.${i}`));
    expect(new Set(got).size).toBe(4);
  });
  it('the hashed dest at weight 0 means no destination (no sh-fallback)', () => {
    const s = svc([{ name: A, weight: 0 }], 'sh');
    expect(run(shScheduler, s, 1)).toEqual([null]);
  });
});

describe('dh (ip_vs_dh.c)', () => {
  it('hashes the destination: every client of one VIP lands on one dest', () => {
    const s = svc([{ name: A }, { name: B }, { name: C }], 'dh');
    expect(new Set(run(dhScheduler, s, 50, (i) => pkt(`192.0.2.${i}`, 2000 + i))).size).toBe(1);
  });
});

describe('mh (ip_vs_mh.c, Maglev)', () => {
  it('SipHash core matches the reference SipHash-2-4 vector (key 00..0f, message 00..0e)', () => {
    const key0 = 0x0706050403020100n;
    const key1 = 0x0f0e0d0c0b0a0908n;
    const msg = Uint8Array.from({ length: 15 }, (_, i) => i);
    expect(sipHash(msg, key0, key1, 2, 4).toString(16)).toBe('a129ca6149be45e5');
  });
  it('fills all 4093 slots, equal weights within one slot of each other', () => {
    const t = mhLookupTable(svc([{ name: A }, { name: B }, { name: C }, { name: D }, { name: E }], 'mh'));
    const counts = [0, 0, 0, 0, 0];
    for (const i of t) counts[i]!++;
    expect(counts.reduce((a, b) => a + b)).toBe(IP_VS_MH_TAB_SIZE);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });
  it('weights set the share (2:1)', () => {
    const t = mhLookupTable(svc([{ name: A, weight: 2 }, { name: B, weight: 1 }], 'mh'));
    const a = t.filter((i) => i === 0).length;
    expect(Math.abs(a / IP_VS_MH_TAB_SIZE - 2 / 3)).toBeLessThan(0.01);
  });
  it('removing one of five dests moves few slots that it did not own (consistent hashing)', () => {
    const five = svc([{ name: A }, { name: B }, { name: C }, { name: D }, { name: E }], 'mh');
    const four = svc([{ name: A }, { name: B }, { name: C }, { name: D }], 'mh');
    const t5 = mhLookupTable(five);
    const t4 = mhLookupTable(four);
    let moved = 0;
    let kept = 0;
    for (let i = 0; i < t5.length; i++) {
      if (five.dests[t5[i]!]!.address === E) continue;
      kept++;
      if (five.dests[t5[i]!]!.address !== four.dests[t4[i]!]!.address) moved++;
    }
    expect(moved / kept).toBeLessThan(0.1);
  });
  it('with mh-port the source port is hashed too; without it one client sticks', () => {
    const dests = [{ name: A }, { name: B }, { name: C }, { name: D }];
    const withPort = run(mhScheduler, svc(dests, 'mh', ['source-hash']), 100, (i) => pkt('192.0.2.9', 1000 + i));
    const noPort = run(mhScheduler, svc(dests, 'mh'), 100, (i) => pkt('192.0.2.9', 1000 + i));
    expect(new Set(withPort).size).toBeGreaterThan(1);
    expect(new Set(noPort).size).toBe(1);
  });
  it('a weight-0 dest keeps its slots (last_weight) but takes no new connection', () => {
    const s = svc([{ name: A }, { name: B, weight: 0 }], 'mh', ['source-hash']);
    const got = run(mhScheduler, s, 200, (i) => pkt('192.0.2.9', 1000 + i));
    expect(got).toContain(null);
    expect(got).not.toContain(B);
  });
});
