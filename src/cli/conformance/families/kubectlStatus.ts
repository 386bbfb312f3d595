// kubectl-status (vectors/README.md): printPod's STATUS, READY, RESTARTS and -o wide columns at the file's `now`.
import { printPod } from '../../../engine/pods/printPod.ts';
import { CliError } from '../../io.ts';
import { asObject, asString, requireList } from '../input.ts';
import { readPod } from './podInput.ts';

export function fill(doc: unknown, file: string): unknown {
  const root = asObject(doc, file, 'document');
  const nowText = asString(root['now'], file, 'now');
  const now = Date.parse(nowText);
  if (Number.isNaN(now)) throw new CliError(`${file}: now: not an RFC 3339 time: ${nowText}`);
  const cases = requireList(root, 'cases', file).map((raw, i) => {
    const c = asObject(raw, file, `cases[${i}]`);
    const row = printPod(readPod(c['pod'], file, `cases[${i}].pod`), now);
    return {
      ...c,
      actualStatusColumn: row.status,
      actualReady: row.ready,
      actualRestarts: row.restarts,
      actualWide: { ip: row.ip, node: row.node, nominatedNode: row.nominatedNode, readinessGates: row.readinessGates },
    };
  });
  return { ...root, cases };
}
