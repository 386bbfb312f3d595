// A one-node dataplane around a real node's dump (`podlab trace --iptables-save`) or a
// kube-proxy restore input (the conformance flows): lo, eth0 with the node's addresses,
// connected routes and a default route out of eth0. Packets to anything that is not local
// leave through eth0 ("outside the modelled nodes").
import { ipFamilyOf } from '../shared/ip.ts';
import type { Dataplane, DataplaneNode, NetInterface, Route } from './dataplane.ts';
import type { IPSet } from './ipset.ts';
import type { IpvsHandler } from './ipvsHook.ts';
import { prefixOf } from './match/addr.ts';
import type { Ruleset } from './ruleset.ts';
import { formatIP } from '../shared/ip.ts';

export interface DumpNodeSpec {
  readonly name?: string;
  readonly ruleset: Ruleset;
  /** The node's addresses (the `local` table). */
  readonly localIPs: readonly string[];
  /** Interfaces with `addr/len`; default lo + eth0 carrying every non-loopback local IP as /32 or /128. */
  readonly interfaces?: Readonly<Record<string, readonly string[]>>;
  readonly ipsets?: readonly IPSet[];
  /** The node's IPVS virtual servers (from `ipvsadm -Ln`); their addresses are local (kube-ipvs0). */
  readonly ipvs?: { readonly handler: IpvsHandler; readonly addresses: readonly string[] };
}

const LOOPBACK = ['127.0.0.1/8', '::1/128'];

export function dataplaneFromDump(spec: DumpNodeSpec): Dataplane {
  const ifaceMap: Record<string, readonly string[]> = spec.interfaces
    ? { ...spec.interfaces }
    : {
        lo: LOOPBACK,
        eth0: spec.localIPs.filter((a) => !a.startsWith('127.') && a !== '::1').map((a) => `${a}/${ipFamilyOf(a) === 'IPv6' ? 128 : 32}`),
      };
  if (!ifaceMap.lo) ifaceMap.lo = LOOPBACK;
  const interfaces: NetInterface[] = Object.entries(ifaceMap).map(([name, addresses]) => ({ name, addresses }));
  const uplink = interfaces.some((i) => i.name === 'eth0') ? 'eth0' : (interfaces.find((i) => i.name !== 'lo')?.name ?? 'eth0');
  if (!interfaces.some((i) => i.name === uplink)) interfaces.push({ name: uplink, addresses: [] });
  if (spec.ipvs && !interfaces.some((i) => i.name === 'kube-ipvs0')) {
    interfaces.push({ name: 'kube-ipvs0', addresses: [...new Set(spec.ipvs.addresses)].map((a) => `${a}/${ipFamilyOf(a) === 'IPv6' ? 128 : 32}`) });
  }
  const routes: Route[] = [];
  for (const i of interfaces) {
    if (i.name === 'lo') continue;
    for (const a of i.addresses) {
      const c = prefixOf(a);
      if (c) routes.push({ dst: `${formatIP({ family: c.family, value: c.base })}/${c.prefix}`, dev: i.name, src: a.split('/')[0] as string });
    }
  }
  routes.push({ dst: 'default', dev: uplink });
  const localIPs = [...spec.localIPs];
  for (const i of interfaces) for (const a of i.addresses) if (!localIPs.includes(a.split('/')[0] as string)) localIPs.push(a.split('/')[0] as string);
  const node: DataplaneNode = {
    name: spec.name ?? 'node', interfaces, localIPs, routes, ruleset: spec.ruleset,
    ...(spec.ipsets ? { ipsets: spec.ipsets } : {}), ...(spec.ipvs ? { ipvs: spec.ipvs.handler } : {}),
  };
  return { nodes: [node], pods: [] };
}
