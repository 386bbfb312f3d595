// `ipset list` text for the sets kube-proxy owns (ipset 7.x, ipset/src/ipset.c list + the
// kernel's per-type header). Sets are listed in creation order (proxier.go ipsetInfo).
import type { IPFamily } from '../../shared/ip.ts';
import { IPSET_INFO, ipsetName, type IPSetBaseName, type IPSetType } from './ipset.ts';
import type { IpvsIptablesRules } from './ipvsIptablesRules.ts';

// Type revisions of a v5.x/v6.x kernel (net/netfilter/ipset/ip_set_*.c IPSET_TYPE_REV_MAX).
const REVISION: Record<IPSetType, number> = {
  'hash:ip': 6,
  'hash:ip,port': 7,
  'hash:ip,port,ip': 5,
  'hash:ip,port,net': 8,
  'bitmap:port': 3,
};

/**
 * A fidelity note: "Size in memory" is the kernel's allocation and depends on its build; the lab
 * prints a plausible figure (bitmap:port 0-65535 is 8268 bytes; hash sets grow per member).
 */
function sizeInMemory(type: IPSetType, members: number, family: IPFamily): number {
  if (type === 'bitmap:port') return 8268;
  const per = family === 'IPv6' ? 40 : 16;
  return 408 + members * per;
}

/** References: how many iptables rules use the set (`--match-set NAME`). */
function references(name: string, rules: IpvsIptablesRules | undefined): number {
  if (!rules) return 0;
  const needle = `--match-set ${name} `;
  return [...rules.nat, ...rules.filter].filter((r) => r.includes(needle)).length;
}

export interface IpsetListOptions {
  readonly family: IPFamily;
  /** The rules of the same sync, to count References. */
  readonly rules?: IpvsIptablesRules;
  /** List every set kube-proxy created, even empty ones (the node has them all); default true. */
  readonly includeEmpty?: boolean;
}

/**
 * `ipset list`. Members are printed in the kernel's hash order on a real node; the lab prints
 * them sorted so the output is stable (a fidelity note).
 */
export function formatIpsetList(sets: ReadonlyMap<IPSetBaseName, readonly string[]>, opts: IpsetListOptions): string {
  const blocks: string[] = [];
  for (const info of IPSET_INFO) {
    const members = [...(sets.get(info.name) ?? [])].sort();
    if (members.length === 0 && opts.includeEmpty === false) continue;
    const name = ipsetName(info.name, opts.family);
    const header = info.type === 'bitmap:port'
      ? 'range 0-65535'
      : `family ${opts.family === 'IPv6' ? 'inet6' : 'inet'} hashsize 1024 maxelem 65536`;
    blocks.push([
      `Name: ${name}`,
      `Type: ${info.type}`,
      `Revision: ${REVISION[info.type]}`,
      `Header: ${header}`,
      `Size in memory: ${sizeInMemory(info.type, members.length, opts.family)}`,
      `References: ${references(name, opts.rules)}`,
      `Number of entries: ${members.length}`,
      'Members:',
      ...members,
    ].join('\n') + '\n');
  }
  return blocks.join('\n');
}
