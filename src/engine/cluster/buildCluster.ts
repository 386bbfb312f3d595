// Placeholder pipeline: parse only. The cluster issue replaces this with
// parse → validate → default/allocate → controllers.
import { LineCounter, parseAllDocuments } from 'yaml';
import type { Diagnostic } from '../shared/diagnostics.ts';
import { objectKey, type ClusterObject, type ClusterSnapshot, type KubeObject } from './objects.ts';

export interface ManifestFile {
  readonly name: string;
  readonly text: string;
}

export function buildCluster(files: readonly ManifestFile[]): ClusterSnapshot {
  const objects: ClusterObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of files) {
    const lc = new LineCounter();
    for (const doc of parseAllDocuments(f.text, { lineCounter: lc })) {
      if (!('errors' in doc)) continue;
      for (const e of doc.errors) {
        const p = lc.linePos(e.pos[0]);
        diagnostics.push({ severity: 'error', message: e.message, pos: { file: f.name, line: p.line, col: p.col } });
      }
      const o = doc.toJS() as KubeObject | null;
      if (!o || typeof o !== 'object' || !o.kind || !o.metadata) continue;
      const start = lc.linePos(doc.range[0]);
      objects.push({ key: objectKey(o), object: o, source: { pos: { file: f.name, line: start.line, col: start.col } } });
    }
  }
  return { objects, diagnostics };
}
