import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseManifests } from './parseManifests.ts';

const svc = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
    nodePort: 30080
`;

describe('parseManifests', () => {
  it('records the position of every field path', () => {
    const { objects, diagnostics } = parseManifests([{ name: 'a.yaml', text: svc }]);
    expect(diagnostics).toEqual([]);
    const f = objects[0]!.source.fields!;
    expect(f.get('metadata.name')).toMatchObject({ file: 'a.yaml', line: 4, col: 9 });
    expect(f.get('spec.ports[0].nodePort')).toMatchObject({ line: 8, col: 15 });
    expect(f.get('spec.ports[0]')).toMatchObject({ line: 7, col: 5 });
    expect(objects[0]!.source.pos).toMatchObject({ line: 1, col: 1 });
  });

  it('keys with dots or slashes use brackets, as field.Path prints them', () => {
    const { objects } = parseManifests([{ name: 'l.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app.kubernetes.io/name: x\n' }]);
    expect(objects[0]!.source.fields!.get('metadata.labels[app.kubernetes.io/name]')).toMatchObject({ line: 6 });
  });

  it('reads multi-document YAML, skipping empty documents', () => {
    const { objects, diagnostics } = parseManifests([{ name: 'm.yaml', text: `---\n${svc}---\n---\n${svc.replace('web', 'api')}` }]);
    expect(diagnostics).toEqual([]);
    expect(objects.map((o) => o.object.metadata.name)).toEqual(['web', 'api']);
    expect(objects[1]!.source.pos.line).toBe(12);
  });

  it('reads kind: List with positions relative to each item', () => {
    const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: a
- apiVersion: v1
  kind: Pod
  metadata:
    name: b
metadata:
  resourceVersion: ""
`;
    const { objects, diagnostics } = parseManifests([{ name: 'list.yaml', text: list }]);
    expect(diagnostics).toEqual([]);
    expect(objects.map((o) => `${o.object.kind}/${o.object.metadata.name}`)).toEqual(['Service/a', 'Pod/b']);
    expect(objects[1]!.source.fields!.get('metadata.name')).toMatchObject({ line: 11, col: 11 });
    expect(objects[1]!.source.pos.line).toBe(8);
  });

  it('reads JSON (also a JSON List)', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'j' }, spec: { ports: [{ port: 80 }] } }] }, null, 2);
    const { objects, diagnostics } = parseManifests([{ name: 'x.json', text: json }]);
    expect(diagnostics).toEqual([]);
    expect(objects[0]!.object.metadata.name).toBe('j');
    expect(objects[0]!.source.fields!.get('spec.ports[0].port')?.line).toBeGreaterThan(1);
  });

  it('a syntax error is reported with its position and the other documents still load', () => {
    const text = `${svc}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n---\n${svc.replace('web', 'ok')}`;
    const { objects, diagnostics } = parseManifests([{ name: 'bad.yaml', text }]);
    expect(objects.map((o) => o.object.metadata.name)).toEqual(['web', 'ok']);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', pos: { file: 'bad.yaml' } });
    expect(diagnostics[0]!.pos!.line).toBeGreaterThanOrEqual(13);
  });

  it.each([
    ['not an object', '- a\n- b\n', 'must be an object'],
    ['no kind', 'apiVersion: v1\nmetadata: {name: x}\n', 'kind'],
    ['no apiVersion', 'kind: Pod\nmetadata: {name: x}\n', 'apiVersion'],
    ['duplicate keys', 'apiVersion: v1\nkind: Pod\nkind: Service\n', 'unique'],
  ])('%s → an error with a position', (_name, text, fragment) => {
    const { objects, diagnostics } = parseManifests([{ name: 'e.yaml', text }]);
    expect(objects).toEqual([]);
    expect(diagnostics.map((d) => d.message).join('\n')).toContain(fragment);
    for (const d of diagnostics) expect(d.pos?.line, JSON.stringify(d)).toBeGreaterThanOrEqual(1);
  });
});

describe('parseManifests fuzz', () => {
  const check = (text: string) => {
    const r = parseManifests([{ name: 'f.yaml', text }]);
    expect(Array.isArray(r.objects)).toBe(true);
    for (const d of r.diagnostics) {
      if (d.severity === 'error') expect(d.pos, JSON.stringify(d)).toBeDefined();
    }
    for (const o of r.objects) expect(typeof o.object.kind).toBe('string');
  };

  it('never throws on arbitrary text; every error has a position', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 300 });
  });

  it('never throws on YAML-ish text built from manifest fragments', () => {
    const frag = fc.constantFrom('apiVersion: v1\n', 'kind: Service\n', 'kind: List\n', 'items:\n', '- ', 'metadata:\n', '  name: x\n', '---\n', '{', '}', '[', ']', ': ', '"', "'", '&a ', '*a ', '!!str ', '\t', '  ', '\n', '#c\n', 'spec:\n  ports:\n  - port: 80\n');
    fc.assert(fc.property(fc.array(frag, { maxLength: 40 }).map((a) => a.join('')), check), { numRuns: 300 });
  });

  it('never throws on arbitrary objects serialized as YAML or JSON', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (v, asJson) => {
      const obj = typeof v === 'object' && v !== null && !Array.isArray(v) ? { apiVersion: 'v1', kind: 'Pod', ...v } : v;
      check(asJson ? JSON.stringify(obj) : JSON.stringify(obj, null, 1));
    }), { numRuns: 200 });
  });
});
