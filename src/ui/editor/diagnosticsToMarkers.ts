// Engine diagnostics → Monaco markers (owner `podlab`), for the one file the editor shows. Pure:
// severities are passed in so tests need no Monaco.
import type { Diagnostic } from '../../engine/shared/diagnostics.ts';

export interface MarkerData {
  severity: number;
  message: string;
  source: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

export interface SeverityMap { error: number; warning: number; info: number }

export function diagnosticsToMarkers(diags: readonly Diagnostic[], file: string, sev: SeverityMap, lineCount: number): MarkerData[] {
  return diags.flatMap((d) => {
    if (!d.pos || d.pos.file !== file) return [];
    const line = Math.min(Math.max(1, d.pos.line), Math.max(1, lineCount));
    const col = Math.max(1, d.pos.col);
    const endLine = d.pos.endLine ?? line;
    // Without an end, mark to the end of the line: a one-character squiggle is easy to miss.
    const endCol = d.pos.endCol ?? (endLine === line ? Number.MAX_SAFE_INTEGER : 1);
    const where = [d.object, d.path].filter(Boolean).join(' ');
    return [{
      severity: sev[d.severity], message: where ? `${d.message} (${where})` : d.message, source: 'podlab',
      startLineNumber: line, startColumn: col, endLineNumber: endLine, endColumn: endCol,
    }];
  });
}
