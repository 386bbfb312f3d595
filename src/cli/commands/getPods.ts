// podlab get pods -f F… [--at DURATION] [-o wide|yaml|json]: the cluster the manifests describe
// (buildCluster schedules and assigns IPs), then every bound Pod run through the Pod-lifecycle
// machines to `--at` (simulated time since creation). Pods written with a status are printed as given.
import type { ClusterSnapshot, KubeObject } from '../../engine/cluster/index.ts';
import { settledPodStatus, type SettlePod } from '../../engine/cluster/index.ts';
import { EPOCH_MS } from '../../engine/pods/epoch.ts';
import type { PodSimulation } from '../../engine/pods/podSimulation.ts';
import { printPod } from '../../engine/pods/printPod.ts';
import type { Pod } from '../../engine/pods/types.ts';
import { clusterAt, podKeyOf, simulateCluster } from '../../engine/simulation/index.ts';
import { parseCommandArgs } from '../args.ts';
import { atFromFlag } from '../simulatedTime.ts';
import { CliError, Output } from '../io.ts';

export interface GetPodsRequest {
  readonly files: string[];
  /** null = every namespace (-A). */
  readonly namespace: string | null;
  readonly output: string | undefined;
  /** Simulated ms since creation. */
  readonly at: number;
  readonly seed?: number | undefined;
  readonly names: readonly string[];
}

export const POD_COLUMNS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
export const POD_WIDE_COLUMNS = [...POD_COLUMNS, 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'];

export interface SimulatedCluster {
  /** The cluster at `at`: Pods with their simulated status (a finished deletion is gone). */
  readonly snapshot: ClusterSnapshot;
  readonly sim: PodSimulation;
}

/**
 * The manifests built into a cluster, then the engine's coupled timeline (engine/simulation
 * simulateCluster, clusterAt) run to `at`. Shared by get pods and describe pod.
 */
export async function simulateFiles(files: string[], at: number, seed?: number): Promise<SimulatedCluster> {
  const { snapshotOrFail } = await import('./get.ts');
  const settled = new Set<string>();
  // The cluster pipeline binds pods and gives them IPs; which pods it settles tells us which
  // ones the lab simulates (a pasted status is left as written).
  const recordSettled: SettlePod = (pod, ctx) => {
    settled.add(podKeyOf(pod));
    return settledPodStatus(pod, ctx);
  };
  const built = snapshotOrFail(files, { ...(seed !== undefined ? { seed } : {}), settlePod: recordSettled });
  const simulates = (o: KubeObject) => settled.has(podKeyOf(o)) || !o.status?.phase || (o.status.phase === 'Pending' && !o.spec?.nodeName);
  const sim = simulateCluster(built, [], at, seed, simulates);
  return { snapshot: clusterAt(built, sim.snapshot(), { ...(seed !== undefined ? { seed } : {}) }), sim };
}

export async function getPods(req: GetPodsRequest): Promise<number> {
  const { selectObjects, printRows, printStructured } = await import('./get.ts');
  const { snapshot } = await simulateFiles(req.files, req.at, req.seed);
  const selected = selectObjects(snapshot, 'Pod', req.namespace, req.names, 'pods');
  if (selected.length === 0 && req.output !== 'yaml' && req.output !== 'json') {
    process.stderr.write(req.namespace === null ? 'No resources found\n' : `No resources found in ${req.namespace} namespace.\n`);
    return 0;
  }
  const out = new Output();
  if (req.output === 'yaml' || req.output === 'json') out.write(printStructured(selected, req.output));
  else {
    const wide = req.output === 'wide';
    const now = EPOCH_MS + req.at;
    out.write(
      printRows(wide ? POD_WIDE_COLUMNS : POD_COLUMNS, { snapshot, objects: selected, namespace: req.namespace, output: req.output, at: req.at }, (o) => {
        const r = printPod(o.object as unknown as Pod, now);
        const base = [r.name, r.ready, r.status, r.restarts, r.age];
        return wide ? [...base, r.ip, r.node, r.nominatedNode, r.readinessGates] : base;
      }),
    );
  }
  out.flush();
  return 0;
}

/** `podlab get pods …` from raw arguments (the get command may dispatch here). */
export async function runGetPods(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      f: { type: 'string', multiple: true, short: 'f' },
      o: { type: 'string', short: 'o' },
      n: { type: 'string', short: 'n' },
      A: { type: 'boolean', short: 'A' },
      at: { type: 'string' },
      seed: { type: 'string' },
    },
    'get pods',
  );
  const names = positionals[0] && ['po', 'pod', 'pods'].includes(positionals[0]) ? positionals.slice(1) : positionals;
  const output = values.o;
  if (output !== undefined && !['wide', 'yaml', 'json'].includes(output)) throw new CliError(`podlab get pods: -o must be one of wide, yaml, json, got "${output}"`);
  const at = atFromFlag(values.at, 'get pods');
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new CliError(`podlab get pods: --seed must be an integer, got "${values.seed}"`);
  return getPods({ files: values.f ?? [], namespace: values.A ? null : (values.n ?? 'default'), output, at, seed, names });
}
