// measureRestore counts `-A` and `:` lines as a line split would, on any text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureRestore } from './resync.ts';

function bySplit(text: string) {
  const lines = text.split('\n');
  return { rules: lines.filter((l) => l.startsWith('-A ')).length, chains: lines.filter((l) => l.startsWith(':')).length, bytes: text.length };
}

describe('measureRestore', () => {
  it('counts like splitting into lines, for any mix of lines and newlines', () => {
    const line = fc.oneof(fc.constantFrom('-A KUBE-SERVICES -j X', ':KUBE-SEP-A - [0:0]', '*nat', 'COMMIT', '', '-A', ':', '-X KUBE-SEP-B'), fc.string({ maxLength: 8 }));
    fc.assert(fc.property(fc.array(line, { maxLength: 30 }), fc.boolean(), (lines, trailing) => {
      const text = lines.join('\n') + (trailing ? '\n' : '');
      expect(measureRestore(text), JSON.stringify(text)).toEqual(bySplit(text));
    }), { numRuns: 1000 });
  });
});
