// Pipeline step 1: manifest text → objects with source positions (DESIGN.md habit 5).
// Reads multi-document YAML, JSON, and `kind: List` (what `kubectl get -o yaml` prints). Every
// object keeps where it was written, and every field path (`spec.ports[0].nodePort`) its position,
// so later diagnostics and the UI can point at the line. A broken document never stops the others.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';
import type { Diagnostic, SourcePos } from '../shared/diagnostics.ts';
import { duplicateKeyErrors, mergeErrors } from './duplicateKeys.ts';
import { childPath } from './fieldPath.ts';
import { parseJsonWithPositions } from './parseJsonPositions.ts';
import type { KubeObject, SourceRef } from './objects.ts';

export interface ManifestFile {
  readonly name: string;
  readonly text: string;
}

export interface ParsedObject {
  readonly object: KubeObject;
  readonly source: SourceRef;
}

export interface ParsedManifests {
  readonly objects: ParsedObject[];
  readonly diagnostics: Diagnostic[];
}

type Range = readonly [number, number, number] | undefined;

function posOf(file: string, lc: LineCounter, range: Range): SourcePos {
  if (!range) return { file, line: 1, col: 1 };
  const a = lc.linePos(range[0]);
  const b = lc.linePos(range[1]);
  return { file, line: a.line, col: a.col, endLine: b.line, endCol: b.col };
}

/** Records the position of every field below `node`, keyed by its path relative to `base`. */
function collectFields(node: unknown, base: string, file: string, lc: LineCounter, out: Map<string, SourcePos>): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode) : '';
      const path = childPath(base, key);
      const valueNode = pair.value as YamlNode | null;
      // Point at the value when there is one (that is what a validation error is about), else at the key.
      const range = (valueNode && valueNode.range) || (keyNode && keyNode.range) || undefined;
      out.set(path, posOf(file, lc, range));
      collectFields(valueNode, path, file, lc, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const path = childPath(base, i);
      const range = (item as YamlNode | null)?.range ?? undefined;
      if (range) out.set(path, posOf(file, lc, range));
      collectFields(item, path, file, lc, out);
    });
  }
}

