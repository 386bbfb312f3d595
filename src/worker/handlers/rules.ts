// The worker's `rules` request: what kube-proxy programmed on one node, as the chosen command
// prints it, with per-line provenance, sync sizes, the last change's full vs partial resync, and
// the selected Service's chain tree. Pure apart from a small cache: the last built snapshot (by
// text) and, per node, the last sync and its proxy model (to measure the next change against).
import { dequal } from 'dequal/lite';
import { buildCluster, type ManifestFile } from '../../engine/cluster/buildCluster.ts';
import type { ClusterSnapshot } from '../../engine/cluster/objects.ts';
import { compareResync } from '../../engine/kubeproxy/iptables/index.ts';
import { snapshotAtCurrentTime } from '../simulationState.ts';
import { chainTree } from './rulesChainTree.ts';
import { renderDump, viewsFor } from './rulesDump.ts';
import { nodeNames, statsOf, syncNode, type NodeSync } from './rulesNodeSync.ts';
import type { ResyncInfo, RulesDump, RulesRequestPayload, RulesResponsePayload, RulesViewId } from './rulesTypes.ts';

export interface RulesCache {
  snapshot: { key: string; value: ClusterSnapshot } | null;
  /** Per node: the sync of the current snapshot, its last rendered dump, and the last change's resync. */
  nodes: Map<string, { snapshot: ClusterSnapshot; sync: NodeSync; resync: ResyncInfo | null; dumps: Map<RulesViewId, RulesDump> }>;
}

export function newRulesCache(): RulesCache {
  return { snapshot: null, nodes: new Map() };
}

const filesKey = (files: readonly ManifestFile[]) => files.map((f) => `${f.name}\u0000${f.text}`).join('\u0001');

/** The snapshot for these files: reused when analyze (or an earlier rules request) built the same text. */
export function snapshotFor(cache: RulesCache, files: ManifestFile[]): ClusterSnapshot {
  const key = filesKey(files);
  if (cache.snapshot?.key === key) return cache.snapshot.value;
  const value = buildCluster(files);
  cache.snapshot = { key, value };
  return value;
}

/** Let analyze share its build (the same text is never built twice). */
export function rememberSnapshot(cache: RulesCache, files: ManifestFile[], snapshot: ClusterSnapshot): void {
  cache.snapshot = { key: filesKey(files), value: snapshot };
}

function nodeEntry(cache: RulesCache, snapshot: ClusterSnapshot, node: string | undefined) {
  const cacheKey = node ?? '';
  const prev = cache.nodes.get(cacheKey);
  if (prev?.snapshot === snapshot) return prev;
  const sync = syncNode(snapshot, node);
  let resync = prev?.resync ?? null;
  // (compared field by field: a JSON text of a 10k-Service model was ~30 MB kept per node)
  if (prev && (prev.sync.mode !== sync.mode || !dequal(prev.sync.model.servicePorts, sync.model.servicePorts))) {
    // A change on this node: what kube-proxy would write for it, fully and partially (iptables mode).
    // (both rulesets are at hand: the last sync of this node and this one)
    resync = sync.mode === 'iptables' && prev.sync.mode === 'iptables' ? compareResync(prev.sync.model, sync.model, { before: prev.sync.rs, after: sync.rs }) : null;
    if (resync) resync = { full: resync.full, partial: resync.partial, changedServicePorts: resync.changedServicePorts };
  }
  const entry = { snapshot, sync, resync, dumps: new Map<RulesViewId, RulesDump>() };
  cache.nodes.set(cacheKey, entry);
  return entry;
}

export function handleRules(cache: RulesCache, req: RulesRequestPayload): RulesResponsePayload {
  // The cluster at the Pods tab's simulated time (the same object until the simulation changes).
  const snapshot = snapshotAtCurrentTime(req.files, snapshotFor(cache, req.files));
  const nodes = nodeNames(snapshot);
  const node = req.node !== undefined && nodes.includes(req.node) ? req.node : nodes[0];
  const entry = nodeEntry(cache, snapshot, node);
  const views = viewsFor(entry.sync.mode);
  const view = req.view && views.includes(req.view) ? req.view : views[0]!;
  let dump = entry.dumps.get(view);
  if (!dump) entry.dumps.set(view, (dump = renderDump(entry.sync, view)));
  return {
    mode: entry.sync.mode,
    nodes,
    node: entry.sync.model.config.nodeName,
    views,
    view,
    dump,
    stats: statsOf(entry.sync),
    resync: entry.resync,
    tree: req.service ? chainTree(entry.sync, req.service) : null,
    warnings: entry.sync.warnings,
  };
}
