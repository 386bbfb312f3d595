// Taint-based eviction inputs: DefaultTolerationSeconds admission
// (plugin/pkg/admission/defaulttolerationseconds/admission.go) and the taint-eviction
// controller's getMinTolerationTime (pkg/controller/tainteviction/taint_eviction.go).
import { toleratesTaint, type Taint, type Toleration } from '../cluster/scheduler/taints.ts';

export { toleratesTaint, type Taint };

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
/** --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds. */
export const DEFAULT_TOLERATION_SECONDS = 300;
/** node-monitor-grace-period since v1.32 (40 s before). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;

/** The admission plugin adds 300 s tolerations for not-ready and unreachable unless some toleration already covers them. */
export function withDefaultTolerations(tolerations: readonly Toleration[] = []): Toleration[] {
  const out = [...tolerations];
  for (const key of [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE]) {
    const taint: Taint = { key, effect: 'NoExecute' };
    if (!tolerations.some((t) => toleratesTaint(t, taint))) {
      out.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
    }
  }
  return out;
}

/**
 * How long the pod may stay on a node with these NoExecute taints: 0 when one is not tolerated
 * (evict now), Infinity when every matching toleration has no tolerationSeconds, else the
 * smallest tolerationSeconds (≤ 0 means now).
 */
export function minTolerationMs(tolerations: readonly Toleration[], taints: readonly Taint[]): number {
  let min = Infinity;
  for (const taint of taints) {
    if (taint.effect !== 'NoExecute') continue;
    const matching = tolerations.filter((t) => toleratesTaint(t, taint));
    if (matching.length === 0) return 0;
    for (const t of matching) {
      if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
      min = Math.min(min, Math.max(0, t.tolerationSeconds) * 1000);
    }
  }
  return min;
}
