// expansion.go semantics, table-driven (cases after third_party/forked/golang/expansion/expand_test.go).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expand, mappingFuncFor } from './expand.ts';

const vars = new Map([
  ['VAR_A', 'A'],
  ['VAR_B', 'B'],
  ['VAR_C', 'C'],
  ['VAR_REF', '$(VAR_A)'],
  ['VAR_EMPTY', ''],
]);
const mapping = mappingFuncFor(vars);

const CASES: [string, string][] = [
  ['$(VAR_A)', 'A'],
  ['___$(VAR_B)___', '___B___'],
  ['$(VAR_A)-$(VAR_A)', 'A-A'],
  ['$(VAR_REF)', '$(VAR_A)'], // no recursion
  ['foo-$(VAR_EMPTY)', 'foo-'],
  ['$(UNKNOWN)', '$(UNKNOWN)'],
  ['$$(VAR_A)', '$(VAR_A)'], // escaped operator
  ['$$$(VAR_A)', '$A'],
  ['$$$$(VAR_A)', '$$(VAR_A)'],
  ['$(VAR_A', '$(VAR_A'], // incomplete reference
  ['$', '$'],
  ['foo$', 'foo$'],
  ['$VAR_A', '$VAR_A'], // '$' not followed by '(' stays
  ['$()', '$()'], // empty name is looked up (and unknown)
  ['$(VAR_A)$(VAR_B', 'A$(VAR_B'],
  ['f000-$$VAR_A', 'f000-$VAR_A'],
  ['$(VAR_A)$(VAR_B)$(VAR_C)', 'ABC'],
  ['(VAR_A)', '(VAR_A)'],
  ['$(VAR_A))', 'A)'],
];

describe('expand', () => {
  it.each(CASES)('%s → %s', (input, want) => {
    expect(expand(input, mapping)).toBe(want);
  });

  it('the first context that knows a name wins', () => {
    const m = mappingFuncFor(new Map([['X', 'env']]), new Map([['X', 'service'], ['Y', 'service']]));
    expect(expand('$(X) $(Y)', m)).toBe('env service');
  });

  it('fuzz: never throws, terminates, and leaves text without "$" untouched', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('$', '(', ')', 'A', 'V', '_', 'x', 'é') , maxLength: 200 }), (s) => {
        const out = expand(s, mapping);
        expect(typeof out).toBe('string');
        if (!s.includes('$')) expect(out).toBe(s);
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => typeof expand(s, mapping) === 'string'), { numRuns: 1000 });
  });

  it('fuzz: a long run of unclosed "$(" stays fast (linear)', () => {
    const s = '$('.repeat(200_000);
    expect(expand(s, mapping)).toBe(s);
  });
});
