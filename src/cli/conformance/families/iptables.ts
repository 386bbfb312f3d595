// Conformance family `iptables` (../shared/vectors/README.md, vectors/iptables/README.md):
// generates kube-proxy's restore input from each vector's config + manifests and writes the
// actual… twins. Manifests are read RAW (no API defaulting), exactly as the Go tests build them.
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../engine/cluster/objects.ts';
import { buildProxyModel } from '../../../engine/kubeproxy/proxyModel.ts';
import { isServiceChainName } from '../../../engine/kubeproxy/chainNames.ts';
import type { LocalDetector, ProxierConfig, ProxyModel } from '../../../engine/kubeproxy/types.ts';
import {
  applyRestoreNoflush, computeProbability, nodeStateAfterFirstSync, parseRestore, renderRestore, sortRestore,
  syncProxyRules, unchangedServicePorts, KUBE_FIREWALL,
} from '../../../engine/kubeproxy/iptables/index.ts';
import { CliError } from '../../io.ts';
import { fillPacketFlows } from '../iptablesFlows.ts';
import { asArray, asObject, type Json, type JsonObject } from '../input.ts';

function bool(v: Json | undefined, file: string, field: string, dflt: boolean): boolean {
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') throw new CliError(`${file}: config.${field}: expected true or false`);
  return v;
}

function str(v: Json | undefined, file: string, field: string, dflt: string): string {
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'string') throw new CliError(`${file}: config.${field}: expected a string`);
  return v;
}

/** The vector `config` object (vectors/iptables/README.md, "config") → ProxierConfig. */
export function proxierConfigFromVector(c: JsonObject, file: string): ProxierConfig {
  const fam = str(c.ipFamily, file, 'ipFamily', 'IPv4');
  if (fam !== 'IPv4' && fam !== 'IPv6') throw new CliError(`${file}: config.ipFamily: expected IPv4 or IPv6, got ${JSON.stringify(fam)}`);
  const ld = c.localDetector;
  let localDetector: LocalDetector = { mode: 'None' };
  if (ld !== undefined && ld !== null) {
    const o = asObject(ld, file, 'config.localDetector');
    if (o.mode === 'ClusterCIDR') localDetector = { mode: 'ClusterCIDR', clusterCIDR: str(o.clusterCIDR, file, 'localDetector.clusterCIDR', '') };
    else if (o.mode === 'NodeCIDR') localDetector = { mode: 'NodeCIDR', podCIDR: str(o.podCIDR, file, 'localDetector.podCIDR', '') };
    else if (o.mode === 'BridgeInterface') localDetector = { mode: 'BridgeInterface', bridgeInterface: str(o.bridgeInterface, file, 'localDetector.bridgeInterface', '') };
    else if (o.mode === 'InterfaceNamePrefix') localDetector = { mode: 'InterfaceNamePrefix', interfaceNamePrefix: str(o.interfaceNamePrefix, file, 'localDetector.interfaceNamePrefix', '') };
    else if (o.mode !== 'None' && o.mode !== undefined) throw new CliError(`${file}: config.localDetector.mode: unknown mode ${JSON.stringify(o.mode)}`);
  }
  const npa = c.nodePortAddresses;
  const nodePortAddresses = npa === undefined || npa === null ? null : asArray(npa, file, 'config.nodePortAddresses').map((x, i) => str(x, file, `nodePortAddresses[${i}]`, ''));
  const hostInterfaces: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(c.hostInterfaces ? asObject(c.hostInterfaces, file, 'config.hostInterfaces') : {})) {
    hostInterfaces[k] = asArray(v, file, `config.hostInterfaces.${k}`).map((x, i) => str(x, file, `hostInterfaces.${k}[${i}]`, ''));
  }
  const nfacct: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(c.nfacctCounters ? asObject(c.nfacctCounters, file, 'config.nfacctCounters') : {})) nfacct[k] = bool(v, file, `nfacctCounters.${k}`, false);
  const nodeIP = str(c.nodeIP, file, 'nodeIP', '');
  return {
    ipFamily: fam,
    nodeName: str(c.nodeName, file, 'nodeName', 'test-node'),
    nodeIPs: nodeIP ? [nodeIP] : [],
    localDetector,
    masqueradeAll: bool(c.masqueradeAll, file, 'masqueradeAll', false),
    masqueradeMark: str(c.masqueradeMark, file, 'masqueradeMark', '0x4000'),
    // The tests build the proxier directly, so localhostNodePorts is taken as given.
    localhostNodePorts: bool(c.localhostNodePorts, file, 'localhostNodePorts', true),
    nodePortAddresses,
    hostInterfaces,
    nfacctCounters: nfacct,
    conntrackTCPLiberal: bool(c.conntrackTCPLiberal, file, 'conntrackTCPLiberal', false),
    iptablesHasRandomFully: bool(c.iptablesHasRandomFully, file, 'iptablesHasRandomFully', false),
  };
}

