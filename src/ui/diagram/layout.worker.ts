// ELK runs here, off the main thread: a big cluster's layout never blocks typing.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';

const elk = new ELK();

self.onmessage = (e: MessageEvent<{ id: number; graph: ElkNode }>) => {
  const { id, graph } = e.data;
  elk.layout(graph).then(
    (laid) => self.postMessage({ id, laid }),
    (err: unknown) => self.postMessage({ id, error: err instanceof Error ? err.message : String(err) }),
  );
};
