// podlab get pods|services|endpointslices -f F… [--at DURATION (default 5m; 0s = creation)] [-o wide|yaml|json] [-n NS | -A]
// kubectl's `get`, over the lab cluster the manifests describe (DESIGN.md, "The CLI contract").
// Services and EndpointSlices print here; pods are the Pod-lifecycle command's (./getPods.ts).
import { Document, isScalar, visit } from 'yaml';
import { buildCluster, type BuildOptions, type ClusterObject, type ClusterSnapshot } from '../../engine/cluster/index.ts';
import { ENDPOINTSLICE_COLUMNS, endpointSliceRow } from '../../engine/cluster/printers/printEndpointSlices.ts';
import { humanDuration } from '../../engine/cluster/printers/humanDuration.ts';
import { printTable } from '../../engine/cluster/printers/printTable.ts';
import { SERVICE_COLUMNS, serviceRow } from '../../engine/cluster/printers/printServices.ts';
import { LAB_EPOCH_ISO } from '../../engine/shared/clock.ts';
import { formatDiagnostic } from '../../engine/shared/diagnostics.ts';
import { parseCommandArgs } from '../args.ts';
import { atFromFlag } from '../simulatedTime.ts';
import { CliError, Output, readInputs } from '../io.ts';
import type { Command } from './index.ts';

/** kubectl's names and short names for the resources `get` knows. */
const RESOURCES: Record<string, 'pods' | 'services' | 'endpointslices'> = {
  po: 'pods', pod: 'pods', pods: 'pods',
  svc: 'services', service: 'services', services: 'services',
  endpointslice: 'endpointslices', endpointslices: 'endpointslices', 'endpointslices.discovery.k8s.io': 'endpointslices',
};
const KIND_OF = { pods: 'Pod', services: 'Service', endpointslices: 'EndpointSlice' } as const;
const OUTPUTS = ['wide', 'yaml', 'json'];

export interface GetRequest {
  readonly snapshot: ClusterSnapshot;
  readonly objects: readonly ClusterObject[];
  /** null = every namespace (-A): kubectl then adds a NAMESPACE column. */
  readonly namespace: string | null;
  readonly output: string | undefined;
  /** Simulated ms since the lab epoch, the instant the command "runs". */
  readonly at: number;
}

/** Builds the snapshot, failing with file:line:col on any error diagnostic (warnings go to stderr). */
export function snapshotOrFail(files: string[], options: BuildOptions = {}): ClusterSnapshot {
  const snapshot = buildCluster(readInputs(files), options);
  const errors = snapshot.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new CliError(errors.map(formatDiagnostic).join('\n'));
  for (const w of snapshot.diagnostics.filter((d) => d.severity === 'warning')) process.stderr.write(formatDiagnostic(w) + '\n');
  return snapshot;
}

const EPOCH_MS = Date.parse(LAB_EPOCH_ISO);

/** translateTimestampSince at simulated time `at`. */
export function ageOf(o: ClusterObject, at: number): string {
  const t = Date.parse(String(o.object.metadata.creationTimestamp ?? ''));
  return Number.isNaN(t) ? '<unknown>' : humanDuration(EPOCH_MS + at - t);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => [k, sortKeys(o[k])]));
}

/** -o yaml / -o json: a v1 List, keys sorted as kubectl prints unstructured objects. */
export function printStructured(objects: readonly ClusterObject[], format: 'yaml' | 'json'): string {
  const list = sortKeys({ apiVersion: 'v1', items: objects.map((o) => o.object), kind: 'List', metadata: { resourceVersion: '' } });
  if (format === 'json') return JSON.stringify(list, null, 4) + '\n';
  const doc = new Document(list);
  // go-yaml (behind sigs.k8s.io/yaml) double-quotes strings a YAML 1.1 reader would take for a
  // timestamp or a boolean: `creationTimestamp: "2026-01-01T00:00:00Z"`, `enabled: "on"`.
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && YAML11_SPECIAL.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0 });
}

