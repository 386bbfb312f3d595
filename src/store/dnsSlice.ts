// State of the DNS, Env and Ingress views. Each asks the engine on demand (a button or the tab
// opening) about the current text (the worker reuses analyze's build); an answer older than the
// latest request of its kind is dropped.
import type { StateCreator } from 'zustand/vanilla';
import type { LookupType, ResolverKind } from '../engine/dns/index.ts';
import type { DnsView, IngressRouteView, PodEnvView } from '../worker/handlers/dns.ts';
import type { EngineRequests, EngineResponse, RequestType } from '../worker/protocol.ts';
import type { AppState } from './appStore.ts';
import { EDITOR_FILE } from './editorSlice.ts';
import type { TraceForm } from './traceSlice.ts';

export type IngressScheme = 'http' | 'https';

export interface DnsSlice {
  /** `namespace/name` of the Pod the DNS tab asks from; null follows the selected Pod. */
  dnsPod: string | null;
  dnsName: string;
  dnsResolver: ResolverKind;
  dnsType: LookupType | null;
  dnsView: DnsView | null;
  dnsError: string | null;
  envView: PodEnvView | null;
  envError: string | null;
  ingressHost: string;
  ingressPath: string;
  ingressScheme: IngressScheme;
  ingressView: IngressRouteView | null;
  ingressError: string | null;
  setDnsQuery(q: Partial<Pick<DnsSlice, 'dnsPod' | 'dnsName' | 'dnsResolver' | 'dnsType'>>): void;
  setIngressQuery(q: Partial<Pick<DnsSlice, 'ingressHost' | 'ingressPath' | 'ingressScheme'>>): void;
  lookupName(): Promise<void>;
  loadPodEnv(pod: string): Promise<void>;
  routeIngress(): Promise<void>;
  traceDnsLookup(): void;
}

/** `Pod/ns/name` (a selection key) → `ns/name`; anything else → null. */
export function podOfSelection(key: string | null): string | null {
  const m = key ? /^Pod\/([^/]+)\/([^/]+)$/.exec(key) : null;
  return m ? `${m[1]}/${m[2]}` : null;
}

export function splitPodRef(ref: string): { namespace: string; pod: string } {
  const i = ref.indexOf('/');
  return i < 0 ? { namespace: 'default', pod: ref } : { namespace: ref.slice(0, i), pod: ref.slice(i + 1) };
}

/** The Pod the DNS tab asks from: the one picked, else the selected one. */
export function dnsPodOf(s: Pick<AppState, 'dnsPod' | 'selected'>): string | null {
  return s.dnsPod ?? podOfSelection(s.selected);
}

export const createDnsSlice: StateCreator<AppState, [], [], DnsSlice> = (set, get) => {
  // One counter per request kind: a slow answer never overwrites a newer one.
  const latest: Partial<Record<RequestType, number>> = {};
  async function ask<T extends RequestType>(type: T, payload: EngineRequests[T], onView: (r: EngineResponse<T> & { ok: true }) => void, onError: (e: string) => void) {
    const engine = get().engine;
    if (!engine) return onError('the engine is not connected');
    const mine = (latest[type] = (latest[type] ?? 0) + 1);
    try {
      const res = await engine.request(type, payload);
      if (latest[type] !== mine) return;
      if (res.ok) onView(res as EngineResponse<T> & { ok: true });
      else onError(res.error);
    } catch (e) {
      if (latest[type] === mine) onError(e instanceof Error ? e.message : String(e));
    }
  }
  return {
    dnsPod: null,
    dnsName: '',
    dnsResolver: 'glibc',
    dnsType: null,
    dnsView: null,
    dnsError: null,
    envView: null,
    envError: null,
    ingressHost: '',
    ingressPath: '/',
    ingressScheme: 'http',
    ingressView: null,
    ingressError: null,
    setDnsQuery: (q) => set(q),
    setIngressQuery: (q) => set(q),
    lookupName: async () => {
      const s = get();
      const pod = dnsPodOf(s);
      if (!s.snapshot || !pod) return;
      await ask('dnsLookup', { files: [{ name: EDITOR_FILE, text: s.text }], ...splitPodRef(pod), name: s.dnsName, resolver: s.dnsResolver, ...(s.dnsType ? { qtype: s.dnsType } : {}) },
        (r) => set({ dnsView: r.view, dnsError: null }), (e) => set({ dnsError: e }));
    },
    loadPodEnv: async (pod) => {
      const s = get();
      if (!s.snapshot) return;
      await ask('podEnv', { files: [{ name: EDITOR_FILE, text: s.text }], ...splitPodRef(pod) }, (r) => set({ envView: r.view, envError: null }), (e) => set({ envError: e }));
    },
    routeIngress: async () => {
      const s = get();
      if (!s.snapshot) return;
      const path = s.ingressPath.startsWith('/') ? s.ingressPath : `/${s.ingressPath}`;
      await ask('ingressRoute', { files: [{ name: EDITOR_FILE, text: s.text }], host: s.ingressHost.trim(), path, scheme: s.ingressScheme },
        (r) => set({ ingressView: r.view, ingressError: null }), (e) => set({ ingressError: e }));
    },
    traceDnsLookup: () => {
      const v = get().dnsView;
      if (!v) return;
      const form = dnsTraceForm(v);
      if (!form) return;
      get().setTraceForm(form);
      get().setInspectorTab('trace');
      void get().sendTrace();
    },
  };
};

/** The diagram edge (toFlowElements: `Ingress/ns/name->Service/ns/name`) the last routed request took. */
export function routedIngressEdge(v: IngressRouteView | null): string | null {
  const r = v?.route;
  if (!r?.ingress || !r.backend) return null;
  return `Ingress/${r.ingress}->Service/${r.backend.namespace}/${r.backend.service}`;
}

/** The Trace tab's form for one DNS packet: UDP from the Pod to its first nameserver, port 53. */
export function dnsTraceForm(v: Pick<DnsView, 'pod' | 'nameserver'>): Pick<TraceForm, 'from' | 'to' | 'proto'> | null {
  if (!v.nameserver) return null;
  return { from: `pod/${v.pod}`, to: v.nameserver.includes(':') ? `[${v.nameserver}]:53` : `${v.nameserver}:53`, proto: 'udp' };
}
