// One-click scenarios: a Pod (with its behavior annotation) plus a script of user events.
// Each is data the UI offers and the CLI/tests replay through the same simulation.
import { BEHAVIOR_ANNOTATION } from './behavior.ts';
import type { PodSimulationOptions, ScriptStep } from './podSimulation.ts';
import type { Container, Pod } from './types.ts';

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** What to watch, in a sentence. */
  readonly description: string;
  readonly options: PodSimulationOptions;
  readonly script: readonly ScriptStep[];
  /** How long to play it (simulated ms). */
  readonly durationMs: number;
}

function pod(name: string, containers: Container[], extra: Partial<Pod['spec']> = {}, behavior?: unknown): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: name }, ...(behavior ? { annotations: { [BEHAVIOR_ANNOTATION]: JSON.stringify(behavior) } } : {}) },
    spec: { containers, ...extra },
  };
}

const S = 1000;
const M = 60 * S;

export function crashLoopScenario(): Scenario {
  return {
    id: 'crash-loop',
    title: 'CrashLoopBackOff',
    description: 'The app exits 1 after 5 s: the first restart is immediate, then back-off 10 s, 20 s, 40 s … capped at 300 s; the phase stays Running.',
    options: { pods: [pod('crashy', [{ name: 'app', image: 'busybox:1.36' }], {}, { containers: { app: { exitAfter: '5s', exitCode: 1 } } })] },
    script: [],
    durationMs: 15 * M,
  };
}

export function oomScenario(): Scenario {
  return {
    id: 'oom-killed',
    title: 'OOMKilled',
    description: 'The container uses 256Mi with a 128Mi limit: the kernel kills it (exit 137, reason OOMKilled), it restarts and crash-loops; the pod is not evicted.',
    options: {
      pods: [
        pod('hungry', [{ name: 'app', image: 'python:3.12', resources: { requests: { memory: '64Mi' }, limits: { memory: '128Mi' } } }], {}, { containers: { app: { memory: '256Mi', startTime: '3s' } } }),
      ],
    },
    script: [],
    durationMs: 5 * M,
  };
}

export function failingReadinessScenario(): Scenario {
  return {
    id: 'failing-readiness',
    title: 'Failing readiness probe',
    description: 'Readiness fails from 60 s to 120 s: after 3 failures the pod goes Ready=False (0/1, still Running, no restart) and back once it passes.',
    options: {
      pods: [
        pod('flaky', [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 10 } }], {}, {
          containers: { web: { readinessProbe: { failAfter: '60s', failUntil: '120s' } } },
        }),
      ],
    },
    script: [],
    durationMs: 3 * M,
  };
}

export function slowStartScenario(): Scenario {
  return {
    id: 'slow-start',
    title: 'Slow start with a startup probe',
    description: 'The app needs 75 s to start; the startup probe (period 10 s, failureThreshold 30) holds liveness off until then, so it is never killed.',
    options: {
      pods: [
        pod(
          'slow',
          [
            {
              name: 'app',
              image: 'tomcat:10',
              startupProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 10, failureThreshold: 30 },
              livenessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 10 },
              readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 5 },
            },
          ],
          {},
          { containers: { app: { startTime: '75s' } } },
        ),
      ],
    },
    script: [],
    durationMs: 3 * M,
  };
}

export function deleteWithPreStopScenario(): Scenario {
  return {
    id: 'delete-prestop',
    title: 'Delete with preStop',
    description: 'kubectl delete at 60 s: Terminating, preStop sleeps 10 s, SIGTERM, the app exits after 5 s; the object disappears when every container has stopped (15 s, inside the 30 s grace).',
    options: {
      pods: [pod('graceful', [{ name: 'web', image: 'nginx:1.27', lifecycle: { preStop: { sleep: { seconds: 10 } } } }], {}, { containers: { web: { preStopTime: '10s', sigtermExitAfter: '5s' } } })],
    },
    script: [{ at: 60 * S, pod: 'default/graceful', event: { type: 'pod.delete' } }],
    durationMs: 2 * M,
  };
}

