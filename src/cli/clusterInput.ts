// Manifests from -f arguments → a cluster snapshot; the first error diagnostic becomes the
// one-line CLI error (file:line:col, exit 2), so no command prints half a result.
import { cluster, shared } from '../engine/index.ts';
import { CliError, readInputs } from './io.ts';

export function clusterFromInputs(paths: readonly string[], command: string): cluster.ClusterSnapshot {
  const s = cluster.buildCluster(readInputs(paths));
  const bad = s.diagnostics.find((d) => d.severity === 'error');
  if (bad) throw new CliError(`podlab ${command}: ${shared.formatDiagnostic(bad)}`);
  return s;
}

/** `NS/NAME` or `NAME` (namespace default). */
export function parseNamespacedName(v: string, flag: string, command: string): { namespace: string; name: string } {
  const parts = v.split('/');
  if (parts.length > 2 || parts.some((p) => p === '')) throw new CliError(`podlab ${command}: ${flag} must be NAMESPACE/NAME or NAME, got ${JSON.stringify(v)}`);
  return parts.length === 2 ? { namespace: parts[0]!, name: parts[1]! } : { namespace: 'default', name: parts[0]! };
}
