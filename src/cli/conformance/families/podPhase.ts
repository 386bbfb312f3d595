// pod-phase (vectors/README.md): getPhase for each case's pod, statuses and kubelet flags.
import { allContainerStatuses, getPhase } from '../../../engine/pods/getPhase.ts';
import type { Pod } from '../../../engine/pods/types.ts';
import { asObject, requireList } from '../input.ts';
import { readPod } from './podInput.ts';

export function fill(doc: unknown, file: string): unknown {
  const root = asObject(doc, file, 'document');
  const cases = requireList(root, 'cases', file).map((raw, i) => {
    const c = asObject(raw, file, `cases[${i}]`);
    const pod: Pod = readPod(c['pod'], file, `cases[${i}].pod`);
    const gates = (c['featureGates'] ?? {}) as Record<string, unknown>;
    const actualPhase = getPhase(pod, allContainerStatuses(pod), {
      podIsTerminal: c['podIsTerminal'] === true,
      podHasInitialized: c['podHasInitialized'] === true,
      containerRestartRules: gates['ContainerRestartRules'] === true,
    });
    return { ...c, actualPhase };
  });
  return { ...root, cases };
}
