// xt_recent lists (net/netfilter/xt_recent.c): per network namespace, by --name, each address
// with the times it was seen. kube-proxy's ClientIP session affinity is built on them
// (`-m recent --name KUBE-SEP-… --set` / `--rcheck --seconds 10800 --reap`).
import { bitsOf } from '../../shared/ip.ts';
import { ipOf } from './addr.ts';
import type { MatchOption } from '../ruleset.ts';
import type { MatchContext, OptionResult } from './context.ts';

/** name → address → times seen (ms, oldest first). Mutable: a walk works on its own copy. */
export type RecentTables = Map<string, Map<string, number[]>>;

export function cloneRecent(r: RecentTables): RecentTables {
  return new Map([...r].map(([k, v]) => [k, new Map([...v].map(([a, t]) => [a, [...t]]))]));
}

export function evaluateRecent(opts: readonly MatchOption[], ctx: MatchContext): OptionResult {
  const get = (n: string) => opts.find((o) => o.name === n);
  const name = get('--name')?.values[0] ?? 'DEFAULT';
  const useDst = !!get('--rdest');
  const seconds = get('--seconds') ? Number(get('--seconds')?.values[0]) : 0;
  const hitcount = get('--hitcount') ? Number(get('--hitcount')?.values[0]) : 0;
  if (get('--rttl')) return { notModelled: '-m recent --rttl' };
  const mode = ['--set', '--rcheck', '--update', '--remove'].find((m) => get(m));
  if (!mode) return { notModelled: '-m recent without --set/--rcheck/--update/--remove' };
  const negated = !!get(mode)?.negated;
  let addr = useDst ? ctx.pkt.dst : ctx.pkt.src;
  const maskText = get('--mask')?.values[0];
  if (maskText) {
    const ip = ipOf(addr);
    const mask = ipOf(maskText);
    if (!ip || !mask || mask.family !== ip.family) return { notModelled: `-m recent --mask ${maskText}` };
    addr = `${ip.family}:${(ip.value & mask.value).toString(16)}/${bitsOf(ip.family)}`;
  }
  let table = ctx.recent.get(name);
  if (!table) {
    table = new Map();
    ctx.recent.set(name, table);
  }
  const now = ctx.now;
  if (mode === '--set') {
    table.set(addr, [...(table.get(addr) ?? []), now]);
    return !negated;
  }
  let times = table.get(addr);
  // --reap drops entries older than --seconds (recent_mt: only with --seconds).
  if (times && get('--reap') && seconds > 0) {
    times = times.filter((t) => now - t <= seconds * 1000);
    if (times.length) table.set(addr, times);
    else table.delete(addr);
  }
  let hit = false;
  if (times && times.length) {
    const recentTimes = seconds > 0 ? times.filter((t) => now - t <= seconds * 1000) : times;
    hit = hitcount > 0 ? recentTimes.length >= hitcount : recentTimes.length > 0;
  }
  if (hit && mode === '--remove') table.delete(addr);
  if (hit && mode === '--update') table.set(addr, [...(times ?? []), now]);
  return hit !== negated;
}
