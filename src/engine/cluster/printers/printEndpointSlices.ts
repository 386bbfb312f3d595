// `kubectl get endpointslices` (pkg/printers/internalversion/printers.go printEndpointSlice,
// formatDiscoveryPorts, formatDiscoveryEndpoints, listWithMoreString): at most 3 items, then
// " + N more...", and "<unset>" for an empty list.
import type { KubeObject } from '../objects.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are untyped JSON here

export const ENDPOINTSLICE_COLUMNS = ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'];
const MAX = 3;

function listWithMoreString(items: readonly string[]): string {
  const shown = items.slice(0, MAX).join(',');
  if (items.length > MAX) return `${shown} + ${items.length - MAX} more...`;
  return shown === '' ? '<unset>' : shown;
}

export function formatDiscoveryPorts(ports: readonly Obj[] | null | undefined): string {
  return listWithMoreString((ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : p.name !== undefined && p.name !== null ? String(p.name) : '*')));
}

export function formatDiscoveryEndpoints(endpoints: readonly Obj[] | null | undefined): string {
  return listWithMoreString((endpoints ?? []).flatMap((e) => (e.addresses ?? []) as string[]));
}

export function endpointSliceRow(slice: KubeObject, age: string): string[] {
  const o = slice as Obj;
  return [slice.metadata.name, String(o.addressType ?? ''), formatDiscoveryPorts(o.ports), formatDiscoveryEndpoints(o.endpoints), age];
}
