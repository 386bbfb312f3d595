// Public face of engine/pods: the kubelet's Pod lifecycle on the simulated clock.
export * from './types.ts';
export { getPhase, allContainerStatuses, type GetPhaseOptions } from './getPhase.ts';
export { computePodQOS, defaultRequestsFromLimits, type QOSOptions } from './computeQOS.ts';
export {
  generateContainersReadyCondition,
  generatePodReadyCondition,
  generatePodInitializedCondition,
  generatePodReadyToStartContainersCondition,
  type GeneratedCondition,
} from './conditions.ts';
export { printPod, type PodRow } from './printPod.ts';
export { describePod } from './describePod.ts';
export { rankForEviction, parseComparators, RANK_FUNCTIONS, type Comparator, type RankedPod, type PodUsage } from './rankForEviction.ts';
export { parseQuantityMilli } from './quantity.ts';
export { BEHAVIOR_ANNOTATION, readPodBehavior, type ContainerBehavior, type PodBehavior } from './behavior.ts';
export { INITIAL_BACKOFF_MS, MAX_BACKOFF_MS, nextBackoff, isInBackOffSince } from './backoff.ts';
export { probeSettings, type ProbeSettings, type ProbeType } from './probes.ts';
export { withDefaultTolerations, minTolerationMs, DEFAULT_TOLERATION_SECONDS, NODE_MONITOR_GRACE_PERIOD_MS } from './tolerations.ts';
/** The machine definitions, for drawing the statecharts. */
export { containerMachine, type ContainerEvent, type ContainerContext, type RecordedEvent } from './containerMachine.ts';
export { podMachine, type PodEvent, type PodContext } from './podMachine.ts';
export {
  createPodSimulation,
  replay,
  PodSimulation,
  type PodSimulationOptions,
  type LabEvent,
  type ScriptStep,
  type PodView,
  type SimulationSnapshot,
} from './podSimulation.ts';
export { eventAge, type PodEventRecord } from './eventLog.ts';
export { settlePod, kubeletSettlePod, SETTLE_MS, type SettleInput } from './settlePod.ts';
export { SCENARIOS, type Scenario } from './scenarios.ts';
export { POD_FIDELITY_NOTES, type FidelityNote } from './fidelityNotes.ts';
