// fast-check fuzz of the pods domain's parsers of user input: the behavior annotation, resource
// quantities and eviction comparators never throw or hang, and always answer or explain.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BEHAVIOR_ANNOTATION, readPodBehavior } from './behavior.ts';
import { parseQuantityMilli } from './quantity.ts';
import { parseComparators } from './rankForEviction.ts';
import type { Pod } from './types.ts';

const podWith = (annotation: string): Pod => ({
  metadata: { name: 'p', annotations: { [BEHAVIOR_ANNOTATION]: annotation } },
  spec: { containers: [{ name: 'app', image: 'nginx' }] },
});

describe('parsers under fuzz', () => {
  it('readPodBehavior: any annotation text gives behaviors for every container, problems as text', () => {
    const jsonish = fc.jsonValue().map((v) => JSON.stringify({ containers: { app: v } }));
    fc.assert(
      fc.property(fc.oneof(fc.string(), jsonish, fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
        const b = readPodBehavior(podWith(text));
        expect(b.containers.has('app')).toBe(true);
        for (const p of b.problems) expect(typeof p).toBe('string');
        const app = b.containers.get('app');
        expect(Number.isFinite(app?.pullMs)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('readPodBehavior names the field it could not read', () => {
    const b = readPodBehavior(podWith('{"containers":{"app":{"exitAfter":"soon"}}}'));
    expect(b.problems).toEqual(['podlab.dev/behavior: containers.app.exitAfter: not a duration: "soon"']);
  });

  it('parseQuantityMilli: a bigint or null, and exact on well-formed quantities', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const v = parseQuantityMilli(s);
        expect(v === null || typeof v === 'bigint').toBe(true);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(['Ki', 1024n], ['Mi', 1n << 20n], ['m', 1n], ['', 1000n], ['k', 1_000_000n]), (n, [suffix, milli]) => {
        expect(parseQuantityMilli(`${n}${suffix as string}`)).toBe(BigInt(n) * (suffix === 'Ki' || suffix === 'Mi' ? (milli as bigint) * 1000n : (milli as bigint)));
      }),
    );
  });

  it('parseComparators: null or a non-empty list', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const v = parseComparators(s);
        expect(v === null || (Array.isArray(v) && v.length > 0)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
