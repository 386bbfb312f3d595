// A dispatch index for long chains (KUBE-SERVICES with thousands of Services): rules that
// test a single destination host (`-d 172.30.0.41/32`) are bucketed by address and rules that
// test a single `--dport` by port, so a packet only visits the rules that can match it. The
// walker still counts the skipped rules as evaluated: the kernel walks the chain linearly.
import { formatIP } from '../shared/ip.ts';
import { prefixOf } from './match/addr.ts';
import type { Packet } from './packet.ts';
import type { Chain } from './ruleset.ts';

/** Chains shorter than this are walked rule by rule. */
export const INDEX_THRESHOLD = 64;

interface ChainIndex {
  readonly byDst: Map<string, number[]>;
  readonly byDport: Map<number, number[]>;
  readonly rest: number[];
}

const indexes = new WeakMap<Chain, { len: number; index: ChainIndex }>();

function build(chain: Chain): ChainIndex {
  const byDst = new Map<string, number[]>();
  const byDport = new Map<number, number[]>();
  const rest: number[] = [];
  chain.rules.forEach((r, pos) => {
    const d = r.matches.filter((m) => m.module === 'ip' && m.name === '-d');
    const dOne = d.length === 1 && !d[0]?.negated ? prefixOf(d[0]?.values[0] ?? '') : null;
    if (dOne && dOne.prefix === (dOne.family === 'IPv4' ? 32 : 128) && !(d[0]?.values[0] ?? '').includes(',')) {
      const key = formatIP({ family: dOne.family, value: dOne.base });
      (byDst.get(key) ?? byDst.set(key, []).get(key))?.push(pos);
      return;
    }
    const dp = r.matches.filter((m) => (m.module === 'tcp' || m.module === 'udp' || m.module === 'sctp') && (m.name === '--dport' || m.name === '--destination-port'));
    const port = dp.length === 1 && !dp[0]?.negated && /^\d+$/.test(dp[0]?.values[0] ?? '') ? Number(dp[0]?.values[0]) : null;
    if (port !== null) {
      (byDport.get(port) ?? byDport.set(port, []).get(port))?.push(pos);
      return;
    }
    rest.push(pos);
  });
  return { byDst, byDport, rest };
}

/** Positions (0-based, ascending) of the rules that may match, or null to walk every rule. */
export function candidateRules(chain: Chain, p: Packet): readonly number[] | null {
  if (chain.rules.length < INDEX_THRESHOLD) return null;
  let cached = indexes.get(chain);
  if (!cached || cached.len !== chain.rules.length) {
    cached = { len: chain.rules.length, index: build(chain) };
    indexes.set(chain, cached);
  }
  const { byDst, byDport, rest } = cached.index;
  const a = byDst.get(p.dst) ?? [];
  const b = p.proto === 'tcp' || p.proto === 'udp' || p.proto === 'sctp' ? (byDport.get(p.dport) ?? []) : [];
  if (a.length === 0 && b.length === 0) return rest;
  return [...a, ...b, ...rest].sort((x, y) => x - y);
}