const YAML11_SPECIAL = /^(\d{4}-\d\d?-\d\d?([Tt ]|$).*|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** The objects of a kind in a namespace (null = all), in the apiserver's list order: by namespace, then name. */
export function selectObjects(snapshot: ClusterSnapshot, kind: string, namespace: string | null, names: readonly string[] = [], resource = kind.toLowerCase() + 's'): ClusterObject[] {
  const ns = (o: ClusterObject) => o.object.metadata.namespace ?? '';
  const all = snapshot.objects
    .filter((o) => o.object.kind === kind && (namespace === null || ns(o) === namespace))
    .sort((a, b) => (ns(a) === ns(b) ? cmp(a.object.metadata.name, b.object.metadata.name) : cmp(ns(a), ns(b))));
  if (names.length === 0) return all;
  // `kubectl get svc a b`: in the order named; a missing one is an error (NotFound).
  return names.map((n) => {
    const o = all.find((x) => x.object.metadata.name === n);
    if (!o) throw new CliError(`Error from server (NotFound): ${resource} "${n}" not found`);
    return o;
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Prints a table with kubectl's NAMESPACE column under -A. */
export function printRows(header: readonly string[], req: GetRequest, row: (o: ClusterObject) => string[]): string {
  const rows = req.objects.map((o) => (req.namespace === null ? [o.object.metadata.namespace ?? '', ...row(o)] : row(o)));
  return printTable(req.namespace === null ? ['NAMESPACE', ...header] : header, rows);
}

function printServices(req: GetRequest): string {
  const wide = req.output === 'wide';
  return printRows(wide ? [...SERVICE_COLUMNS, 'SELECTOR'] : SERVICE_COLUMNS, req, (o) => serviceRow(o.object, ageOf(o, req.at), wide));
}

function printEndpointSlices(req: GetRequest): string {
  return printRows(ENDPOINTSLICE_COLUMNS, req, (o) => endpointSliceRow(o.object, ageOf(o, req.at)));
}

export const getCommand: Command = {
  usage: 'get pods|services|endpointslices -f F… [--at DURATION (default 5m; 0s = creation)] [-o wide|yaml|json] [-n NAMESPACE | -A]\n' +
    '      # kubectl get over the lab cluster, columns exactly as kubectl prints them',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      f: { type: 'string', multiple: true, short: 'f' },
      o: { type: 'string', short: 'o' },
      output: { type: 'string' },
      n: { type: 'string', short: 'n' },
      namespace: { type: 'string' },
      A: { type: 'boolean', short: 'A' },
      'all-namespaces': { type: 'boolean' },
      at: { type: 'string' },
      seed: { type: 'string' },
    }, 'get');
    const [what, ...names] = positionals;
    if (!what) throw new CliError('podlab get: name a resource type: pods, services or endpointslices');
    const resource = RESOURCES[what.toLowerCase()];
    if (!resource) throw new CliError(`podlab get: the server doesn't have a resource type "${what}" (the lab knows pods, services, endpointslices)`);
    const output = values.o ?? values.output;
    if (output !== undefined && !OUTPUTS.includes(output)) throw new CliError(`podlab get: -o must be one of ${OUTPUTS.join(', ')}, got "${output}"`);
    const at = atFromFlag(values.at, 'get');
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    if (seed !== undefined && !Number.isInteger(seed)) throw new CliError(`podlab get: --seed must be an integer, got "${values.seed}"`);
    const allNamespaces = values.A === true || values['all-namespaces'] === true;
    const namespace = allNamespaces ? null : values.n ?? values.namespace ?? 'default';
    if (resource === 'pods') {
      const { getPods } = await import('./getPods.ts');
      return getPods({ files: values.f ?? [], namespace, output, at, seed, names });
    }
    const snapshot = snapshotOrFail(values.f ?? [], { seed });
    const objects = selectObjects(snapshot, KIND_OF[resource], namespace, names, resource);
    if (objects.length === 0 && output !== 'yaml' && output !== 'json') {
      process.stderr.write(namespace === null ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
      return 0;
    }
    const req: GetRequest = { snapshot, objects, namespace, output, at };
    const out = new Output();
    if (output === 'yaml' || output === 'json') out.write(printStructured(objects, output));
    else out.write(resource === 'services' ? printServices(req) : printEndpointSlices(req));
    out.flush();
    return 0;
  },
};
