// EndpointSlices → the endpoints of each service port (pkg/proxy/endpointslicecache.go
// endpointInfoByServicePort, addEndpoints; pkg/proxy/endpointschangetracker.go).
// Slices pair with service ports by (namespace, service name, port NAME, protocol), never by
// number: the DNAT port is the slice's port and targetPort is never read.
import type { IPFamily } from '../shared/ip.ts';
import type { KubeObject } from '../cluster/objects.ts';
import { objectKey } from '../cluster/objects.ts';
import { sortByCodeUnits } from '../shared/sortByCodeUnits.ts';
import { parseIPSloppy } from './sloppyIP.ts';
import { servicePortNameString } from './servicePorts.ts';
import type { EndpointInfo } from './types.ts';

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';

/** Key of a service port as the slice cache sees it: `ServicePortName.String()` + `/` + protocol. */
export function servicePortKey(id: string, protocol: string): string {
  return `${id}/${protocol}`;
}

/** BaseEndpointInfo.String(): `ip:port`, IPv6 in brackets. */
export function endpointString(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

interface Cond { ready?: unknown; serving?: unknown; terminating?: unknown }

const NO_HINTS: readonly string[] = Object.freeze([]);

/** Hint names (forZones / forNodes); most endpoints have none, and share one empty list. */
function hintNames(hints: readonly { name?: string }[] | undefined): readonly string[] {
  if (!hints || hints.length === 0) return NO_HINTS;
  return hints.map((h) => h?.name ?? '').filter((n) => n !== '');
}

/**
 * Every endpoint of every service port, keyed by servicePortKey, each list sorted by its
 * `ip:port` string (plain string order: `10.1.1.11:11` < `10.1.1.1:11`).
 */
export function endpointsByServicePort(
  slices: readonly KubeObject[],
  family: IPFamily,
  nodeName: string,
  warnings: string[],
): Map<string, EndpointInfo[]> {
  const sets = new Map<string, EndpointInfo[]>();
  // The cache keeps slices in a Go map; we read them in key order (plain code-unit order, keys
  // computed once) so the result is stable.
  for (const slice of sortByCodeUnits(slices, objectKey)) {
    const ns = slice.metadata.namespace ?? 'default';
    const key = objectKey({ kind: 'EndpointSlice', metadata: { ...slice.metadata, namespace: ns } });
    const who = `EndpointSlice ${ns}/${slice.metadata.name}`;
    const svcName = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    if (!svcName) { warnings.push(`${who}: no ${LABEL_SERVICE_NAME} label; kube-proxy ignores the slice`); continue; }
    const addressType = slice.addressType;
    // EndpointsChangeTracker: a proxier only reads slices of its own address type.
    if (addressType !== family) continue;
    const ports = Array.isArray(slice.ports) ? (slice.ports as Record<string, unknown>[]) : [];
    const endpoints = Array.isArray(slice.endpoints) ? (slice.endpoints as Record<string, unknown>[]) : [];
    for (const port of ports) {
      if (!port) continue;
      // discovery/v1 defaults a missing name to "" and protocol to TCP.
      const portName = typeof port.name === 'string' ? port.name : '';
      const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
      const portNum = typeof port.port === 'number' ? port.port : 0;
      if (portNum === 0) continue; // addEndpoints: "ignoring invalid endpoint port"
      const spKey = servicePortKey(servicePortNameString(ns, svcName, portName), protocol);
      let set = sets.get(spKey);
      if (!set) sets.set(spKey, (set = []));
      for (let idx = 0; idx < endpoints.length; idx++) {
        const ep = endpoints[idx]!;
        const addrs = Array.isArray(ep?.addresses) ? (ep.addresses as unknown[]) : [];
        if (addrs.length === 0) continue;
        const first = typeof addrs[0] === 'string' ? parseIPSloppy(addrs[0]) : null;
        if (!first) { warnings.push(`${who}: endpoints[${idx}].addresses[0] ${JSON.stringify(addrs[0])} is not an IP address; kube-proxy ignores it`); continue; }
        if (first.ip.family !== family) continue; // "Filter out the incorrect IP version case"
        if (first.hadLeadingZeros) warnings.push(`${who}: endpoints[${idx}].addresses[0] ${JSON.stringify(addrs[0])} has leading zeros (an API server would reject it); kube-proxy reads it as ${first.text}`);
        const nodeNameOf = typeof ep.nodeName === 'string' ? ep.nodeName : undefined;
        const c = (ep.conditions ?? {}) as Cond;
        const ready = c.ready === undefined || c.ready === null || c.ready === true;
        const serving = c.serving === undefined || c.serving === null || c.serving === true;
        const terminating = c.terminating === true;
        const hints = (ep.hints ?? {}) as { forZones?: { name?: string }[]; forNodes?: { name?: string }[] };
        const info: EndpointInfo = {
          endpoint: endpointString(first.text, portNum),
          ip: first.text,
          port: portNum,
          isLocal: nodeNameOf !== undefined && nodeNameOf === nodeName,
          ready,
          serving,
          terminating,
          nodeName: nodeNameOf, // undefined when the slice names no node (one object shape, no spread)
          zoneHints: hintNames(hints.forZones),
          nodeHints: hintNames(hints.forNodes),
          sliceKey: key,
          endpointIndex: idx,
        };
        set.push(info);
      }
    }
  }
  const out = new Map<string, EndpointInfo[]>();
  for (const [k, list] of sets) out.set(k, sortedUnique(list));
  return out;
}

/**
 * One entry per `ip:port`, sorted by it. Of duplicates (in slice order), a later one replaces the
 * kept one only if it is not terminating: the running pod wins over a terminating one that
 * reused its IP (endpointslicecache.go addEndpoints). A stable sort keeps duplicates in slice order.
 */
function sortedUnique(list: EndpointInfo[]): EndpointInfo[] {
  list.sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0));
  const out: EndpointInfo[] = [];
  for (const info of list) {
    const last = out.length - 1;
    if (last >= 0 && out[last]!.endpoint === info.endpoint) {
      if (!info.terminating) out[last] = info;
    } else out.push(info);
  }
  return out;
}

/** Warnings about endpoints that are never local because they name no node. */
export function endpointWithoutNodeNameWarnings(slices: readonly KubeObject[]): string[] {
  const out: string[] = [];
  for (const s of slices) {
    // The API server's own endpoints (default/kubernetes) are host addresses, never node-local pods.
    if ((s.metadata.namespace ?? 'default') === 'default' && s.metadata.labels?.[LABEL_SERVICE_NAME] === 'kubernetes') continue;
    const eps = Array.isArray(s.endpoints) ? (s.endpoints as Record<string, unknown>[]) : [];
    eps.forEach((ep, i) => {
      if (ep && typeof ep.nodeName !== 'string') {
        out.push(`EndpointSlice ${s.metadata.namespace ?? 'default'}/${s.metadata.name}: endpoints[${i}] has no nodeName, so no node counts it as local (the EndpointSlice controller always sets it)`);
      }
    });
  }
  return out;
}
