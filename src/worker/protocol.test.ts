import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createInProcessClient } from './createInProcessClient.ts';
import { handleRequest } from './engineHost.ts';
import { parseRequest, parseResponse, PROTOCOL_VERSION } from './protocol.ts';

describe('protocol validation', () => {
  it.each([
    ['not an object', 42, 'not an object'],
    ['old version', { version: 0, id: 1, type: 'ping' }, 'protocol version 0, expected 1'],
    ['no id', { version: PROTOCOL_VERSION, type: 'ping' }, 'field id must be an integer'],
    ['unknown type', { version: PROTOCOL_VERSION, id: 1, type: 'launch' }, 'unknown type "launch"'],
    ['files not array', { version: PROTOCOL_VERSION, id: 1, type: 'analyze', files: 'x' }, 'field files must be an array'],
    ['bad file', { version: PROTOCOL_VERSION, id: 1, type: 'analyze', files: [{ name: 'a' }] }, 'field files[0]'],
  ])('rejects a request with %s', (_n, msg, error) => {
    const r = parseRequest(msg);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(error);
  });

  it('accepts a valid request and strips unknown fields', () => {
    const r = parseRequest({ version: PROTOCOL_VERSION, id: 3, type: 'analyze', files: [{ name: 'a.yaml', text: '' }], extra: 1 });
    expect(r).toEqual({ ok: true, value: { version: PROTOCOL_VERSION, id: 3, type: 'analyze', files: [{ name: 'a.yaml', text: '' }] } });
  });

  it('rejects malformed responses', () => {
    expect(parseResponse({ version: PROTOCOL_VERSION, id: 1, type: 'analyze', ok: true, snapshot: {} }).ok).toBe(false);
    expect(parseResponse({ version: PROTOCOL_VERSION, id: 1, type: 'analyze', ok: false }).ok).toBe(false);
    expect(parseResponse({ version: PROTOCOL_VERSION, id: 1, type: 'analyze', ok: 'yes' }).ok).toBe(false);
  });

  it('fuzz: any message is validated to a result, never throws', () => {
    fc.assert(fc.property(fc.anything(), (m) => {
      expect(typeof parseRequest(m).ok).toBe('boolean');
      expect(typeof parseResponse(m).ok).toBe('boolean');
    }), { numRuns: 500 });
  });
});

describe('engine host and in-process client', () => {
  it('answers ping and analyze with the request id', async () => {
    const c = createInProcessClient();
    expect(await c.request('ping', {})).toMatchObject({ ok: true, type: 'ping', engine: 'podlab' });
    const r = await c.request('analyze', { files: [{ name: 'lab.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n' }] });
    expect(r.ok).toBe(true);
    expect(r.ok && r.snapshot.objects.map((o) => o.key)).toContain('Namespace/shop');
  });

  it('reports YAML errors as diagnostics with a line', async () => {
    const r = await createInProcessClient().request('analyze', { files: [{ name: 'lab.yaml', text: 'kind: Pod\nmetadata: {name: a\n' }] });
    expect(r.ok).toBe(true);
    const d = r.ok ? r.snapshot.diagnostics.find((x) => x.severity === 'error') : undefined;
    expect(d?.pos?.line).toBeGreaterThan(0);
  });

  it('turns an engine exception into an error response', () => {
    const r = handleRequest({ version: PROTOCOL_VERSION, id: 9, type: 'analyze', files: null as never });
    expect(r).toMatchObject({ ok: false, id: 9 });
    expect(!r.ok && r.error).toMatch(/^engine: /);
  });
});
