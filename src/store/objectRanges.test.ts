import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../engine/cluster/objects.ts';
import { objectAtLine, objectLineRanges } from './objectRanges.ts';

const text = [
  'apiVersion: v1', // 1
  'kind: Service', // 2
  'metadata: {name: web}', // 3
  '---', // 4
  'apiVersion: apps/v1', // 5
  'kind: Deployment', // 6
  'metadata: {name: web}', // 7
  '', // 8
].join('\n');

const snap: ClusterSnapshot = {
  diagnostics: [],
  objects: [
    { key: 'Service/default/web', object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }, source: { pos: { file: 'lab.yaml', line: 1, col: 1 } } },
    { key: 'Deployment/default/web', object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }, source: { pos: { file: 'lab.yaml', line: 5, col: 1 } } },
    { key: 'Pod/default/web-1', object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1' } }, source: { pos: { file: 'lab.yaml', line: 5, col: 1 } }, generatedBy: 'Deployment/default/web' },
    { key: 'Node/n1', object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } }, source: { pos: { file: 'other.yaml', line: 1, col: 1 } } },
  ],
};

describe('objectLineRanges', () => {
  const ranges = objectLineRanges(snap, text, 'lab.yaml');
  it.each([
    ['Service/default/web', 1, 3],
    ['Deployment/default/web', 5, 8],
    ['Pod/default/web-1', 5, 8],
  ])('%s spans lines %i–%i', (key, start, end) => {
    expect(ranges.get(key)).toEqual({ startLine: start, endLine: end });
  });
  it('ignores objects of other files', () => expect(ranges.has('Node/n1')).toBe(false));
  it.each([[2, 'Service/default/web'], [4, null], [6, 'Deployment/default/web']])('line %i → %s', (line, key) => {
    expect(objectAtLine(ranges, line, new Set(['Pod/default/web-1']))).toBe(key);
  });
  it('trims document separators off an engine-given range', () => {
    const s: ClusterSnapshot = { diagnostics: [], objects: [{ ...snap.objects[1]!, source: { pos: { file: 'lab.yaml', line: 4, col: 1, endLine: 8 } } }] };
    expect(objectLineRanges(s, text.replace(/\n$/, '\n---'), 'lab.yaml').get('Deployment/default/web')).toEqual({ startLine: 5, endLine: 7 });
  });
  it('prefers an explicit end line from the engine', () => {
    const s: ClusterSnapshot = { diagnostics: [], objects: [{ ...snap.objects[0]!, source: { pos: { file: 'lab.yaml', line: 1, col: 1, endLine: 2 } } }] };
    expect(objectLineRanges(s, text, 'lab.yaml').get('Service/default/web')).toEqual({ startLine: 1, endLine: 2 });
  });
});
