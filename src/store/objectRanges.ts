// Which lines of the YAML wrote which object: for "click in the diagram → reveal in the editor" and
// "click in the editor → select the object". Scans for document separators only; YAML is parsed
// in the worker, never here.
import type { ClusterSnapshot } from '../engine/cluster/objects.ts';

export interface LineRange {
  readonly startLine: number;
  readonly endLine: number;
}

function separatorLines(text: string): number[] {
  const out: number[] = [];
  let line = 1;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      if (text.startsWith('---', start) && /^---\s*$/.test(text.slice(start, i))) out.push(line);
      line++;
      start = i + 1;
    }
  }
  return out;
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Key → line range for every object the user wrote in `file` (generated objects map to the owner's range). */
export function objectLineRanges(snapshot: ClusterSnapshot, text: string, file: string): Map<string, LineRange> {
  const starts = new Map<number, string[]>();
  for (const o of snapshot.objects) {
    const p = o.source?.pos;
    if (!p || p.file !== file) continue;
    const line = p.line;
    starts.set(line, [...(starts.get(line) ?? []), o.key]);
  }
  const separators = separatorLines(text);
  const isSeparator = new Set(separators);
  const boundaries = [...new Set([...starts.keys(), ...separators])].sort((a, b) => a - b);
  const last = lineCount(text);
  const ranges = new Map<string, LineRange>();
  for (const [line, keys] of starts) {
    const next = boundaries.find((b) => b > line);
    const r: LineRange = { startLine: line, endLine: Math.max(line, (next ?? last + 1) - 1) };
    for (const k of keys) ranges.set(k, r);
  }
  // The engine may give an explicit end line; prefer it to the scan.
  for (const o of snapshot.objects) {
    const p = o.source?.pos;
    if (p?.file === file && p.endLine) ranges.set(o.key, { startLine: p.line, endLine: p.endLine });
  }
  // A document's range may include its `---` lines; the object is what lies between them.
  for (const [k, r] of ranges) {
    let { startLine, endLine } = r;
    while (startLine < endLine && isSeparator.has(startLine)) startLine++;
    while (endLine > startLine && isSeparator.has(endLine)) endLine--;
    if (startLine !== r.startLine || endLine !== r.endLine) ranges.set(k, { startLine, endLine });
  }
  return ranges;
}

/** The user-written object whose lines contain `line`, if any (the innermost when ranges nest). */
export function objectAtLine(ranges: ReadonlyMap<string, LineRange>, line: number, generated: ReadonlySet<string> = new Set()): string | null {
  let best: [string, LineRange] | null = null;
  for (const [k, r] of ranges) {
    if (generated.has(k) || line < r.startLine || line > r.endLine) continue;
    if (!best || r.endLine - r.startLine < best[1].endLine - best[1].startLine) best = [k, r];
  }
  return best?.[0] ?? null;
}
