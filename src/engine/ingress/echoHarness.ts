// The backends kubernetes-sigs/ingress-controller-conformance creates for an Ingress under test
// (test/kubernetes/deployment.go NewEchoDeployment, templates/templates.go): per backend Service
// a Deployment `<ingress>-<service>` of the echo server on port 3000, waited on until ready.
// The lab adds the ready EndpointSlice those Pods would give each Service, so the same Ingress
// can be routed as the conformance run routes it.
import { objectsOfKind, type ClusterObject, type ClusterSnapshot, type KubeObject } from '../cluster/objects.ts';
import { ingressSpecOf, type IngressBackend } from './ingressSpec.ts';

export const ECHO_PORT = 3000;

export interface EchoHarnessSetup {
  /** `setup.scaleDeployment`: the Deployment `<ingress>-<service>` to scale … */
  readonly scaleDeployment?: string;
  /** … to this many replicas (default 1 each). */
  readonly replicas?: number;
}

/** The snapshot plus one ready EndpointSlice per backend Service of every Ingress. */
export function withEchoBackends(s: ClusterSnapshot, setup: EchoHarnessSetup = {}): ClusterSnapshot {
  const added: ClusterObject[] = [];
  let podIndex = 0;
  for (const { object } of objectsOfKind(s, 'Ingress')) {
    const ing = ingressSpecOf(object);
    const backends: IngressBackend[] = [ing.defaultBackend, ...ing.rules.flatMap((r) => r.paths.map((p) => p.backend))].filter((b): b is IngressBackend => !!b);
    const names = [...new Set(backends.map((b) => b.service?.name).filter((n): n is string => !!n))];
    for (const svcName of names) {
      const deployment = `${ing.name}-${svcName}`;
      const replicas = setup.scaleDeployment === deployment && setup.replicas ? setup.replicas : 1;
      const svc = objectsOfKind(s, 'Service').find((o) => o.object.metadata.name === svcName && (o.object.metadata.namespace ?? 'default') === ing.namespace);
      const svcPorts = (svc?.object.spec?.ports ?? [{}]) as { name?: string; protocol?: string }[];
      const slice: KubeObject = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: `${svcName}-echo`, namespace: ing.namespace, labels: { 'kubernetes.io/service-name': svcName } },
        addressType: 'IPv4',
        ports: svcPorts.map((p) => ({ name: p.name ?? '', port: ECHO_PORT, protocol: p.protocol ?? 'TCP' })),
        endpoints: Array.from({ length: replicas }, (_, i) => {
          podIndex++;
          return {
            addresses: [`10.244.${Math.floor(podIndex / 250)}.${(podIndex % 250) + 2}`],
            conditions: { ready: true },
            targetRef: { kind: 'Pod', namespace: ing.namespace, name: `${deployment}-${i}` },
          };
        }),
      };
      added.push({ key: `EndpointSlice/${ing.namespace}/${svcName}-echo`, object: slice, generatedBy: `Ingress/${ing.namespace}/${ing.name}` });
    }
  }
  return { ...s, objects: [...s.objects, ...added] };
}
