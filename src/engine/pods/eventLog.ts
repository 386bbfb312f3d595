// Kubernetes Events as `kubectl describe` shows them: the recorder aggregates repeats of the same
// (object, type, reason, message) into one Event with a count (client-go tools/record
// EventCorrelator), and describe prints `Age (xN over T)` (kubectl describe DescribeEvents).
import { humanDuration } from '../cluster/printers/humanDuration.ts';

export interface PodEventRecord {
  readonly podKey: string;
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly source: string;
  readonly message: string;
  readonly firstMs: number;
  lastMs: number;
  count: number;
}

export class EventLog {
  private readonly byKey = new Map<string, PodEventRecord>();
  readonly all: PodEventRecord[] = [];

  record(podKey: string, e: { type: 'Normal' | 'Warning'; reason: string; message: string; source?: string }, nowMs: number): void {
    const source = e.source ?? 'kubelet';
    const key = `${podKey}\u0000${e.type}\u0000${e.reason}\u0000${source}\u0000${e.message}`;
    const prev = this.byKey.get(key);
    if (prev) {
      prev.count++;
      prev.lastMs = nowMs;
      return;
    }
    const rec: PodEventRecord = { podKey, type: e.type, reason: e.reason, source, message: e.message, firstMs: nowMs, lastMs: nowMs, count: 1 };
    this.byKey.set(key, rec);
    this.all.push(rec);
  }

  forPod(podKey: string, atMs = Infinity): PodEventRecord[] {
    return this.all.filter((e) => e.podKey === podKey && e.firstMs <= atMs);
  }
}

/** One `Events:` row's Age column. */
export function eventAge(e: PodEventRecord, nowMs: number): string {
  const first = humanDuration(nowMs - e.firstMs);
  return e.count > 1 ? `${humanDuration(nowMs - e.lastMs)} (x${e.count} over ${first})` : first;
}
