// A user event as a button says it: the event type verbatim, the container and the exit code.
import type { LabEvent } from '../../engine/pods/index.ts';

export function eventLabel(e: LabEvent): string {
  const r = e as { type: string; container?: string; exitCode?: number };
  return `${r.type}${r.exitCode !== undefined ? ` (exit ${r.exitCode})` : ''}${r.container ? ` · ${r.container}` : ''}`;
}

/** Simulated ms as kubectl prints an age: 0s, 45s, 2m5s, 1h3m. */
export function formatSimTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  return m % 60 ? `${Math.floor(m / 60)}h${m % 60}m` : `${Math.floor(m / 60)}h`;
}
