// The page's EngineClient over a Web Worker (postMessage; every answer is validated before use).
import { requestFactory } from './createClient.ts';
import { parseResponse, type EngineClient, type EngineResponse } from './protocol.ts';

export function createWorkerClient(worker: Worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' })): EngineClient {
  const make = requestFactory();
  const pending = new Map<number, { resolve: (r: EngineResponse) => void; reject: (e: Error) => void }>();
  worker.onmessage = (e: MessageEvent<unknown>) => {
    const res = parseResponse(e.data);
    if (!res.ok) {
      // A malformed answer cannot be matched to a request safely: fail them all, loudly.
      for (const p of pending.values()) p.reject(new Error(res.error));
      pending.clear();
      return;
    }
    const p = pending.get(res.value.id);
    pending.delete(res.value.id);
    p?.resolve(res.value);
  };
  worker.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(`engine worker: ${e.message}`));
    pending.clear();
  };
  return {
    request(type, payload) {
      const req = make(type, payload);
      return new Promise((resolve, reject) => {
        pending.set(req.id, { resolve: resolve as (r: EngineResponse) => void, reject });
        worker.postMessage(req);
      });
    },
    dispose() {
      worker.terminate();
      for (const p of pending.values()) p.reject(new Error('engine worker disposed'));
      pending.clear();
    },
  };
}
