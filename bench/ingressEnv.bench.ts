// engine/ingress and engine/env at scale: the controller's server table for many Ingresses,
// requests routed through it, and a container environment in a namespace with many Services.
import type { ClusterObject, ClusterSnapshot, KubeObject } from '../src/engine/cluster/objects.ts';
import { buildIngressServers, routeIngressRequest } from '../src/engine/ingress/index.ts';
import { resolveContainerEnv } from '../src/engine/env/index.ts';
import { timeMedian, type BenchSuite } from './harness.ts';

function obj(o: KubeObject): ClusterObject {
  return { key: `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, object: o };
}

/** n Ingresses, one host each with `paths` Prefix paths, every backend Service with 3 ready endpoints. */
function ingressCluster(n: number, paths: number): ClusterSnapshot {
  const objects: ClusterObject[] = [];
  for (let i = 0; i < n; i++) {
    objects.push(
      obj({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: `ing-${i}`, namespace: 'default' },
        spec: {
          rules: [{ host: `h${i}.example.com`, http: { paths: Array.from({ length: paths }, (_, j) => ({ path: `/p${j}`, pathType: 'Prefix', backend: { service: { name: `svc-${i}-${j}`, port: { number: 80 } } } })) } }],
        },
      }),
    );
    for (let j = 0; j < paths; j++) {
      objects.push(obj({ apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${i}-${j}`, namespace: 'default' }, spec: { clusterIP: '10.96.0.1', ports: [{ port: 80 }] } }));
      objects.push(
        obj({
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: { name: `svc-${i}-${j}-x`, namespace: 'default', labels: { 'kubernetes.io/service-name': `svc-${i}-${j}` } },
          ports: [{ name: '', port: 8080 }],
          endpoints: [1, 2, 3].map((k) => ({ addresses: [`10.244.${j}.${k}`], conditions: { ready: true } })),
        }),
      );
    }
  }
  return { objects, diagnostics: [] };
}

function envCluster(services: number): { s: ClusterSnapshot; pod: KubeObject } {
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'big' },
    spec: { containers: [{ name: 'c', image: 'x', env: [{ name: 'A', value: '$(SVC_7_SERVICE_HOST):$(SVC_7_SERVICE_PORT)' }] }] },
  };
  const objects = [obj(pod)];
  for (let i = 0; i < services; i++) {
    objects.push(obj({ apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${i}`, namespace: 'big' }, spec: { clusterIP: `10.96.${i >> 8}.${i & 255}`, ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] } }));
  }
  return { s: { objects, diagnostics: [] }, pod };
}

const suite: BenchSuite = {
  name: 'ingress+env',
  run() {
    const rows = [];
    for (const [n, paths] of [[100, 10], [1000, 10]] as const) {
      const s = ingressCluster(n, paths);
      const tBuild = timeMedian(() => buildIngressServers(s));
      rows.push({ suite: 'ingress', case: `server table: ${n} Ingresses × ${paths} paths`, ms: tBuild, target: '< 100 ms', ok: tBuild < 100 });
      const servers = buildIngressServers(s);
      const reqs = 200;
      const tRoute = timeMedian(() => {
        for (let k = 0; k < reqs; k++) routeIngressRequest(s, { host: `h${k % n}.example.com`, path: `/p${k % paths}/x` }, { servers });
      }, 3);
      rows.push({ suite: 'ingress', case: `route 1 request (${n * paths} Services)`, ms: tRoute / reqs, target: '< 16 ms (one frame)', ok: tRoute / reqs < 16 });
    }
    // 5000 Services in one namespace is past what service links are usable for (the env block
    // outgrows ARG_MAX-style limits; enableServiceLinks: false exists for this): timed, no target.
    for (const n of [100, 1000, 5000]) {
      const { s, pod } = envCluster(n);
      const t = timeMedian(() => resolveContainerEnv(s, pod), 3);
      const vars = resolveContainerEnv(s, pod);
      const target = n <= 1000 ? { target: '< 100 ms', ok: t < 100 } : {};
      rows.push({ suite: 'env', case: `resolveContainerEnv, ${n} Services in the namespace`, ms: t, ...target, detail: `${vars.ok ? vars.env.length : 0} variables` });
    }
    return rows;
  },
};
export default suite;
