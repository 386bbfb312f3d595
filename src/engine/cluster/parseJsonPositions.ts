// A fast path for JSON manifests (what `kubectl get -o json` prints; big dumps are JSON): one
// pass that builds the value and records every field path's position, the same paths and
// positions parseManifests gets from the `yaml` parser for YAML, at a fraction of the cost.
// Returns null on anything that is not strict JSON; the caller then falls back to the YAML
// parser, which also produces the error messages.
import type { SourcePos } from '../shared/diagnostics.ts';
import { childPath } from './fieldPath.ts';

export interface JsonWithPositions {
  readonly value: unknown;
  /** Position of the top-level value. */
  readonly pos: SourcePos;
  readonly fields: Map<string, SourcePos>;
}

class Fail extends Error {}

export function parseJsonWithPositions(text: string, file: string): JsonWithPositions | null {
  // JSON has newlines only between tokens (never raw inside strings), so ws() can count lines.
  let line = 1;
  let lineStart = 0;
  const span = (a: number, aLine: number, aLineStart: number, b: number): SourcePos => ({ file, line: aLine, col: a - aLineStart + 1, endLine: line, endCol: b - lineStart + 1 });
  const fields = new Map<string, SourcePos>();
  let i = 0;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) { i++; line++; lineStart = i; }
      else if (c === 32 || c === 13 || c === 9) i++;
      else return;
    }
  };
  const str = (): string => {
    const start = i++;
    let escaped = false;
    for (;;) {
      if (i >= text.length) throw new Fail();
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c < 32) throw new Fail();
      if (c === 92) { escaped = true; i += 2; continue; }
      i++;
    }
    i++;
    const raw = text.slice(start, i);
    if (!escaped) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      throw new Fail();
    }
  };
  const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
  const value = (path: string): unknown => {
    ws();
    const start = i;
    const startLine = line;
    const startLineStart = lineStart;
    const c = text[i];
    let v: unknown;
    if (c === '{') {
      i++;
      const o: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          if (text[i] !== '"') throw new Fail();
          const key = str();
          ws();
          if (text[i++] !== ':') throw new Fail();
          // Duplicate keys are an error for the YAML parser too; let it report them.
          if (Object.prototype.hasOwnProperty.call(o, key)) throw new Fail();
          const v = value(childPath(path, key));
          // An own "__proto__" property, as JSON.parse makes it (plain assignment would set the prototype).
          if (key === '__proto__') Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true });
          else o[key] = v;
          ws();
          const d = text[i++];
          if (d === '}') break;
          if (d !== ',') throw new Fail();
        }
      }
      v = o;
    } else if (c === '[') {
      i++;
      const a: unknown[] = [];
      ws();
      if (text[i] === ']') i++;
      else {
        for (;;) {
          a.push(value(childPath(path, a.length)));
          ws();
          const d = text[i++];
          if (d === ']') break;
          if (d !== ',') throw new Fail();
        }
      }
      v = a;
    } else if (c === '"') v = str();
    else if (text.startsWith('true', i)) { v = true; i += 4; }
    else if (text.startsWith('false', i)) { v = false; i += 5; }
    else if (text.startsWith('null', i)) { v = null; i += 4; }
    else {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m || m[0].length === 0) throw new Fail();
      i += m[0].length;
      v = Number(m[0]);
    }
    if (path !== '') fields.set(path, span(start, startLine, startLineStart, i));
    return v;
  };
  try {
    ws();
    const start = i;
    const startLine = line;
    const startLineStart = lineStart;
    const v = value('');
    const pos = span(start, startLine, startLineStart, i);
    ws();
    if (i !== text.length) return null;
    return { value: v, pos, fields };
  } catch (e) {
    if (e instanceof Fail || e instanceof RangeError) return null;
    throw e;
  }
}
