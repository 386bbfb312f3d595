// The worker entry: validate at the boundary, dispatch, post the answer. The main thread never
// parses YAML; this is where it happens.
import { handleRequest } from './engineHost.ts';
import { parseRequest, PROTOCOL_VERSION } from './protocol.ts';

self.onmessage = (e: MessageEvent<unknown>) => {
  const parsed = parseRequest(e.data);
  if (!parsed.ok) {
    const id = typeof (e.data as { id?: unknown })?.id === 'number' ? (e.data as { id: number }).id : -1;
    self.postMessage({ version: PROTOCOL_VERSION, id, type: 'ping', ok: false, error: parsed.error });
    return;
  }
  self.postMessage(handleRequest(parsed.value));
};
