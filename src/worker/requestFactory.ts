// Shared by both clients: numbered, versioned requests.
import { PROTOCOL_VERSION, type EngineRequest, type EngineRequests, type RequestType } from './protocol.ts';

export function requestFactory() {
  let next = 1;
  return <T extends RequestType>(type: T, payload: EngineRequests[T]): EngineRequest<T> =>
    ({ version: PROTOCOL_VERSION, id: next++, type, ...payload }) as EngineRequest<T>;
}