export function nodeNotReadyScenario(): Scenario {
  return {
    id: 'node-not-ready',
    title: 'Node unreachable and taint-based eviction',
    description:
      'The node stops reporting at 60 s: after the 50 s node-monitor grace period the pod is Ready=False and the node tainted unreachable:NoExecute; after the default 300 s toleration the pod is deleted and stays Terminating (its kubelet is gone).',
    options: { pods: [pod('stranded', [{ name: 'app', image: 'nginx:1.27' }])] },
    script: [{ at: 60 * S, pod: 'default/stranded', event: { type: 'node.unreachable' } }],
    durationMs: 8 * M,
  };
}

export function memoryPressureScenario(): Scenario {
  const res = (req: string, lim?: string) => ({ requests: { memory: req, cpu: '100m' }, ...(lim ? { limits: { memory: lim, cpu: '100m' } } : {}) });
  return {
    id: 'memory-pressure',
    title: 'Node memory pressure: eviction order',
    description:
      'memory.available drops under the 100Mi hard threshold three times (50Mi at 60 s, 20Mi at 90 s and at 120 s) and four pods are evicted, one per eviction-manager pass, ranked first by usage above request, then lower priority, then the most usage above request. burstable-over (70 s) frees 300Mi and ends the first pressure; besteffort (100 s) frees only 30Mi, and the pass that runs as soon as it is cleaned up (not 10 s later) still observes 50Mi available and evicts guaranteed (101 s); the third drop evicts burstable-under (130 s). The Guaranteed pod goes before the Burstable one under its request: QoS class is not the key.',
    options: {
      pods: [
        pod('guaranteed', [{ name: 'app', image: 'redis:7', resources: res('512Mi', '512Mi') }], {}, { containers: { app: { memory: '400Mi' } } }),
        pod('burstable-over', [{ name: 'app', image: 'redis:7', resources: res('100Mi', '1Gi') }], {}, { containers: { app: { memory: '300Mi' } } }),
        pod('besteffort', [{ name: 'app', image: 'redis:7' }], {}, { containers: { app: { memory: '30Mi' } } }),
        pod('burstable-under', [{ name: 'app', image: 'redis:7', resources: res('400Mi', '1Gi') }], {}, { containers: { app: { memory: '200Mi' } } }),
      ],
    },
    // Each eviction frees the victim's working set; the next pass observes the new available
    // amount and evicts again while it is still under the threshold (eviction_manager.go
    // synchronize: thresholds met are recomputed from fresh observations every pass, so three
    // drops can cost more than three pods).
    script: [
      { at: 60 * S, pod: 'default/guaranteed', event: { type: 'node.memoryAvailable', bytes: 50 * 1024 * 1024 } },
      { at: 90 * S, pod: 'default/guaranteed', event: { type: 'node.memoryAvailable', bytes: 20 * 1024 * 1024 } },
      { at: 120 * S, pod: 'default/guaranteed', event: { type: 'node.memoryAvailable', bytes: 20 * 1024 * 1024 } },
    ],
    durationMs: 3 * M,
  };
}

export function emptyDirScenario(): Scenario {
  return {
    id: 'emptydir-limit',
    title: 'emptyDir over its sizeLimit',
    description: 'The cache volume grows to 200Mi with a 100Mi sizeLimit: the eviction manager evicts the pod on its next loop, bypassing ranking; it stays Failed/Evicted.',
    options: {
      pods: [
        pod('cache', [{ name: 'app', image: 'nginx:1.27', volumeMounts: [{ name: 'cache', mountPath: '/cache' }] }], { volumes: [{ name: 'cache', emptyDir: { sizeLimit: '100Mi' } }] }),
      ],
    },
    script: [{ at: 30 * S, pod: 'default/cache', event: { type: 'volume.usage', volume: 'cache', bytes: 200 * 1024 * 1024 } }],
    durationMs: 2 * M,
  };
}

export const SCENARIOS: readonly (() => Scenario)[] = [
  crashLoopScenario,
  oomScenario,
  failingReadinessScenario,
  slowStartScenario,
  deleteWithPreStopScenario,
  nodeNotReadyScenario,
  memoryPressureScenario,
  emptyDirScenario,
];
