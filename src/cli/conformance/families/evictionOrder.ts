// eviction-order (vectors/README.md): sort the pods with the case's comparators, first = evicted first.
import { parseComparators, rankForEviction, type Comparator, type PodUsage } from '../../../engine/pods/rankForEviction.ts';
import { CliError } from '../../io.ts';
import { asArray, asObject, asString, requireList } from '../input.ts';
import { readPod } from './podInput.ts';

export function fill(doc: unknown, file: string): unknown {
  const root = asObject(doc, file, 'document');
  const cases = requireList(root, 'cases', file).map((raw, i) => {
    const c = asObject(raw, file, `cases[${i}]`);
    const comparators: Comparator[] = asArray(c['comparators'], file, `cases[${i}].comparators`).flatMap((t, j) => {
      const text = asString(t, file, `cases[${i}].comparators[${j}]`);
      const parsed = parseComparators(text);
      if (!parsed) throw new CliError(`${file}: cases[${i}].comparators[${j}]: unknown comparator "${text}"`);
      return parsed;
    });
    const pods = asArray(c['pods'], file, `cases[${i}].pods`).map((p, j) => {
      const item = asObject(p, file, `cases[${i}].pods[${j}]`);
      const usage = item['usage'];
      return {
        pod: readPod(item['pod'], file, `cases[${i}].pods[${j}].pod`),
        usage: usage === undefined || usage === null ? undefined : (asObject(usage, file, `cases[${i}].pods[${j}].usage`) as PodUsage),
      };
    });
    return { ...c, actualOrder: rankForEviction(pods, comparators).map((p) => p.pod.metadata.name) };
  });
  return { ...root, cases };
}
