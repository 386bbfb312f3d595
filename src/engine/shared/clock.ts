// The engine's one simulated clock (DESIGN.md habit 2). Time is milliseconds since the
// scenario's epoch; nothing in the engine reads the wall clock.

export interface SimulatedClock {
  /** Milliseconds since the scenario epoch. */
  readonly now: number;
}

/** The instant the lab calls "creation": every scenario starts here. RFC 3339 like the apiserver. */
export const LAB_EPOCH_ISO = '2026-01-01T00:00:00Z';
const EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

export function clockAt(now: number): SimulatedClock {
  return { now };
}

/** RFC 3339 timestamp (second precision), as metav1.Time marshals. */
export function toRFC3339(simMs: number): string {
  return new Date(EPOCH_MS + simMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Parses Go-style durations ("90s", "5m", "1h30m", "300ms") to milliseconds. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (t === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) {
    const n = Number(m[1]);
    const unit = m[2];
    total += n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : unit === 'h' ? 3_600_000 : 86_400_000);
    matched = re.lastIndex;
  }
  return matched === t.length && matched > 0 ? total : null;
}
