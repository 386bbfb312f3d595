// pod-conditions (vectors/README.md): GenerateContainersReadyCondition / GeneratePodReadyCondition /
// GeneratePodInitializedCondition for each case.
import {
  generateContainersReadyCondition,
  generatePodInitializedCondition,
  generatePodReadyCondition,
} from '../../../engine/pods/conditions.ts';
import type { ContainerStatus, PodCondition, PodSpec } from '../../../engine/pods/types.ts';
import { CliError } from '../../io.ts';
import { asArray, asObject, asString, requireList } from '../input.ts';

export function fill(doc: unknown, file: string): unknown {
  const root = asObject(doc, file, 'document');
  const cases = requireList(root, 'cases', file).map((raw, i) => {
    const c = asObject(raw, file, `cases[${i}]`);
    const where = `cases[${i}]`;
    const spec = asObject(c['podSpec'] ?? {}, file, `${where}.podSpec`) as unknown as PodSpec;
    const statuses = c['containerStatuses'] === null || c['containerStatuses'] === undefined ? null : (asArray(c['containerStatuses'], file, `${where}.containerStatuses`) as unknown as ContainerStatus[]);
    const phase = asString(c['podPhase'], file, `${where}.podPhase`);
    const existing = (c['existingConditions'] ? asArray(c['existingConditions'], file, `${where}.existingConditions`) : []) as unknown as PodCondition[];
    const type = asString(c['conditionType'], file, `${where}.conditionType`);
    let cond;
    if (type === 'ContainersReady') cond = generateContainersReadyCondition(spec, statuses, phase);
    else if (type === 'Ready') cond = generatePodReadyCondition(spec, existing, statuses, phase);
    else if (type === 'Initialized') cond = generatePodInitializedCondition(spec, statuses, phase);
    else throw new CliError(`${file}: ${where}.conditionType: unknown condition "${type}"`);
    return { ...c, actual: { type: cond.type, status: cond.status, reason: cond.reason ?? '', message: cond.message ?? '' } };
  });
  return { ...root, cases };
}
