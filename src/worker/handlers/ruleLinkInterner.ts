// One RuleLink object per (Service, EndpointSlice) in a dump: the 100k lines of a large dump share
// a few thousand instead of holding an object each. Less memory and a smaller copy to the UI
// thread, and a filter pass over the lines reads the same few objects (one object per line, spread
// over the heap, made the Rules tab's "selected object only" pass ~10× slower).
import type { RuleLink } from './rulesTypes.ts';

export type LinkOf = (service: string | undefined, endpointSlice?: string) => RuleLink | null;

/** The link to a rule's Service and EndpointSlice, or null when it names neither. */
export function makeLink(service: string | undefined, endpointSlice?: string): RuleLink | null {
  if (!service && !endpointSlice) return null;
  return { ...(service ? { service } : {}), ...(endpointSlice ? { endpointSlice } : {}) };
}

export function linkInterner(): LinkOf {
  const byService = new Map<string, Map<string, RuleLink>>();
  return (service, endpointSlice) => {
    if (!service && !endpointSlice) return null;
    let bySlice = byService.get(service ?? '');
    if (!bySlice) byService.set(service ?? '', (bySlice = new Map()));
    let link = bySlice.get(endpointSlice ?? '');
    if (!link) bySlice.set(endpointSlice ?? '', (link = makeLink(service, endpointSlice)!));
    return link;
  };
}
