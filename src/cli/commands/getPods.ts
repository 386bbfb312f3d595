// podlab get pods -f F… [--at DURATION] [-o wide|yaml|json]: the cluster the manifests describe
// (buildCluster schedules and assigns IPs), then every bound Pod run through the Pod-lifecycle
// machines to `--at` (simulated time since creation). Pods written with a status are printed as given.
import type { ClusterObject, ClusterSnapshot, KubeObject } from '../../engine/cluster/index.ts';
import { nodeInternalIP, settledPodStatus, type SettlePod } from '../../engine/cluster/index.ts';
import { EPOCH_MS } from '../../engine/pods/epoch.ts';
import { createPodSimulation, type PodSimulation } from '../../engine/pods/podSimulation.ts';
import { printPod } from '../../engine/pods/printPod.ts';
import { parseQuantityMilli } from '../../engine/pods/quantity.ts';
import type { Pod } from '../../engine/pods/types.ts';
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
  readonly snapshot: ClusterSnapshot;
  readonly sim: PodSimulation;
  /** Pod objects at `at`, by key `Pod/ns/name` (absent: deleted). */
  readonly pods: Map<string, KubeObject>;
}

/** Builds the cluster and runs its pods to `at`. Shared by get pods and describe pod. */
export async function simulateCluster(files: string[], at: number, seed?: number): Promise<SimulatedCluster> {
  const { snapshotOrFail } = await import('./get.ts');
  const settled = new Set<string>();
  // The cluster pipeline binds pods and gives them IPs; which pods it settles tells us which
  // ones the lab simulates (a pasted status is left as written).
  const recordSettled: SettlePod = (pod, ctx) => {
    settled.add(`${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`);
    return settledPodStatus(pod, ctx);
  };
  const snapshot = snapshotOrFail(files, { ...(seed !== undefined ? { seed } : {}), settlePod: recordSettled });
  const podObjects = snapshot.objects.filter((o) => o.object.kind === 'Pod');
  const simulated = podObjects.filter((o) => {
    const k = `${o.object.metadata.namespace ?? 'default'}/${o.object.metadata.name}`;
    return settled.has(k) || !o.object.status?.phase || (o.object.status.phase === 'Pending' && !o.object.spec?.nodeName);
  });
  const nodes = snapshot.objects
    .filter((o) => o.object.kind === 'Node')
    .map((o) => ({ name: o.object.metadata.name, ...(nodeInternalIP(o.object) ? { ip: nodeInternalIP(o.object) as string } : {}) }));
  const inputs: Pod[] = simulated.map((o) => {
    const st = o.object.status ?? {};
    const keep = { ...(st.podIP ? { podIP: st.podIP } : {}), ...(st.hostIP ? { hostIP: st.hostIP } : {}), ...(st.conditions ? { conditions: st.conditions.filter((c: { type: string }) => c.type === 'PodScheduled') } : {}) };
    return { ...(o.object as unknown as Pod), status: keep };
  });
  // The cluster's scheduler said whom it bound; the kubelet's eviction threshold comes from KubeletConfiguration.
  const boundByScheduler = new Set(
    (snapshot.events ?? []).filter((e) => e.reason === 'Scheduled').map((e) => e.object.replace(/^Pod\//, '')),
  );
  const memoryThreshold = snapshot.kubeletConfig?.evictionHard['memory.available'];
  const thresholdMilli = memoryThreshold ? parseQuantityMilli(memoryThreshold) : null;
  const sim = createPodSimulation({
    pods: inputs,
    nodes,
    bindUnassigned: false,
    boundByScheduler,
    ...(thresholdMilli !== null ? { evictionHardMemoryBytes: Number(thresholdMilli / 1000n) } : {}),
    ...(seed !== undefined ? { seed } : {}),
  });
  sim.advanceTo(at);
  const pods = new Map<string, KubeObject>();
  for (const o of podObjects) pods.set(o.key, o.object);
  for (const v of sim.snapshot().pods) {
    const key = `Pod/${v.key}`;
    if (v.object) pods.set(key, v.object as unknown as KubeObject);
    else pods.delete(key);
  }
  return { snapshot, sim, pods };
}

export async function getPods(req: GetPodsRequest): Promise<number> {
  const { selectObjects, printRows, printStructured } = await import('./get.ts');
  const { snapshot, pods } = await simulateCluster(req.files, req.at, req.seed);
  const selected = selectObjects(snapshot, 'Pod', req.namespace, req.names, 'pods')
    .filter((o) => pods.has(o.key))
    .map((o): ClusterObject => ({ ...o, object: pods.get(o.key) as KubeObject }));
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
