// pod-qos (vectors/README.md): ComputePodQOS on the pod as given (no API defaulting).
import { computePodQOS } from '../../../engine/pods/computeQOS.ts';
import { asObject, requireList } from '../input.ts';
import { readPod } from './podInput.ts';

export function fill(doc: unknown, file: string): unknown {
  const root = asObject(doc, file, 'document');
  const cases = requireList(root, 'cases', file).map((raw, i) => {
    const c = asObject(raw, file, `cases[${i}]`);
    const pod = readPod(c['pod'], file, `cases[${i}].pod`);
    const gates = (c['featureGates'] ?? {}) as Record<string, unknown>;
    return { ...c, actualQOS: computePodQOS(pod.spec, { podLevelResources: gates['PodLevelResources'] === true }) };
  });
  return { ...root, cases };
}
