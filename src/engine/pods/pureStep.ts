// XState's pure stepping (xstate transition.ts `transition` / `initialTransition`), with one inert
// actor scope kept per machine instead of a new one per call: `transition()` builds an Actor
// each time, which dominates the cost at 1,000 pods. Our machines spawn no children, so a shared
// scope is observationally the same: actions are collected, never executed.
import { createActor, type AnyStateMachine, type EventFromLogic, type InputFrom, type SnapshotFrom } from 'xstate';

export interface CollectedAction {
  readonly type: string;
  readonly params?: unknown;
}

interface Scope {
  actionExecutor: (a: CollectedAction) => void;
  [k: string]: unknown;
}

export class PureStepper<M extends AnyStateMachine> {
  private readonly scope: Scope;
  private collected: CollectedAction[] = [];

  constructor(
    private readonly machine: M,
    probeInput: InputFrom<M>,
  ) {
    const self = createActor(machine, { input: probeInput } as never);
    this.scope = {
      self,
      defer: () => {},
      id: '',
      logger: () => {},
      sessionId: '',
      stopChild: () => {},
      system: self.system,
      emit: () => {},
      actionExecutor: (a: CollectedAction) => {
        this.collected.push(a);
      },
    };
  }

  initial(input: InputFrom<M>): [SnapshotFrom<M>, CollectedAction[]] {
    this.collected = [];
    const snap = this.machine.getInitialSnapshot(this.scope as never, input) as SnapshotFrom<M>;
    return [snap, this.collected];
  }

  step(snapshot: SnapshotFrom<M>, event: EventFromLogic<M>): [SnapshotFrom<M>, CollectedAction[]] {
    this.collected = [];
    const next = this.machine.transition(snapshot as never, event, this.scope as never) as SnapshotFrom<M>;
    return [next, this.collected];
  }
}
