import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonWithPositions } from './parseJsonPositions.ts';
import { parseManifests } from './parseManifests.ts';

/** Field start positions the YAML parser path records for the same text. */
function yamlStarts(text: string): Record<string, string> {
  const { objects } = parseManifests([{ name: 'f', text: ` ${text}`.replace(/^ /, '#\n') }]);
  const out: Record<string, string> = {};
  for (const [k, v] of objects[0]?.source.fields ?? []) out[k] = `${v.line - 1}:${v.col}`;
  return out;
}

describe('parseJsonWithPositions', () => {
  it('builds the same value as JSON.parse', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.constantFrom(undefined, 1, 2, 4), (v, indent) => {
      const text = JSON.stringify(v, null, indent);
      expect(parseJsonWithPositions(text, 'f')?.value).toEqual(JSON.parse(text));
    }), { numRuns: 500 });
  });

  it('records the same field positions as the YAML parser path', () => {
    const obj = fc.dictionary(fc.constantFrom('a', 'b.c', 'd/e', 'f'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 });
    fc.assert(fc.property(obj, fc.constantFrom(undefined, 2), (o, indent) => {
      const doc = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: o };
      const text = JSON.stringify(doc, null, indent);
      const fast = parseJsonWithPositions(text, 'f')!;
      const starts = Object.fromEntries([...fast.fields].map(([k, p]) => [k, `${p.line}:${p.col}`]));
      expect(starts).toEqual(yamlStarts(text));
    }), { numRuns: 200 });
  });

  it('keeps "__proto__" as an own key, like JSON.parse', () => {
    const text = '{"__proto__": {"a": 1}, "b": [1, 2.5e3, -0, "x\\u00e9"]}';
    expect(parseJsonWithPositions(text, 'f')?.value).toEqual(JSON.parse(text));
  });

  it.each(['', '{', '{"a":1,}', '[1 2]', '{"a":1}x', '{"a":1,"a":2}', '"\\u12"', '01', '{a:1}'])('returns null for %j (the YAML parser reports it)', (text) => {
    expect(parseJsonWithPositions(text, 'f')).toBeNull();
  });

  it('a JSON List takes the fast path with per-item positions', () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { ports: [{ port: 80 }] } }] }, null, 2);
    const { objects, diagnostics } = parseManifests([{ name: 'l.json', text }]);
    expect(diagnostics).toEqual([]);
    expect(objects[0]!.source.fields!.get('spec.ports[0].port')).toMatchObject({ file: 'l.json', line: 14, col: 21 });
  });
});
