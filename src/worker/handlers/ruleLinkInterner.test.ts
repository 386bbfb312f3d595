// The interner hands out one link per (Service, EndpointSlice), equal to the one toLink would make.
import { describe, expect, it } from 'vitest';
import { linkInterner } from './ruleLinkInterner.ts';
import { toLink } from './rulesDump.ts';

describe('linkInterner', () => {
  it('one object per (Service, EndpointSlice), equal to toLink of the same provenance', () => {
    const linkOf = linkInterner();
    const cases: [string | undefined, string | undefined][] = [['Service/a/web', undefined], ['Service/a/web', 'EndpointSlice/a/web-1'], [undefined, 'EndpointSlice/a/web-1'], [undefined, undefined]];
    for (const [service, endpointSlice] of cases) {
      const p = { ...(service ? { service } : {}), ...(endpointSlice ? { endpointSlice } : {}) };
      const a = linkOf(service, endpointSlice);
      expect(a, JSON.stringify(p)).toEqual(toLink(p));
      expect(linkOf(service, endpointSlice), 'the same object again').toBe(a);
    }
    expect(linkOf('Service/a/web')).not.toBe(linkOf('Service/a/web', 'EndpointSlice/a/web-1'));
  });
});
