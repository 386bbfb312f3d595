// pkg/proxy/util/localdetector.go: the iptables match that says "this packet comes from a
// local pod" (IfLocal) or does not (IfNotLocal). The no-op detector matches nothing, so the
// rules that need it are left out.
import { assertNever } from '../../shared/assertNever.ts';
import type { LocalDetector } from '../types.ts';

export interface LocalTrafficDetector {
  readonly implemented: boolean;
  readonly ifLocal: readonly string[];
  readonly ifNotLocal: readonly string[];
}

export function localTrafficDetector(d: LocalDetector): LocalTrafficDetector {
  switch (d.mode) {
    case 'ClusterCIDR':
      return d.clusterCIDR ? { implemented: true, ifLocal: ['-s', d.clusterCIDR], ifNotLocal: ['!', '-s', d.clusterCIDR] } : noop;
    case 'NodeCIDR':
      return d.podCIDR ? { implemented: true, ifLocal: ['-s', d.podCIDR], ifNotLocal: ['!', '-s', d.podCIDR] } : noop;
    case 'BridgeInterface':
      return { implemented: true, ifLocal: ['-i', d.bridgeInterface], ifNotLocal: ['!', '-i', d.bridgeInterface] };
    case 'InterfaceNamePrefix':
      return { implemented: true, ifLocal: ['-i', `${d.interfaceNamePrefix}+`], ifNotLocal: ['!', '-i', `${d.interfaceNamePrefix}+`] };
    case 'None':
      return noop;
    default:
      return assertNever(d, 'local detector');
  }
}

const noop: LocalTrafficDetector = { implemented: false, ifLocal: [], ifNotLocal: [] };
