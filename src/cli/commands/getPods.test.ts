// podlab get pods / describe pod through the real CLI entry: output as kubectl prints it, and
// errors as one stderr line with exit code 2 and nothing on stdout.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'podlab-pods-'));
const file = join(dir, 'pods.yaml');
writeFileSync(
  file,
  `apiVersion: v1
kind: Pod
metadata:
  name: crash
  annotations:
    podlab.dev/behavior: '{"containers": {"app": {"exitAfter": "5s", "exitCode": 1}}}'
spec:
  containers:
  - name: app
    image: busybox:1.36
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - {name: app, image: nginx:1.27}
`,
);
const bin = resolve(process.cwd(), 'bin/podlab.mjs');
function podlab(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('podlab get pods / describe pod', () => {
  it('prints kubectl columns at --at', () => {
    const r = podlab('get', 'pods', '-f', file, '--at', '90s');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines[1]).toMatch(/^crash\s+0\/1\s+CrashLoopBackOff\s+3 \(36s ago\)\s+90s$/);
    expect(lines[2]).toMatch(/^web\s+1\/1\s+Running\s+0\s+90s$/);
  });

  it('-o yaml prints the kubelet status', () => {
    const r = podlab('get', 'pods', '-f', file, '--at', '5m', '-o', 'yaml');
    expect(r.code, r.stderr).toBe(0);
    const list = parse(r.stdout) as { items: { metadata: { name: string }; status: { phase: string; qosClass: string } }[] };
    expect(list.items.map((p) => [p.metadata.name, p.status.phase, p.status.qosClass])).toEqual([
      ['crash', 'Running', 'BestEffort'],
      ['web', 'Running', 'BestEffort'],
    ]);
  });

  it('describe shows events with counts', () => {
    const r = podlab('describe', 'pod', 'default/crash', '-f', file, '--at', '90s');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/State:\s+Waiting\n\s+Reason:\s+CrashLoopBackOff/);
    expect(r.stdout).toMatch(/Warning\s+BackOff\s+5s \(x7 over 75s\)\s+kubelet\s+Back-off restarting failed container app in pod crash_default\(/);
  });

  it.each([
    [['describe', 'pod', 'default/nope', '-f', file], /pods "nope" not found/],
    [['get', 'pods', '-f', file, '--at', 'soon'], /--at: invalid duration "soon"/],
    [['describe', 'pod', 'default/web', '-f', join(dir, 'missing.yaml')], /missing\.yaml: cannot read/],
  ])('%j exits 2 with one line on stderr', (args, message) => {
    const r = podlab(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
