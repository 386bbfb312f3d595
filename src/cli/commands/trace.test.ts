// podlab trace end to end (in-process): a real node's dump (--iptables-save) and a lab cluster
// (-f --from --to); JSON in the DESIGN.md shape; one-line CliError (exit 2, nothing on stdout)
// on bad input; the address parser fuzzed.
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CliError } from '../io.ts';
import { parseAddrPort, traceCommand } from './trace.ts';

const dir = mkdtempSync(join(tmpdir(), 'podlab-trace-'));
const manifests = join(dir, 'lab.yaml');
writeFileSync(manifests, `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}
`);
const vector = JSON.parse(readFileSync(path.resolve(process.cwd(), '../shared/vectors/iptables/TestTracePacket.json'), 'utf8')) as { iptablesRestoreInput: string };
const dump = join(dir, 'node.rules');
writeFileSync(dump, vector.iptablesRestoreInput);

async function run(args: string[]): Promise<string> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c) => {
    chunks.push(String(c));
    return true;
  });
  try {
    expect(await traceCommand.run(args)).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

afterEach(() => vi.restoreAllMocks());

describe('podlab trace --iptables-save', () => {
  it.each([
    ['pod → ClusterIP with two endpoints', ['--src', '10.0.0.2', '--dst', '172.30.0.44:80'], [['ACCEPT', '10.180.0.4:80', false], ['ACCEPT', '10.180.0.5:80', false]]],
    ['node → external IP (OUTPUT, masquerade)', ['--src', '192.168.0.2', '--dst', '192.168.99.22:80', '--local-ips', '192.168.0.2'], [['ACCEPT', '10.180.0.2:80', true]]],
    ['external → eTP:Local with no local endpoint', ['--src', '203.0.113.2', '--dst', '192.168.99.22:80'], [['DROP', null, false]]],
    ['no endpoints → REJECT', ['--src', '10.0.0.2', '--dst', '172.30.0.46:80'], [['REJECT', null, false]]],
  ])('%s', async (_n, args, want) => {
    const out = JSON.parse(await run(['--iptables-save', dump, ...args, '--all-paths', '-o', 'json']));
    expect(out.paths.map((p: { verdict: string; dnat: string | null; masquerade: boolean }) => [p.verdict, p.dnat, p.masquerade])).toEqual(want);
    for (const p of out.paths) {
      expect(p.steps[0]).toMatchObject({ kind: 'start' });
      expect(Object.keys(p.steps[1])).toEqual(expect.arrayContaining(['node', 'hook', 'table', 'chain', 'rule', 'matched', 'target', 'packet']));
      expect(p.probability).toBeGreaterThan(0);
    }
  });

  it('text output reads like -j TRACE', async () => {
    const text = await run(['--iptables-save', dump, '--src', '10.0.0.2', '--dst', '172.30.0.41:80', '--seed', '3']);
    expect(text).toMatch(/^seed 3 /);
    expect(text).toContain('TRACE: nat:KUBE-SERVICES:rule:1 SRC=10.0.0.2 DST=172.30.0.41 PROTO=TCP SPT=40000 DPT=80 -> KUBE-SVC-XPGD46QRK7WJZT7O');
  });
});

describe('podlab trace with ipvs dumps', () => {
  const ipvsadm = join(dir, 'ipvsadm.txt');
  const ipsets = join(dir, 'ipset.txt');
  const ipt = join(dir, 'ipvs-iptables.txt');
  writeFileSync(ipvsadm, `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
TCP  10.96.0.2:80 rr
  -> 10.244.0.4:80                Masq    1      0          0
  -> 10.244.1.3:80                Masq    1      0          0
`);
  writeFileSync(ipsets, 'Name: KUBE-CLUSTER-IP\nType: hash:ip,port\nRevision: 7\nMembers:\n10.96.0.2,tcp:80\n');
  writeFileSync(ipt, `*nat
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-SERVICES ! -s 10.244.0.0/16 -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0
-A KUBE-POSTROUTING -j MASQUERADE --random-fully
COMMIT
`);
  it('node → ClusterIP: ipset marks it, IPVS at LOCAL_OUT picks a real server, POSTROUTING masquerades', async () => {
    const out = JSON.parse(await run(['--iptables-save', ipt, '--ipvsadm', ipvsadm, '--ipset-list', ipsets, '--src', '192.168.49.2', '--local-ips', '192.168.49.2', '--dst', '10.96.0.2:80', '--all-paths', '--conntrack', '-o', 'json']));
    expect(out.paths.map((p: { dnat: string; masquerade: boolean; probability: number }) => [p.dnat, p.masquerade, p.probability]).sort()).toEqual([['10.244.0.4:80', true, 0.5], ['10.244.1.3:80', true, 0.5]]);
    expect(out.paths[0].steps.find((s: { kind: string; target: string }) => s.kind === 'ipvs' && s.target === 'DNAT').hook).toBe('OUTPUT');
    expect(out.paths[0].conntrack.node[0]).toMatch(/^tcp 6 120 SYN_SENT src=192\.168\.49\.2 dst=10\.96\.0\.2 sport=40000 dport=80 \[UNREPLIED\] src=10\.244\.\d\.\d dst=192\.168\.49\.2 sport=80 dport=40000 mark=0 use=1$/);
  });
});

describe('podlab trace -f (lab cluster)', () => {
  it('node → svc/NS/NAME:PORTNAME, all paths, with the reply un-DNATed to the VIP', async () => {
    const pods = JSON.parse(await run(['-f', manifests, '--from', 'node/node-1', '--to', 'svc/default/web:http', '--all-paths', '--reply', '-o', 'json']));
    expect(pods.paths).toHaveLength(2);
    for (const p of pods.paths) {
      expect(p.verdict).toBe('DELIVERED');
      expect(p.dnat).toMatch(/^10\.244\.\d+\.\d+:8080$/);
      expect(p.reply.verdict).toBe('DELIVERED');
      expect(p.reply.finalPacket.src).toBe(p.steps[0].packet.dst);
    }
  });

  it('DNS-style NAME:PORT in the source namespace and an external IP source', async () => {
    const out = JSON.parse(await run(['-f', manifests, '--from', '203.0.113.7', '--to', 'web.default.svc.cluster.local:80', '--seed', '5', '-o', 'json']));
    expect(out.seed).toBe(5);
    expect(out.paths).toHaveLength(1);
    expect(out.paths[0].steps[0].note).toContain('arrives on eth0');
  });
});

describe('podlab trace errors', () => {
  it.each([
    [['--iptables-save', join(dir, 'missing'), '--src', '1.1.1.1', '--dst', '2.2.2.2:1'], /cannot read/],
    [['--iptables-save', dump, '--src', '1.1.1.1', '--dst', '2.2.2.2'], /needs a port/],
    [['--iptables-save', dump, '--src', 'nope', '--dst', '2.2.2.2:1'], /--src "nope"/],
    [['--iptables-save', dump, '--src', '1.1.1.1', '--dst', '2.2.2.2:1', '--seed', '1', '--all-paths'], /exclude each other/],
    [['-f', manifests, '--from', 'pod/default/ghost', '--to', '10.96.0.1:443'], /no running Pod/],
    [['-f', manifests, '--from', 'node/node-1', '--to', 'svc/default/web:https'], /no port named "https"/],
    [['-f', manifests, '--from', 'node/node-1', '--to', '10.96.0.1:443', '--proto', 'gre'], /--proto must be/],
    [[], /give -f/],
  ])('%j → one-line CliError', async (args, msg) => {
    const write = vi.spyOn(process.stdout, 'write');
    await expect(traceCommand.run(args)).rejects.toSatisfy((e: unknown) => e instanceof CliError && msg.test(e.message) && !e.message.includes('\n') && e.exitCode === 2);
    expect(write).not.toHaveBeenCalled();
  });

  it('fuzz: parseAddrPort returns a canonical address or throws a CliError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.ipV4().map((a) => `${a}:${80}`), fc.ipV6().map((a) => `[${a}]:443`), fc.ipV4()), (s) => {
        try {
          const r = parseAddrPort(s, '--dst');
          expect(r.addr.length).toBeGreaterThan(0);
          if (r.port !== null) expect(r.port).toBeGreaterThanOrEqual(1);
        } catch (e) {
          expect(e).toBeInstanceOf(CliError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
