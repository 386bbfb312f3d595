// State of the Trace tab and the iptables-vs-ipvs compare view. A trace is asked for on demand
// (Send, or the cluster changing under an open trace), numbered, and an answer older than the
// latest request is dropped. The stepper's position, play state and the diagram highlight live
// here so the table, the packet panel, the hook diagram and the cluster diagram all agree.
import type { StateCreator } from 'zustand/vanilla';
import type { TraceOutcome, TraceProto } from '../worker/handlers/trace.ts';
import type { AppState } from './appStore.ts';
import { EDITOR_FILE } from './editorSlice.ts';

export interface TraceForm {
  /** `pod/NS/NAME`, `node/NAME` or an outside client IP. */
  readonly from: string;
  /** `svc/NS/NAME:PORT` or `IP:PORT` (bare IP for ICMP). */
  readonly to: string;
  readonly proto: TraceProto;
  /** A seed for one path; null traces every path. */
  readonly seed: number | null;
  /** Where an outside client's packet enters ('' = first node). */
  readonly node: string;
}

/** What the cluster diagram lights while stepping: the node the packet is on, and a Pod it is in. */
export interface TraceHighlight {
  readonly node: string | null;
  /** `namespace/name` */
  readonly pod: string | null;
}

export const TRACE_SPEEDS = [0.5, 1, 2, 4] as const;

export interface TraceSlice {
  traceForm: TraceForm;
  /** Show the iptables-vs-ipvs compare view (traces both modes). */
  traceCompare: boolean;
  traceOutcome: TraceOutcome | null;
  traceBusy: boolean;
  traceSeq: number;
  /** Which path (all-paths) and which step of it is current. */
  tracePath: number;
  traceStep: number;
  tracePlaying: boolean;
  /** Steps per second while playing. */
  traceSpeed: number;
  traceHighlight: TraceHighlight | null;
  setTraceForm(p: Partial<TraceForm>): void;
  setTraceCompare(on: boolean): void;
  /** Ask the engine for the trace of the current form (and mode). */
  sendTrace(): Promise<void>;
  setTracePath(i: number): void;
  setTraceStep(i: number): void;
  setTracePlaying(on: boolean): void;
  setTraceSpeed(stepsPerSecond: number): void;
  setTraceHighlight(h: TraceHighlight | null): void;
}

export const DEFAULT_TRACE_FORM: TraceForm = { from: '', to: '', proto: 'tcp', seed: 1, node: '' };

export const createTraceSlice: StateCreator<AppState, [], [], TraceSlice> = (set, get) => ({
  traceForm: DEFAULT_TRACE_FORM,
  traceCompare: false,
  traceOutcome: null,
  traceBusy: false,
  traceSeq: 0,
  tracePath: 0,
  traceStep: 0,
  tracePlaying: false,
  traceSpeed: 2,
  traceHighlight: null,
  setTraceForm: (p) => set((s) => ({ traceForm: { ...s.traceForm, ...p } })),
  setTraceCompare: (traceCompare) => {
    if (get().traceCompare === traceCompare) return;
    set({ traceCompare });
    if (get().traceOutcome) void get().sendTrace();
  },
  sendTrace: async () => {
    const s = get();
    const { from, to, proto, seed, node } = s.traceForm;
    if (!s.engine || !from || !to) return;
    const seq = s.traceSeq + 1;
    set({ traceSeq: seq, traceBusy: true, tracePlaying: false });
    let outcome: TraceOutcome;
    try {
      const res = await s.engine.request('trace', {
        files: [{ name: EDITOR_FILE, text: s.text }],
        query: { from, to, proto, seed, compare: s.traceCompare, ...(node ? { node } : {}) },
      });
      outcome = res.ok ? res.outcome : { runs: [], error: res.error };
    } catch (e) {
      outcome = { runs: [], error: e instanceof Error ? e.message : String(e) };
    }
    if (get().traceSeq !== seq) return;
    set({ traceOutcome: outcome, traceBusy: false, tracePath: 0, traceStep: 0 });
  },
  setTracePath: (tracePath) => set({ tracePath, traceStep: 0, tracePlaying: false }),
  setTraceStep: (traceStep) => set({ traceStep: Math.max(0, traceStep) }),
  setTracePlaying: (tracePlaying) => set({ tracePlaying }),
  setTraceSpeed: (traceSpeed) => set({ traceSpeed }),
  setTraceHighlight: (traceHighlight) => set({ traceHighlight }),
});
