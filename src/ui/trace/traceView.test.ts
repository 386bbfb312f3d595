// The Trace tab's model end to end: the worker's trace request over a real scenario, through the
// protocol boundary (in-process client), mapped to rows, packet diffs and the compare view.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInProcessClient } from '../../worker/createInProcessClient.ts';
import { checkTraceQuery, type TraceOutcome, type TraceQuery } from '../../worker/handlers/trace.ts';
import { compareReasons, compareRuns } from './compareRuns.ts';
import { packetDiff } from './packetDiff.ts';
import { traceRows, type StepRow } from './traceRows.ts';
import { defaultTraceEnds, traceDestinations, traceSources } from './traceTargets.ts';
import { buildCluster } from '../../engine/cluster/index.ts';

const WEB = readFileSync(path.resolve(process.cwd(), 'public/scenarios/web-clusterip-nodeport.yaml'), 'utf8');
const IPVS_CONFIG = '\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n';

async function trace(text: string, q: Partial<TraceQuery>): Promise<TraceOutcome> {
  const client = createInProcessClient();
  const res = await client.request('trace', {
    files: [{ name: 'lab.yaml', text }],
    query: { from: 'pod/default/client', to: 'svc/default/web:80', proto: 'tcp', seed: 1, compare: false, ...q },
  });
  if (!res.ok) throw new Error(res.error);
  return res.outcome;
}

function rowsOf(o: TraceOutcome, run = 0): StepRow[] {
  const r = o.runs[run]!;
  return traceRows(r.paths[0]!, r.replies[0] ?? null, r.packet, r.srcPod);
}

/** Index of the first row after `from` matching `pred`, or -1. */
function after(rows: readonly StepRow[], from: number, pred: (r: StepRow) => boolean): number {
  for (let i = from + 1; i < rows.length; i++) if (pred(rows[i]!)) return i;
  return -1;
}

