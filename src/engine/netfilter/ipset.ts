// ipsets as `-m set --match-set NAME dir,dir…` reads them (net/netfilter/xt_set.c). Contents are
// supplied by the caller (the ipvs renderer or a real `ipset list`); members use ipset's
// Entry.String() form: `10.96.0.10,tcp:80`, `30080`, `1.2.3.4,tcp:80,10.0.0.0/8`.
import { canonicalIP, cidrContains } from '../shared/ip.ts';
import { ipOf, prefixOf } from './match/addr.ts';
import type { Packet } from './packet.ts';

export interface IPSet {
  readonly name: string;
  /** `hash:ip`, `hash:ip,port`, `hash:ip,port,ip`, `hash:ip,port,net`, `hash:net`, `bitmap:port` … */
  readonly type: string;
  readonly members: readonly string[];
}

type Dim = 'ip' | 'net' | 'port';

interface Compiled {
  readonly dims: readonly Dim[];
  /** Exact keys when no dimension is a net. */
  readonly keys: ReadonlySet<string> | null;
  readonly members: readonly (readonly string[])[];
}

const compiled = new WeakMap<IPSet, Compiled | string>();

function compile(set: IPSet): Compiled | string {
  const m = /^(hash|bitmap|list):(.+)$/.exec(set.type);
  if (!m || m[1] === 'list') return `ipset type "${set.type}"`;
  const dims: Dim[] = [];
  for (const d of (m[2] as string).split(',')) {
    if (d === 'ip' || d === 'net' || d === 'port') dims.push(d);
    else return `ipset dimension "${d}" of ${set.type}`;
  }
  const members = set.members.map((s) => s.split(','));
  const keys = dims.includes('net') ? null : new Set(members.map((parts) => parts.map((p, i) => normalise(dims[i], p)).join(',')));
  return { dims, keys, members };
}

function normalise(dim: Dim | undefined, part: string): string {
  if (dim === 'port') return part.includes(':') ? part.toLowerCase() : `tcp:${part}`;
  if (dim === 'ip') return canonicalIP(part) ?? part;
  return part;
}

/**
 * Whether the packet is in the set, taking each dimension from the packet's source or
 * destination as `flags` says (xt_set: `src,dst,dst` → src IP, dst port, dst IP).
 */
export function ipsetContains(set: IPSet, flags: readonly ('src' | 'dst')[], p: Packet): boolean | { notModelled: string } {
  let c = compiled.get(set);
  if (c === undefined) {
    c = compile(set);
    compiled.set(set, c);
  }
  if (typeof c === 'string') return { notModelled: c };
  const bitmapPort = set.type === 'bitmap:port';
  const want = c.dims.map((d, i) => {
    const side = flags[i] ?? flags[flags.length - 1] ?? 'src';
    if (d === 'port') return bitmapPort ? `tcp:${side === 'src' ? p.sport : p.dport}` : `${p.proto}:${side === 'src' ? p.sport : p.dport}`;
    return side === 'src' ? p.src : p.dst;
  });
  if (c.keys) return c.keys.has(want.join(','));
  for (const parts of c.members) {
    let ok = parts.length === c.dims.length;
    for (let i = 0; ok && i < c.dims.length; i++) {
      const d = c.dims[i];
      const part = parts[i] as string;
      const w = want[i] as string;
      if (d === 'net') {
        const pref = prefixOf(part);
        const ip = ipOf(w);
        ok = !!pref && !!ip && cidrContains(pref, ip);
      } else ok = normalise(d, part) === w;
    }
    if (ok) return true;
  }
  return false;
}
