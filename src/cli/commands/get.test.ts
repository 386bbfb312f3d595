// podlab get, in-process: kubectl's columns for services and endpointslices over a scenario,
// -n/-A, names, -o json, and bad input as one CliError (exit 2, nothing on stdout).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CliError } from '../io.ts';
import { getCommand } from './get.ts';

const scenario = resolve(process.cwd(), 'public/scenarios/web-clusterip-nodeport.yaml');

async function run(...argv: string[]): Promise<{ stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  await getCommand.run(argv);
  return { stdout: out.join(''), stderr: err.join('') };
}

afterEach(() => vi.restoreAllMocks());

describe('podlab get', () => {
  it('services in the default namespace, as kubectl prints them', async () => {
    const { stdout } = await run('services', '-f', scenario, '--at', '5m');
    expect(stdout).toBe(
      'NAME           TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE\n' +
      'kubernetes     ClusterIP   10.96.0.1    <none>        443/TCP        5m\n' +
      'web            ClusterIP   10.96.0.2    <none>        80/TCP         5m\n' +
      'web-nodeport   NodePort    10.96.0.3    <none>        80:30080/TCP   5m\n',
    );
  });

  it('-A adds NAMESPACE; -o wide adds SELECTOR', async () => {
    const { stdout } = await run('svc', '-A', '-o', 'wide', '-f', scenario);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE\s+NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+SELECTOR$/);
    expect(lines.find((l) => l.includes('kube-dns'))).toMatch(/^kube-system\s+kube-dns\s+ClusterIP\s+10\.96\.0\.10\s+<none>\s+53\/UDP,53\/TCP,9153\/TCP\s+5m\s+k8s-app=kube-dns$/);
  });

  it('endpointslices', async () => {
    const { stdout } = await run('endpointslices', '-f', scenario);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE$/);
    expect(lines[1]).toMatch(/^kubernetes\s+IPv4\s+6443\s+192\.168\.49\.2\s+5m$/);
    expect(lines.filter((l) => /^web-[a-z0-9]{5}\s+IPv4\s+80\s+(10\.244\.\d\.\d,?){3}\s+5m$/.test(l))).toHaveLength(1);
  });

  it('names select objects; -o json prints a List', async () => {
    const { stdout } = await run('svc', 'web', '-o', 'json', '-f', scenario);
    const list = JSON.parse(stdout);
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List', items: [{ kind: 'Service', metadata: { name: 'web' } }] });
    expect(stdout).toContain('\n    "apiVersion"');
  });

  it('an empty namespace says so on stderr', async () => {
    const { stdout, stderr } = await run('svc', '-n', 'nothing-here', '-f', scenario);
    expect(stdout).toBe('');
    expect(stderr).toBe('No resources found in nothing-here namespace.\n');
  });

  it.each([
    [['svc', '-f', '/nonexistent.yaml'], 'cannot read'],
    [['widgets', '-f', scenario], 'resource type "widgets"'],
    [['svc', '-o', 'table', '-f', scenario], '-o must be one of'],
    [['svc', 'nope', '-f', scenario], 'services "nope" not found'],
    [['svc', '--at', 'soon', '-f', scenario], 'invalid duration'],
  ])('%j → CliError', async (argv, fragment) => {
    await expect(run(...argv)).rejects.toSatisfy((e: unknown) => e instanceof CliError && e.exitCode === 2 && e.message.includes(fragment));
  });

  it('error diagnostics fail with file:line:col', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podlab-get-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 70000\n');
    await expect(run('svc', '-f', bad)).rejects.toThrow(`${bad}:7:11: error: Service web: Invalid value: 70000: must be between 1 and 65535, inclusive (spec.ports[0].port)`);
  });
});
