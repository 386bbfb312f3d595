// podlab dns end to end (in-process): the Pod's resolv.conf, a lookup's packets in dig-like text
// and as JSON, and one-line CliErrors (exit 2, nothing on stdout) for bad input.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CliError } from '../io.ts';
import { dnsCommand } from './dns.ts';

const dir = mkdtempSync(join(tmpdir(), 'podlab-dns-'));
const manifests = join(dir, 'lab.yaml');
writeFileSync(manifests, `apiVersion: v1
kind: Namespace
metadata: {name: prod}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: prod}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: prod}
spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: default}
spec: {containers: [{name: c, image: busybox}]}
`);
const nodeFile = join(dir, 'node-resolv.conf');
writeFileSync(nodeFile, 'nameserver 192.168.1.1\nsearch corp.example\noptions timeout:1\n');

/** Runs the command, returning what it wrote to stdout and what it threw. */
async function capture(args: string[]): Promise<{ out: string; err: unknown }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c) => {
    chunks.push(String(c));
    return true;
  });
  try {
    const err = await dnsCommand.run(args).then(() => null, (e: unknown) => e);
    return { out: chunks.join(''), err };
  } finally {
    spy.mockRestore();
  }
}

async function run(args: string[]): Promise<string> {
  const { out, err } = await capture(args);
  if (err) throw err;
  return out;
}

describe('podlab dns', () => {
  it('prints the resolv.conf the kubelet writes (node search domains kept, node options dropped)', async () => {
    expect(await run(['-f', manifests, '--pod', 'default/client', '--node-resolv-conf', nodeFile])).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local corp.example\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });
  it('traces a lookup: every packet, a verdict per name, the final answer', async () => {
    const text = await run(['-f', manifests, '--pod', 'default/client', '--query', 'web.prod']);
    expect(text).toContain(';; QUERY 1: web.prod.default.svc.cluster.local. IN A');
    expect(text).toContain(';; ->>HEADER<<- status: NXDOMAIN');
    expect(text).toMatch(/;; FINAL: web\.prod\.svc\.cluster\.local\. -> 10\.96\.\d+\.\d+\n$/);
  });
  it('-o json: queries in order and the final answer', async () => {
    const j = JSON.parse(await run(['-f', manifests, '--pod', 'default/client', '--query', 'web.prod', '--type', 'A', '--resolver', 'musl', '-o', 'json']));
    expect(j.queries.map((q: { qname: string; qtype: string; rcode: string }) => `${q.qname} ${q.qtype} ${q.rcode}`)).toEqual([
      'web.prod.default.svc.cluster.local. A NXDOMAIN',
      'web.prod.svc.cluster.local. A NOERROR',
    ]);
    expect(j.final.success).toBe(true);
  });
  it.each([
    [['-f', manifests], /--pod NS\/NAME is required/],
    [['-f', manifests, '--pod', 'default/nope'], /no Pod default\/nope/],
    [['-f', manifests, '--pod', 'a/b/c'], /expected NS\/NAME/],
    [['-f', manifests, '--pod', 'default/client', '--query', 'x', '--type', 'MX'], /--type: expected one of A, AAAA, SRV, PTR/],
    [['-f', manifests, '--pod', 'default/client', '--type', 'A'], /--type needs --query/],
    [['-f', manifests, '--pod', 'default/client', '--query', 'x', '--resolver', 'bionic'], /--resolver: expected glibc or musl/],
    [['-f', manifests, '--pod', 'default/client', '--query', 'a..b'], /empty label/],
    [['-f', join(dir, 'missing.yaml'), '--pod', 'default/client'], /cannot read/],
  ])('%j → one-line error', async (args, message) => {
    const { out, err } = await capture(args);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
    expect(out).toBe('');
  });
});
