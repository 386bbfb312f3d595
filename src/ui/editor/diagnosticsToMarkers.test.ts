import { describe, expect, it } from 'vitest';
import { diagnosticsToMarkers } from './diagnosticsToMarkers.ts';

const sev = { error: 8, warning: 4, info: 2 };

describe('diagnosticsToMarkers', () => {
  it.each([
    ['error with field path and object', { severity: 'error', message: 'port out of range', path: 'spec.ports[0].port', object: 'Service default/web', pos: { file: 'lab.yaml', line: 9, col: 13 } },
      { severity: 8, message: 'port out of range (Service default/web spec.ports[0].port)', startLineNumber: 9, startColumn: 13, endLineNumber: 9, endColumn: Number.MAX_SAFE_INTEGER }],
    ['warning with an explicit end', { severity: 'warning', message: 'w', pos: { file: 'lab.yaml', line: 2, col: 1, endLine: 3, endCol: 4 } },
      { severity: 4, message: 'w', startLineNumber: 2, startColumn: 1, endLineNumber: 3, endColumn: 4 }],
    ['line past the end is clamped', { severity: 'info', message: 'i', pos: { file: 'lab.yaml', line: 99, col: 0 } },
      { severity: 2, startLineNumber: 10, startColumn: 1 }],
  ] as const)('%s', (_n, d, want) => {
    const [m] = diagnosticsToMarkers([d], 'lab.yaml', sev, 10);
    expect(m).toMatchObject({ source: 'podlab', ...want });
  });
  it('skips diagnostics without a position or of another file', () => {
    expect(diagnosticsToMarkers([{ severity: 'error', message: 'x' }, { severity: 'error', message: 'y', pos: { file: 'b.yaml', line: 1, col: 1 } }], 'lab.yaml', sev, 5)).toEqual([]);
  });
});