/** Fields of every List item, re-keyed relative to the item, in one pass over the fields. */
function itemFields(all: ReadonlyMap<string, SourcePos>): Map<number, Map<string, SourcePos>> {
  const out = new Map<number, Map<string, SourcePos>>();
  for (const [k, v] of all) {
    const m = /^items\[(\d+)\]/.exec(k);
    if (!m) continue;
    const rest = k.slice(m[0].length);
    if (rest === '') continue;
    const idx = Number(m[1]);
    let f = out.get(idx);
    if (!f) out.set(idx, (f = new Map()));
    f.set(rest.startsWith('.') ? rest.slice(1) : rest, v);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Checks the envelope every object needs before any kind-specific code may trust it: apiVersion
 * and kind strings, a metadata map. Returns the error message, or null when the shape is right.
 */
function envelopeError(v: Record<string, unknown>): { path: string; message: string } | null {
  if (typeof v.kind !== 'string' || v.kind === '') return { path: 'kind', message: 'Required value: kind must be set' };
  if (typeof v.apiVersion !== 'string' || v.apiVersion === '') return { path: 'apiVersion', message: 'Required value: apiVersion must be set' };
  if (v.metadata !== undefined && !isObject(v.metadata)) return { path: 'metadata', message: 'Invalid value: metadata must be an object' };
  return null;
}

/** Config kinds carry no metadata; everything else gets an (empty) metadata map so readers can rely on it. */
function normalize(v: Record<string, unknown>): KubeObject {
  const metadata = isObject(v.metadata) ? v.metadata : {};
  return { ...v, metadata } as unknown as KubeObject;
}

/** Parses every file; never throws. Objects in a document with syntax errors are dropped, the rest load. */
export function parseManifests(files: readonly ManifestFile[]): ParsedManifests {
  const objects: ParsedObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of files) parseFile(f, objects, diagnostics);
  return { objects, diagnostics };
}

function parseFile(f: ManifestFile, objects: ParsedObject[], diagnostics: Diagnostic[]): void {
  // JSON (a `kubectl get -o json` dump) takes the fast path; anything else, or broken JSON, the YAML parser.
  if (/^\s*[[{]/.test(f.text)) {
    const json = parseJsonWithPositions(f.text, f.name);
    if (json) {
      addDocument(json.value, json.fields, f.name, json.pos, objects, diagnostics);
      return;
    }
  }
  const lc = new LineCounter();
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(f.text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  } catch (e) {
    diagnostics.push({ severity: 'error', message: `cannot parse: ${(e as Error).message}`, pos: { file: f.name, line: 1, col: 1 } });
    return;
  }
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    if (!('errors' in doc)) continue; // an EmptyStream
    const docPos = posOf(f.name, lc, (doc.contents as YamlNode | null)?.range ?? doc.range);
    for (const w of doc.warnings) diagnostics.push({ severity: 'warning', message: w.message, pos: { file: f.name, ...lc.linePos(w.pos[0]) } });
    // yaml's own duplicate-key check is quadratic (see duplicateKeys.ts); same errors, one pass.
    const errors = mergeErrors(doc.errors, duplicateKeyErrors(doc.contents));
    if (errors.length > 0) {
      for (const e of errors) diagnostics.push({ severity: 'error', message: e.message, pos: { file: f.name, ...lc.linePos(e.pos[0]) } });
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      diagnostics.push({ severity: 'error', message: (e as Error).message, pos: docPos });
      continue;
    }
    if (value === null || value === undefined) continue; // an empty document, e.g. a trailing `---`
    const fields = new Map<string, SourcePos>();
    collectFields(doc.contents, '', f.name, lc, fields);
    addDocument(value, fields, f.name, docPos, objects, diagnostics);
  }
}

/** One document's value: a List of objects, or one object. */
function addDocument(value: unknown, fields: Map<string, SourcePos>, file: string, docPos: SourcePos, objects: ParsedObject[], diagnostics: Diagnostic[]): void {
  if (!isObject(value)) {
    diagnostics.push({ severity: 'error', message: 'a manifest document must be an object with apiVersion, kind and metadata', pos: docPos });
    return;
  }
  if (value.kind === 'List' || (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items))) {
    readList(value, fields, file, docPos, objects, diagnostics);
    return;
  }
  addObject(value, fields, docPos, '', objects, diagnostics);
}

function readList(value: Record<string, unknown>, fields: Map<string, SourcePos>, file: string, docPos: SourcePos, objects: ParsedObject[], diagnostics: Diagnostic[]): void {
  if (!Array.isArray(value.items)) {
    diagnostics.push({ severity: 'error', message: 'Required value: a List needs items', path: 'items', pos: fields.get('items') ?? docPos });
    return;
  }
  const perItem = itemFields(fields);
  value.items.forEach((item, i) => {
    const prefix = `items[${i}]`;
    const pos = fields.get(prefix) ?? docPos;
    if (!isObject(item)) {
      diagnostics.push({ severity: 'error', message: 'a List item must be an object', path: prefix, pos: { file, line: pos.line, col: pos.col } });
      return;
    }
    addObject(item, perItem.get(i) ?? new Map(), pos, prefix + '.', objects, diagnostics);
  });
}

function addObject(value: Record<string, unknown>, fields: Map<string, SourcePos>, pos: SourcePos, pathPrefix: string, objects: ParsedObject[], diagnostics: Diagnostic[]): void {
  const bad = envelopeError(value);
  if (bad) {
    diagnostics.push({ severity: 'error', message: bad.message, path: pathPrefix + bad.path, pos: fields.get(bad.path) ?? pos });
    return;
  }
  objects.push({ object: normalize(value), source: { pos, fields } });
}
