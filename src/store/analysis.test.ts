import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../engine/cluster/objects.ts';
import { foldAnalysis, initialAnalysis, type AnalysisState } from './analysis.ts';

const pod = (name: string) => ({ key: `Pod/default/${name}`, object: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' } } });
const good = (name: string): ClusterSnapshot => ({ objects: [pod(name)], diagnostics: [] });
const bad = (line: number): ClusterSnapshot => ({
  objects: [], diagnostics: [{ severity: 'warning', message: 'w' }, { severity: 'error', message: 'bad indentation', pos: { file: 'lab.yaml', line, col: 3 } }],
});

describe('foldAnalysis', () => {
  it('takes a good snapshot', () => {
    const s = foldAnalysis(initialAnalysis, 1, { ok: true, snapshot: good('a') });
    expect(s).toMatchObject({ stale: false, staleLine: null, appliedSeq: 1 });
    expect(s.snapshot?.objects[0]?.key).toBe('Pod/default/a');
  });

  it('keeps the last good snapshot on errors and names the first error line', () => {
    const s1 = foldAnalysis(initialAnalysis, 1, { ok: true, snapshot: good('a') });
    const s2 = foldAnalysis(s1, 2, { ok: true, snapshot: bad(7) });
    expect(s2.snapshot).toBe(s1.snapshot);
    expect(s2).toMatchObject({ stale: true, staleLine: 7, appliedSeq: 2 });
    expect(s2.diagnostics).toHaveLength(2);
    const s3 = foldAnalysis(s2, 3, { ok: true, snapshot: good('b') });
    expect(s3).toMatchObject({ stale: false, staleLine: null });
    expect(s3.snapshot?.objects[0]?.key).toBe('Pod/default/b');
  });

  it('shows an erroneous first snapshot rather than nothing', () => {
    const s = foldAnalysis(initialAnalysis, 1, { ok: true, snapshot: bad(2) });
    expect(s.snapshot).not.toBeNull();
    expect(s).toMatchObject({ stale: false, staleLine: 2 });
  });

  it('drops answers older than one applied (out-of-order worker replies)', () => {
    const s2 = foldAnalysis(initialAnalysis, 2, { ok: true, snapshot: good('new') });
    const s1 = foldAnalysis(s2, 1, { ok: true, snapshot: good('old') });
    expect(s1).toBe(s2);
    expect(s1.snapshot?.objects[0]?.key).toBe('Pod/default/new');
  });

  it('an engine failure marks the diagram stale and records the error', () => {
    const s1: AnalysisState = foldAnalysis(initialAnalysis, 1, { ok: true, snapshot: good('a') });
    const s2 = foldAnalysis(s1, 2, { ok: false, error: 'engine: boom' });
    expect(s2).toMatchObject({ stale: true, engineError: 'engine: boom' });
    expect(s2.snapshot).toBe(s1.snapshot);
  });
});
