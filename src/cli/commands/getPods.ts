// podlab get pods: a minimal printer over the cluster snapshot (settled Pods), using the Pod
// engine's printPod for the columns. The Pod-lifecycle command may replace this file with one
// that steps each Pod to --at first.
import { printPod } from '../../engine/pods/printPod.ts';
import type { Pod } from '../../engine/pods/types.ts';
import { LAB_EPOCH_ISO } from '../../engine/shared/clock.ts';
import { Output } from '../io.ts';
import { printRows, printStructured, selectObjects, snapshotOrFail, type GetRequest } from './get.ts';

export interface GetPodsRequest {
  readonly files: string[];
  readonly namespace: string | null;
  readonly output: string | undefined;
  readonly at: number;
  readonly seed?: number;
  readonly names?: readonly string[];
}

export async function getPods(r: GetPodsRequest): Promise<number> {
  const snapshot = snapshotOrFail(r.files, { seed: r.seed });
  const objects = selectObjects(snapshot, 'Pod', r.namespace, r.names ?? [], 'pods');
  if (objects.length === 0 && r.output !== 'yaml' && r.output !== 'json') {
    process.stderr.write(r.namespace === null ? 'No resources found\n' : `No resources found in ${r.namespace} namespace.\n`);
    return 0;
  }
  const out = new Output();
  if (r.output === 'yaml' || r.output === 'json') out.write(printStructured(objects, r.output));
  else {
    const req: GetRequest = { snapshot, objects, namespace: r.namespace, output: r.output, at: r.at };
    const now = Date.parse(LAB_EPOCH_ISO) + r.at;
    const wide = r.output === 'wide';
    const header = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', ...(wide ? ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] : [])];
    out.write(printRows(header, req, (o) => {
      const row = printPod(o.object as unknown as Pod, now);
      return [row.name, row.ready, row.status, row.restarts, row.age, ...(wide ? [row.ip, row.node, row.nominatedNode, row.readinessGates] : [])];
    }));
  }
  out.flush();
  return 0;
}