describe('Trace tab model', () => {
  it('iptables: PREROUTING → KUBE-SERVICES → KUBE-SVC → KUBE-SEP DNAT → routing → FORWARD → POSTROUTING → other node → Pod, reply un-NATed', async () => {
    const o = await trace(WEB, {});
    expect(o.error, JSON.stringify(o.error)).toBeNull();
    expect(o.runs[0]!.mode).toBe('iptables');
    const rows = rowsOf(o);
    const want: [string, (r: StepRow) => boolean][] = [
      ['PREROUTING', (r) => r.step.kind === 'hook' && r.hook === 'PREROUTING'],
      ['KUBE-SERVICES', (r) => r.step.chain === 'KUBE-SERVICES' && r.step.matched === true],
      ['KUBE-SVC', (r) => (r.step.chain ?? '').startsWith('KUBE-SVC-') && r.step.matched === true],
      ['KUBE-SEP DNAT', (r) => (r.step.chain ?? '').startsWith('KUBE-SEP-') && r.step.target === 'DNAT'],
      ['routing', (r) => r.hook === 'ROUTING'],
      ['FORWARD', (r) => r.step.kind === 'hook' && r.hook === 'FORWARD'],
      ['POSTROUTING', (r) => r.step.kind === 'hook' && r.hook === 'POSTROUTING'],
      ['other node', (r) => r.node !== rows[0]!.node],
      ['Pod', (r) => r.step.kind === 'verdict' && r.step.target === 'DELIVERED' && r.pod !== null],
    ];
    let at = -1;
    for (const [name, pred] of want) {
      at = after(rows, at, pred);
      expect(at, `${name} after step ${at}\n${rows.map((r) => `${r.node} ${r.hook} ${r.step.kind} ${r.step.chain} ${r.step.target}`).join('\n')}`).toBeGreaterThan(-1);
    }
    expect(rows[0]!.pod).toBe('default/client');
    const reply = rows.filter((r) => r.dir === 'reply');
    const last = reply[reply.length - 1]!;
    // conntrack restores the ClusterIP as the reply's source (nf_nat un-DNAT), delivered to the client
    expect(last.after.src).toBe(o.runs[0]!.packet.dst);
    expect(last.pod).toBe('default/client');
    const dnat = rows.find((r) => r.step.kind === 'nat' && r.step.packetBefore)!;
    const changed = packetDiff(dnat.before, dnat.after, null, null).filter((d) => d.changed).map((d) => d.field);
    expect(changed).toContain('dst');
  });

  it('ipvs: no DNAT in PREROUTING; IPVS rewrites at LOCAL_IN, then LOCAL_OUT → POSTROUTING', async () => {
    const o = await trace(WEB + IPVS_CONFIG, {});
    expect(o.error).toBeNull();
    expect(o.runs[0]!.mode).toBe('ipvs');
    const rows = rowsOf(o).filter((r) => r.dir === 'request');
    expect(rows.some((r) => r.hook === 'PREROUTING' && r.step.target === 'DNAT')).toBe(false);
    const ipvs = rows.findIndex((r) => r.hook === 'LOCAL_IN');
    expect(ipvs).toBeGreaterThan(-1);
    expect(rows[ipvs]!.before.dst).not.toBe(rows[ipvs]!.after.dst);
    expect(after(rows, ipvs, (r) => r.step.kind === 'hook' && r.hook === 'OUTPUT')).toBeGreaterThan(ipvs);
    expect(after(rows, ipvs, (r) => r.step.kind === 'hook' && r.hook === 'POSTROUTING')).toBeGreaterThan(ipvs);
  });

  it('compare: both modes whatever the configured one, aligned by hook, DNAT places and reasons differ', async () => {
    for (const text of [WEB, WEB + IPVS_CONFIG]) {
      const o = await trace(text, { compare: true });
      expect(o.runs.map((r) => r.mode)).toEqual(['iptables', 'ipvs']);
      const c = compareRuns(o.runs)!;
      expect(c.iptables.dnatAt).toMatch(/PREROUTING/);
      expect(c.ipvs.dnatAt).toMatch(/LOCAL_IN/);
      expect(c.rows.some((r) => r.iptables && !r.ipvs && r.iptables.hook === 'FORWARD')).toBe(true);
      expect(c.rows.some((r) => r.ipvs && !r.iptables && r.ipvs.hook === 'LOCAL_IN')).toBe(true);
      const keys = compareReasons(c, 'tcp').map((r) => r.key);
      expect(keys).toEqual(expect.arrayContaining(['compare.why.iptablesPrerouting', 'compare.why.ipvsLocal', 'compare.why.rules']));
    }
  });

  it('icmp to a ClusterIP: different outcomes in the two modes', async () => {
    const o = await trace(WEB, { compare: true, proto: 'icmp' });
    const c = compareRuns(o.runs)!;
    expect(c.iptables.verdict).not.toBe(c.ipvs.verdict);
    expect(c.ipvs.verdict).toBe('REJECT');
    expect(compareReasons(c, 'icmp').map((r) => r.key)).toContain('compare.why.icmpIpvs');
  });

  it('a Service without endpoints is REJECTed', async () => {
    const extra = '\n---\napiVersion: v1\nkind: Service\nmetadata: {name: empty, namespace: default}\nspec: {selector: {app: none}, ports: [{port: 8080}]}\n';
    const o = await trace(WEB + extra, { to: 'svc/default/empty:8080' });
    expect(o.runs[0]!.paths[0]!.verdict).toBe('REJECT');
  });

  it('all paths: one path per endpoint, probabilities summing to 1', async () => {
    const o = await trace(WEB, { seed: null });
    const ps = o.runs[0]!.paths;
    expect(ps.length).toBe(3);
    expect(ps.reduce((a, p) => a + p.probability, 0)).toBeCloseTo(1, 6);
    expect(new Set(ps.map((p) => p.dnat)).size).toBe(3);
  });

  it('a bad source is an error in the outcome, not an exception', async () => {
    const o = await trace(WEB, { from: 'pod/default/nope' });
    expect(o.runs).toEqual([]);
    expect(o.error).toMatch(/no running Pod/);
  });

  it('pickers list Pods, Nodes, Services, ClusterIPs, NodePorts and Pod IPs; the default is client → web', () => {
    const snap = buildCluster([{ name: 'lab.yaml', text: WEB }]);
    const src = traceSources(snap);
    const dst = traceDestinations(snap);
    expect(src.some((o) => o.value === 'pod/default/client')).toBe(true);
    expect(src.some((o) => o.group === 'node')).toBe(true);
    for (const g of ['service', 'clusterIP', 'nodePort', 'podIP'] as const) expect(dst.some((o) => o.group === g), g).toBe(true);
    expect(defaultTraceEnds(snap)).toEqual({ from: 'pod/default/client', to: 'svc/default/web:80' });
  });
});

describe('trace request validation', () => {
  it('rejects bad queries at the boundary with the field named', async () => {
    const client = createInProcessClient();
    await expect(client.request('trace', { files: [], query: { from: '', to: 'x', proto: 'tcp', seed: 1, compare: false } })).rejects.toThrow(/query.from/);
    expect(checkTraceQuery({ from: 'a', to: 'b', proto: 'sctp', seed: 1, compare: false })).toMatch(/query.proto/);
    expect(checkTraceQuery({ from: 'a', to: 'b', proto: 'tcp', seed: -1, compare: false })).toMatch(/query.seed/);
    expect(checkTraceQuery({ from: 'a', to: 'b', proto: 'tcp', seed: null, compare: false })).toBeUndefined();
  });

  it('fuzz: any query is either accepted or named, and an accepted one traces without throwing', async () => {
    const snapText = WEB;
    await fc.assert(fc.asyncProperty(
      fc.record({ from: fc.oneof(fc.string(), fc.constantFrom('pod/default/client', 'node/node-1', '203.0.113.10')), to: fc.oneof(fc.string(), fc.constantFrom('svc/default/web:80', '10.96.0.1:443', '1.2.3.4')), proto: fc.constantFrom('tcp', 'udp', 'icmp', 'x'), seed: fc.oneof(fc.constant(null), fc.integer({ min: -2, max: 5 })), compare: fc.boolean() }),
      async (q) => {
        const err = checkTraceQuery(q);
        if (err) { expect(err).toMatch(/^field query\./); return; }
        const o = await trace(snapText, q as TraceQuery);
        expect(o.error === null ? o.runs.length > 0 : o.error.length > 0).toBe(true);
      },
    ), { numRuns: 60 });
  });
});
