// A diagnostic names the file, line, column and field path (DESIGN.md habit 5). Lines and
// columns are 1-based, as editors and compilers print them.

export type Severity = 'error' | 'warning' | 'info';

export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly endLine?: number;
  readonly endCol?: number;
}

export interface Diagnostic {
  readonly severity: Severity;
  readonly message: string;
  /** JSON-path-like field path, e.g. `spec.ports[0].nodePort`. */
  readonly path?: string;
  readonly pos?: SourcePos;
  /** The object it belongs to, e.g. `Service default/web`. */
  readonly object?: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.pos ? `${d.pos.file}:${d.pos.line}:${d.pos.col}: ` : '';
  const field = d.path ? ` (${d.path})` : '';
  const obj = d.object ? `${d.object}: ` : '';
  return `${where}${d.severity}: ${obj}${d.message}${field}`;
}
