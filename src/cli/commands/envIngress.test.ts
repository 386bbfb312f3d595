// The env and ingress commands end to end (in-process): output on success, one-line CliError
// (exit 2, nothing on stdout) on bad input.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CliError } from '../io.ts';
import { envCommand } from './env.ts';
import { ingressCommand } from './ingress.ts';

const dir = mkdtempSync(join(tmpdir(), 'podlab-g-'));
const file = join(dir, 'shop.yaml');
writeFileSync(
  file,
  `apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec: {clusterIP: 10.96.3.3, ports: [{name: pg, port: 5432}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop}
spec:
  containers:
  - name: app
    image: example/app
    env: [{name: DB, value: "$(DB_SERVICE_HOST):$(DB_SERVICE_PORT)"}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec: {rules: [{host: shop.test, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: db, port: {number: 5432}}}}]}}]}
`,
);

async function run(cmd: typeof envCommand, argv: string[]): Promise<string> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (chunks.push(String(c)), true));
  try {
    expect(await cmd.run(argv)).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

afterEach(() => vi.restoreAllMocks());

describe('podlab env', () => {
  it('prints NAME=value lines and the service-link note', async () => {
    const out = await run(envCommand, ['-f', file, '--pod', 'shop/api']);
    expect(out).toContain('DB=10.96.3.3:5432\n');
    expect(out).toContain('DB_SERVICE_HOST=10.96.3.3\n');
    expect(out).toMatch(/# \d+ variable\(s\) from service links: .*shop\/db \(8\)/);
  });
  const bad: [string[], RegExp][] = [
    [['-f', file], /--pod NS\/NAME is required/],
    [['-f', file, '--pod', 'shop/none'], /pod shop\/none not found/],
    [['-f', file, '--pod', 'a/b/c'], /must be NAMESPACE\/NAME/],
    [['-f', file, '--pod', 'shop/api', '--container', 'x'], /has no container "x"/],
    [['-f', join(dir, 'missing.yaml'), '--pod', 'shop/api'], /missing\.yaml: cannot read/],
  ];
  it.each(bad)('%j → CliError', async (argv, msg) => {
    await expect(envCommand.run(argv)).rejects.toThrow(CliError);
    await expect(envCommand.run(argv)).rejects.toThrow(msg);
  });
});

describe('podlab ingress', () => {
  it('prints the rule, backend and both hops', async () => {
    const out = await run(ingressCommand, ['-f', file, '--host', 'shop.test', '--path', '/x']);
    expect(out).toMatch(/status: {3}503/); // the Service has no EndpointSlice
    expect(out).toMatch(/backend: {2}Service shop\/db:5432/);
    expect(out).toMatch(/hop 1: {4}L4/);
  });
  it('-o json carries the route, the comparison and every Ingress', async () => {
    const j = JSON.parse(await run(ingressCommand, ['-f', file, '--host', 'nope', '--path', '/', '-o', 'json']));
    expect([j.status, j.backend, j.ingresses[0].served, j.comparison.length > 0]).toEqual([404, null, true, true]);
  });
  const bad: [string[], RegExp][] = [
    [['-f', file, '--path', '/'], /--host is required/],
    [['-f', file, '--host', 'a', '--path', 'x'], /--path must start with '\/'/],
    [['-f', file, '--host', 'a', '--path', '/', '--scheme', 'ftp'], /--scheme must be http or https/],
    [['-f', file, '--host', 'a', '--path', '/', '--count', '0'], /--count must be an integer/],
  ];
  it.each(bad)('%j → CliError', async (argv, msg) => {
    await expect(ingressCommand.run(argv)).rejects.toThrow(msg);
  });
});
