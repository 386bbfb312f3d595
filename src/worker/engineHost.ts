// Pure dispatch: a validated request → one engine call → a response. No DOM, no timers, no
// postMessage: the worker entry and the in-process client both call `handleRequest`.
import { buildCluster, type ManifestFile } from '../engine/cluster/index.ts';
import { dnsLookup, ingressRoute, podEnv } from './handlers/dns.ts';
import { runTrace } from './handlers/trace.ts';
import { handleRules, newRulesCache, rememberSnapshot, snapshotFor } from './handlers/rules.ts';
import { handlePods } from './handlers/pods.ts';
import { snapshotAtCurrentTime } from './simulationState.ts';
import { PROTOCOL_VERSION, type EngineRequest, type EngineResponse, type EngineResponses, type RequestType } from './protocol.ts';

type Handlers = { [K in RequestType]: (req: EngineRequest<K>) => EngineResponses[K] };

/** The Rules view's cache: the last analysed snapshot and per-node syncs (worker-lifetime). */
const rulesCache = newRulesCache();

/** The cluster these files describe at the Pods tab's simulated time (simulationState.ts). */
const atSimulatedTime = (files: ManifestFile[]) => snapshotAtCurrentTime(files, snapshotFor(rulesCache, files));

/** One line per request type; later domains (rules, trace, pods, dns) add theirs here. */
const handlers: Handlers = {
  ping: () => ({ engine: 'podlab' }),
  analyze: (req) => {
    const t0 = now();
    const snapshot = buildCluster(req.files);
    rememberSnapshot(rulesCache, req.files, snapshot);
    // The Pods tab's simulated clock: the diagram and Problems see the cluster at that instant.
    return { snapshot: snapshotAtCurrentTime(req.files, snapshot), elapsedMs: now() - t0 };
  },
  rules: (req) => handleRules(rulesCache, req),
  trace: (req) => ({ outcome: runTrace(atSimulatedTime(req.files), req.query) }),
  dnsLookup: ({ files, namespace, pod, name, resolver, qtype }) => ({ view: dnsLookup(atSimulatedTime(files), { namespace, pod, name, resolver, ...(qtype ? { qtype } : {}) }) }),
  podEnv: ({ files, namespace, pod }) => ({ view: podEnv(atSimulatedTime(files), { namespace, pod }) }),
  pods: (req) => ({ view: handlePods((files) => snapshotFor(rulesCache, files), req) }),
  ingressRoute: ({ files, host, path, scheme }) => ({ view: ingressRoute(atSimulatedTime(files), { host, path, scheme }) }),
};

function now(): number {
  return typeof performance === 'undefined' ? 0 : performance.now();
}

export function handleRequest<T extends RequestType>(req: EngineRequest<T>): EngineResponse<T> {
  try {
    const handler = handlers[req.type] as (r: EngineRequest<T>) => EngineResponses[T];
    const payload = handler(req);
    return { version: PROTOCOL_VERSION, id: req.id, type: req.type, ok: true, ...payload } as EngineResponse<T>;
  } catch (e) {
    // An engine bug must not kill the worker: the page shows it as a diagnostic instead.
    return { version: PROTOCOL_VERSION, id: req.id, type: req.type, ok: false, error: `engine: ${e instanceof Error ? e.message : String(e)}` };
  }
}
