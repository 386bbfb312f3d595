// The page's EngineClient over a Web Worker (postMessage; every answer is validated before use).
// A newer `analyze` supersedes one still running: the worker is replaced, so a slow parse (a huge
// paste) never holds back the text the user has since typed.
import { requestFactory } from './requestFactory.ts';
import { parseResponse, SupersededError, type EngineClient, type EngineRequest, type EngineResponse } from './protocol.ts';

/** The slice of Worker the client uses (tests pass a fake). */
export type WorkerLike = Pick<Worker, 'postMessage' | 'terminate'> & {
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
};

const defaultWorker = (): WorkerLike => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });

interface Pending { req: EngineRequest; resolve: (r: EngineResponse) => void; reject: (e: Error) => void }

export function createWorkerClient(makeWorker: () => WorkerLike = defaultWorker): EngineClient {
  const make = requestFactory();
  const pending = new Map<number, Pending>();
  let worker: WorkerLike;

  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  const start = () => {
    worker = makeWorker();
    worker.onmessage = (e: MessageEvent<unknown>) => {
      const res = parseResponse(e.data);
      if (!res.ok) {
        // A malformed answer cannot be matched to a request safely: fail them all, loudly.
        failAll(new Error(res.error));
        return;
      }
      const p = pending.get(res.value.id);
      pending.delete(res.value.id);
      p?.resolve(res.value);
    };
    worker.onerror = (e) => failAll(new Error(`engine worker: ${e.message}`));
  };
  start();

  return {
    request(type, payload) {
      if (type === 'analyze' && [...pending.values()].some((p) => p.req.type === 'analyze')) {
        worker.terminate();
        start();
        // Only the older analyses are dropped; any other request in flight is asked again.
        for (const [id, p] of pending) {
          if (p.req.type === 'analyze') {
            pending.delete(id);
            p.reject(new SupersededError());
          } else {
            worker.postMessage(p.req);
          }
        }
      }
      const req = make(type, payload);
      return new Promise((resolve, reject) => {
        pending.set(req.id, { req: req as EngineRequest, resolve: resolve as (r: EngineResponse) => void, reject });
        worker.postMessage(req);
      });
    },
    dispose() {
      worker.terminate();
      failAll(new Error('engine worker disposed'));
    },
  };
}
