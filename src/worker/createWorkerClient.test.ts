import { describe, expect, it } from 'vitest';
import { createWorkerClient, type WorkerLike } from './createWorkerClient.ts';
import { handleRequest } from './engineHost.ts';
import { parseRequest, PROTOCOL_VERSION, SupersededError } from './protocol.ts';

/** A fake worker that answers only when told to, through the real host. */
function fakeWorkers() {
  const made: { w: WorkerLike; inbox: unknown[]; terminated: boolean; answer(): void }[] = [];
  const factory = () => {
    const rec = {
      inbox: [] as unknown[], terminated: false,
      w: { onmessage: null, onerror: null, postMessage: (m: unknown) => rec.inbox.push(structuredClone(m)), terminate: () => { rec.terminated = true; } } as WorkerLike,
      answer() {
        const m = rec.inbox.shift();
        const req = parseRequest(m);
        if (!req.ok) throw new Error(req.error);
        rec.w.onmessage?.({ data: structuredClone(handleRequest(req.value)) } as MessageEvent);
      },
    };
    made.push(rec);
    return rec.w;
  };
  return { made, factory };
}

const files = (name: string) => ({ files: [{ name: 'lab.yaml', text: `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n` }] });

describe('createWorkerClient', () => {
  it('matches answers to requests by id', async () => {
    const { made, factory } = fakeWorkers();
    const c = createWorkerClient(factory);
    const a = c.request('ping', {});
    const b = c.request('analyze', files('one'));
    made[0]!.answer();
    made[0]!.answer();
    expect(await a).toMatchObject({ type: 'ping', ok: true });
    const r = await b;
    expect(r.ok && r.snapshot.objects.map((o) => o.key)).toContain('Namespace/one');
  });

  it('a newer analyze replaces the worker still busy with an older one', async () => {
    const { made, factory } = fakeWorkers();
    const c = createWorkerClient(factory);
    const old = c.request('analyze', files('old'));
    const fresh = c.request('analyze', files('fresh'));
    await expect(old).rejects.toBeInstanceOf(SupersededError);
    expect(made).toHaveLength(2);
    expect(made[0]!.terminated).toBe(true);
    made[1]!.answer();
    const r = await fresh;
    expect(made[1]!.inbox).toEqual([]);
    expect(r.ok && r.snapshot.objects.map((o) => o.key)).toContain('Namespace/fresh');
  });

  it('other requests in flight survive the replacement: they are asked again', async () => {
    const { made, factory } = fakeWorkers();
    const c = createWorkerClient(factory);
    const old = c.request('analyze', files('old'));
    const ping = c.request('ping', {});
    const fresh = c.request('analyze', files('fresh'));
    await expect(old).rejects.toBeInstanceOf(SupersededError);
    expect(made[1]!.inbox.map((m) => (m as { type: string }).type)).toEqual(['ping', 'analyze']);
    made[1]!.answer();
    made[1]!.answer();
    expect(await ping).toMatchObject({ type: 'ping', ok: true });
    expect((await fresh).ok).toBe(true);
  });

  it('a malformed answer fails the pending requests with the validation error', async () => {
    const { made, factory } = fakeWorkers();
    const c = createWorkerClient(factory);
    const p = c.request('ping', {});
    made[0]!.w.onmessage?.({ data: { version: PROTOCOL_VERSION + 1, id: 1, type: 'ping', ok: true } } as MessageEvent);
    await expect(p).rejects.toThrow(/protocol version/);
  });
});
