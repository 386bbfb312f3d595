// Container restart and image pull back-off: client-go util/flowcontrol/backoff.go as the
// kubelet uses it (kuberuntime_manager.go doBackOff; images/image_manager.go).

/** kubelet backOffPeriod: the first delay. */
export const INITIAL_BACKOFF_MS = 10_000;
/** kubelet MaxContainerBackOff: the cap. */
export const MAX_BACKOFF_MS = 300_000;

export interface BackoffEntry {
  readonly delayMs: number;
  readonly lastUpdateMs: number;
}

/** hasExpired: an entry untouched for 2 × max (10 min) is forgotten. */
export function hasExpired(eventMs: number, lastUpdateMs: number, maxMs = MAX_BACKOFF_MS): boolean {
  return eventMs - lastUpdateMs > 2 * maxMs;
}

/** IsInBackOffSince(id, eventTime): still inside the window that began at `eventMs` (the container's finishedAt). */
export function isInBackOffSince(entry: BackoffEntry | null, eventMs: number, nowMs: number, maxMs = MAX_BACKOFF_MS): boolean {
  if (!entry) return false;
  if (hasExpired(nowMs, entry.lastUpdateMs, maxMs)) return false;
  return nowMs - eventMs < entry.delayMs;
}

/** Next(id, eventTime): a new entry at the initial delay, or the delay doubled up to the cap. */
export function nextBackoff(entry: BackoffEntry | null, eventMs: number, initialMs = INITIAL_BACKOFF_MS, maxMs = MAX_BACKOFF_MS): BackoffEntry {
  if (!entry || hasExpired(eventMs, entry.lastUpdateMs, maxMs)) return { delayMs: initialMs, lastUpdateMs: eventMs };
  return { delayMs: Math.min(entry.delayMs * 2, maxMs), lastUpdateMs: eventMs };
}

/** Go's time.Duration String() for whole seconds, as the CrashLoopBackOff message prints it ("40s", "5m0s"). */
export function goDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${s % 60}s`;
}