/** Multi-document YAML → raw objects; a YAML error names the file and line. */
export function parseManifests(text: string, file: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if ('errors' in doc && doc.errors.length > 0) throw new CliError(`${file}: manifests: ${doc.errors[0]!.message.split('\n')[0]}`);
    const o = doc.toJS() as KubeObject | null;
    if (o === null || o === undefined) continue;
    if (typeof o !== 'object' || typeof o.kind !== 'string' || !o.metadata || typeof o.metadata.name !== 'string') {
      throw new CliError(`${file}: manifests: every document needs kind and metadata.name`);
    }
    out.push(o);
  }
  return out;
}

/**
 * The restore input as the tests see it, canonically sorted. KUBE-FIREWALL is declared even when
 * the restore input does not write it: kube-proxy EnsureChain()s it on every full sync
 * (iptablesKubeletJumpChains), and the tests read chains from the fake's resulting state.
 */
export function conformanceSave(restore: string): string {
  const filter = parseRestore(restore).find((t) => t.name === 'filter');
  let text = restore;
  if (filter && !filter.chains.some((c) => c.name === KUBE_FIREWALL)) text = text.replace('*filter\n', `*filter\n:${KUBE_FIREWALL} - [0:0]\n`);
  return sortRestore(text);
}

function flowsOf(o: JsonObject, file: string, where: string): JsonObject[] {
  if (o.packetFlows === undefined || o.packetFlows === null) return [];
  return asArray(o.packetFlows, file, `${where}packetFlows`).map((f, i) => asObject(f, file, `${where}packetFlows[${i}]`));
}

/** Called with each group of flows and the node state (restore text) they are traced through. */
export type FlowSink = (flows: JsonObject[], stateText: string, config: JsonObject) => void;

export function fill(input: unknown, file: string): unknown {
  return syncVector(input, file, fillPacketFlows);
}

/** Fills every rule twin of a vector document and hands each flow group to `onFlows`. */
export function syncVector(input: unknown, file: string, onFlows: FlowSink): JsonObject {
  const doc = structuredClone(asObject(input, file, 'document')) as JsonObject;
  if (doc.probabilityN !== undefined) {
    const ns = asArray(doc.probabilityN, file, 'probabilityN');
    const probs: JsonObject = {};
    for (const n of ns) {
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new CliError(`${file}: probabilityN: expected positive integers, got ${JSON.stringify(n)}`);
      probs[String(n)] = computeProbability(n);
    }
    doc.actualProbabilities = probs;
  }
  if (doc.config === null || doc.config === undefined) return doc;
  const cfgJson = asObject(doc.config, file, 'config');
  const config = proxierConfigFromVector(cfgJson, file);
  if (typeof doc.iptablesRestoreInput === 'string') {
    onFlows(flowsOf(doc, file, ''), doc.iptablesRestoreInput, cfgJson);
    return doc;
  }
  if (typeof doc.manifests !== 'string') throw new CliError(`${file}: manifests: expected a YAML string`);
  let objects = parseManifests(doc.manifests, file);
  let model: ProxyModel = buildProxyModel(objects, config);
  const rs = syncProxyRules(model);
  const restore = renderRestore(rs);
  doc.actualIptablesSave = conformanceSave(restore);
  let state = nodeStateAfterFirstSync(rs, restore);
  onFlows(flowsOf(doc, file, ''), state, cfgJson);
  const followUps = doc.followUp === undefined || doc.followUp === null ? [] : asArray(doc.followUp, file, 'followUp');
  followUps.forEach((raw, j) => {
    const fu = asObject(raw, file, `followUp[${j}]`);
    const del = fu.delete === undefined || fu.delete === null ? [] : asArray(fu.delete, file, `followUp[${j}].delete`);
    for (const [k, d] of del.entries()) {
      const o = asObject(d, file, `followUp[${j}].delete[${k}]`);
      objects = objects.filter((x) => !(x.kind === o.kind && x.metadata.name === o.name && (x.metadata.namespace ?? 'default') === (o.namespace ?? 'default')));
    }
    const next = buildProxyModel(objects, config);
    const nextRs = syncProxyRules(next);
    const existingNatChains = (parseRestore(state).find((t) => t.name === 'nat')?.chains ?? []).map((c) => c.name).filter(isServiceChainName);
    // A partial sync (only changed Services' chains), restored with --noflush on top.
    const partial = renderRestore(nextRs, { existingNatChains, unchangedServicePorts: unchangedServicePorts(model, next) });
    state = applyRestoreNoflush(state, partial);
    model = next;
    onFlows(flowsOf(fu, file, `followUp[${j}].`), state, cfgJson);
  });
  return doc;
}
