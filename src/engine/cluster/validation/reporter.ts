// Collects validation errors for one object, each pinned to the line of the field it is about
// (the nearest written parent when the field itself is absent, e.g. a Required value).
import type { Diagnostic, Severity, SourcePos } from '../../shared/diagnostics.ts';
import { parentPaths } from '../fieldPath.ts';
import type { KubeObject, SourceRef } from '../objects.ts';

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  readonly label: string;

  constructor(readonly object: KubeObject, readonly source: SourceRef | undefined) {
    const ns = object.metadata?.namespace;
    this.label = `${object.kind} ${ns ? ns + '/' : ''}${object.metadata?.name ?? '<unnamed>'}`;
  }

  posOf(path: string): SourcePos | undefined {
    const fields = this.source?.fields;
    if (fields) {
      const exact = fields.get(path);
      if (exact) return exact;
      for (const p of parentPaths(path)) {
        const pos = fields.get(p);
        if (pos) return pos;
      }
    }
    return this.source?.pos;
  }

  report(severity: Severity, path: string, message: string): void {
    this.diagnostics.push({ severity, message, path, pos: this.posOf(path), object: this.label });
  }

  /** field.Invalid: `Invalid value: <value>: <detail>`. */
  invalid(path: string, value: unknown, detail: string): void {
    this.report('error', path, `Invalid value: ${JSON.stringify(value)}: ${detail}`);
  }

  /** field.Required. */
  required(path: string, detail = ''): void {
    this.report('error', path, detail ? `Required value: ${detail}` : 'Required value');
  }

  /** field.NotSupported. */
  notSupported(path: string, value: unknown, supported: readonly string[]): void {
    this.report('error', path, `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`);
  }

  /** field.Forbidden. */
  forbidden(path: string, detail: string): void {
    this.report('error', path, `Forbidden: ${detail}`);
  }

  /** field.Duplicate. */
  duplicate(path: string, value: unknown): void {
    this.report('error', path, `Duplicate value: ${JSON.stringify(value)}`);
  }

  warn(path: string, message: string): void {
    this.report('warning', path, message);
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}
