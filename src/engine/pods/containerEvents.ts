// The Events a container's transitions record, in kubectl's words (pkg/kubelet/events/event.go
// reasons; messages as kuberuntime_container.go and images/image_manager.go write them).
import type { ContainerContext, RecordedEvent } from './containerTypes.ts';

type Ctx = { context: ContainerContext };
/** A `record` action: an Event in kubectl's words. */
export function rec(type: RecordedEvent['type'], reason: string, message: (c: ContainerContext) => string) {
  return { type: 'record' as const, params: ({ context }: Ctx): RecordedEvent => ({ type, reason, message: message(context) }) };
}
export const recPulling = rec('Normal', 'Pulling', (c) => `Pulling image "${c.image}"`);
export const recPulled = rec('Normal', 'Pulled', (c) => `Successfully pulled image "${c.image}" in ${c.behavior.pullMs / 1000}s (${c.behavior.pullMs / 1000}s including waiting)`);
export const recAlreadyPresent = rec('Normal', 'Pulled', (c) => `Container image "${c.image}" already present on machine`);
export const recCreated = rec('Normal', 'Created', (c) => `Created container: ${c.name}`);
export const recStarted = rec('Normal', 'Started', (c) => `Started container ${c.name}`);
export const recPullFailed = [
  rec('Warning', 'Failed', (c) => `Failed to pull image "${c.image}": ${c.waitingMessage ?? ''}`),
  rec('Warning', 'Failed', () => 'Error: ErrImagePull'),
];
export const recPullBackOff = [rec('Normal', 'BackOff', (c) => `Back-off pulling image "${c.image}"`), rec('Warning', 'Failed', () => 'Error: ImagePullBackOff')];
export const recKilling = rec('Normal', 'Killing', (c) => `Stopping container ${c.name}`);
export const recPostStartFailed = rec('Warning', 'FailedPostStartHook', (c) => `PostStartHook failed for container ${c.name}`);
export const recProbeKill = rec('Normal', 'Killing', (c) =>
  c.killReason === 'startup' ? `Container ${c.name} failed startup probe, will be restarted` : `Container ${c.name} failed liveness probe, will be restarted`,
);
/** Start a new instance: already-present or just-pulled image, then Created and Started. */
export const startFresh = ['beginRun', recAlreadyPresent, recCreated, recStarted] as const;
export const startPulled = ['markImagePresent', 'beginRun', recPulled, recCreated, recStarted] as const;
