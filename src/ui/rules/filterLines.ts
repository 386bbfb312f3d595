// The Rules tab's filter: a text query (matched against the line and the Service it came from)
// and "selected object only". Returns the indexes of the lines to show.
import type { RuleLink } from '../../worker/handlers/rulesTypes.ts';

export interface LineFilter {
  readonly query: string;
  /** Keep only lines produced by this object (a Service, an EndpointSlice, or what generated it). */
  readonly object: string | null;
  /** Keys that count as the selected object (the selection and objects it generated or that generated it). */
  readonly related?: ReadonlySet<string>;
}

export function linkMatches(link: RuleLink | null | undefined, keys: ReadonlySet<string>): boolean {
  return !!link && ((!!link.service && keys.has(link.service)) || (!!link.endpointSlice && keys.has(link.endpointSlice)));
}

/**
 * The query as a case-insensitive literal pattern: matching it does not lower-case each of 100k
 * lines (a new string per line, where a filter keystroke has ~100 ms).
 */
function queryPattern(query: string): RegExp | null {
  const q = query.trim();
  return q === '' ? null : new RegExp(q.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'iu');
}

export function filterLines(lines: readonly string[], links: readonly (RuleLink | null)[], f: LineFilter): number[] {
  const re = queryPattern(f.query);
  const keys = f.object === null ? null : (f.related ?? new Set([f.object]));
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const link = links[i];
    if (keys && !linkMatches(link, keys)) continue;
    if (re && !re.test(lines[i]!) && !(link?.service !== undefined && re.test(link.service))) continue;
    out.push(i);
  }
  return out;
}

/** Rows a fixed-height virtual list must render for this scroll position (plus overscan). */
export function visibleRange(scrollTop: number, viewport: number, lineHeight: number, count: number, overscan = 10): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / lineHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewport) / lineHeight) + overscan);
  return { start, end: Math.max(start, end) };
}
