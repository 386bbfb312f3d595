// The simulated time a command shows when no --at is given. The lab's cluster "starts settled"
// (issue 6): by default the CLI looks at it five minutes after creation, when every Pod that can
// run is Running and Ready, crash loops have begun backing off, and ages read like a real cluster's.
// `--at 0s` shows the moment of creation (Pods still ContainerCreating).
import { parseDuration } from '../engine/shared/clock.ts';
import { CliError } from './io.ts';

export const DEFAULT_AT_MS = 5 * 60_000;

export function atFromFlag(value: string | undefined, command: string): number {
  if (value === undefined) return DEFAULT_AT_MS;
  const at = parseDuration(value);
  if (at === null) throw new CliError(`podlab ${command}: --at: invalid duration "${value}" (e.g. 90s, 5m, 1h30m)`);
  return at;
}
