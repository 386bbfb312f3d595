// The same EngineClient as the worker's, calling the engine directly: for tests, the CLI and as
// a fallback where Workers are unavailable. Messages still go through structuredClone and the
// validators, so tests exercise the real boundary.
import { requestFactory } from './requestFactory.ts';
import { handleRequest } from './engineHost.ts';
import { parseRequest, parseResponse, type EngineClient, type EngineRequests, type EngineResponse, type RequestType } from './protocol.ts';

export function createInProcessClient(): EngineClient {
  const make = requestFactory();
  async function request<T extends RequestType>(type: T, payload: EngineRequests[T]): Promise<EngineResponse<T>> {
    const req = parseRequest(structuredClone(make(type, payload)));
    if (!req.ok) throw new Error(req.error);
    const res = parseResponse(structuredClone(handleRequest(req.value)));
    if (!res.ok) throw new Error(res.error);
    return res.value as EngineResponse<T>;
  }
  return { request, dispose() {} };
}
