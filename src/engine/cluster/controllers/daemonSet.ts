// DaemonSet controller (pkg/controller/daemon/daemon_controller.go syncNodes, podsShouldBeOnNode,
// NodeShouldRunDaemonPod; util/daemonset_util.go AddOrUpdateDaemonPodTolerations,
// ReplaceDaemonSetPodNodeNameNodeAffinity): one Pod per eligible Node, pinned to it with a
// required node affinity on metadata.name and left to the scheduler.
import type { ClusterState, Entry } from '../clusterState.ts';
import { computeHash, nameSuffix } from '../hashing.ts';
import type { KubeObject } from '../objects.ts';
import { matchesNodeSelectorAndAffinity } from '../scheduler/nodeAffinity.ts';
import { findUntoleratedTaint, type Toleration } from '../scheduler/taints.ts';
import { freshName, podFromTemplate } from './podFromTemplate.ts';

/** The tolerations every daemon Pod gets (AddOrUpdateDaemonPodTolerations). */
function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) t.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return t;
}

function withTolerations(existing: Toleration[], extra: Toleration[]): Toleration[] {
  const out = [...existing];
  for (const t of extra) if (!out.some((e) => e.key === t.key && e.effect === t.effect && (e.operator ?? 'Equal') === t.operator)) out.push(t);
  return out;
}

export function runDaemonSetController(state: ClusterState, ds: Entry, nodes: readonly KubeObject[]): number {
  const o = ds.object;
  const ns = o.metadata.namespace ?? 'default';
  const revisionHash = computeHash(o.spec?.template);
  let desired = 0;
  for (const node of nodes) {
    const name = freshName((n) => state.has(`Pod/${ns}/${n}`), `${o.metadata.name}-`, (attempt) => nameSuffix(state.seed, ds.key, node.metadata.name, attempt));
    const pod = podFromTemplate(o, o.spec?.template, name, { 'controller-revision-hash': revisionHash, 'pod-template-generation': '1' }, `${o.metadata.name}-`);
    pod.spec.tolerations = withTolerations(pod.spec.tolerations ?? [], daemonTolerations(!!pod.spec.hostNetwork));
    // NodeShouldRunDaemonPod: the template's selector/affinity must match, and no untolerated NoSchedule/NoExecute taint.
    if (!matchesNodeSelectorAndAffinity(pod, node)) continue;
    if (findUntoleratedTaint(node.spec?.taints ?? [], pod.spec.tolerations, ['NoSchedule', 'NoExecute'])) continue;
    desired++;
    pod.spec.affinity = {
      ...(pod.spec.affinity ?? {}),
      nodeAffinity: {
        ...(pod.spec.affinity?.nodeAffinity ?? {}),
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.metadata.name] }] }] },
      },
    };
    if (state.create(pod, ds.source, ds.key)) state.event('Normal', 'SuccessfulCreate', ds.key, 'daemonset-controller', `Created pod: ${name}`);
  }
  return desired;
}
