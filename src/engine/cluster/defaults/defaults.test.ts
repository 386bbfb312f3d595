import { describe, expect, it } from 'vitest';
import { defaultImagePullPolicy, defaultPodSpec } from './podDefaults.ts';
import { defaultServiceSpec } from './serviceDefaults.ts';
import { defaultWorkloadSpec } from './workloadDefaults.ts';

describe('Pod defaults (SetDefaults_PodSpec, SetDefaults_Container)', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry.k8s.io:5000/pause', 'Always'],
    ['registry.k8s.io:5000/pause:3.10', 'IfNotPresent'],
    ['nginx@sha256:abcd', 'IfNotPresent'],
  ])('imagePullPolicy for %s is %s', (image, want) => {
    expect(defaultImagePullPolicy(image)).toBe(want);
  });

  it('fills the API defaults and admission fields', () => {
    const spec: Record<string, any> = { containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '500m', memory: '128Mi' } }, readinessProbe: { httpGet: { port: 80 } } }] }; // eslint-disable-line @typescript-eslint/no-explicit-any
    defaultPodSpec(spec);
    expect(spec).toMatchObject({
      restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler',
      enableServiceLinks: true, serviceAccountName: 'default', priority: 0,
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    });
    const c = spec.containers[0];
    expect(c).toMatchObject({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
    expect(c.resources.requests).toEqual({ cpu: '500m', memory: '128Mi' });
    expect(c.ports[0].protocol).toBe('TCP');
    expect(c.readinessProbe).toMatchObject({ timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, httpGet: { path: '/', scheme: 'HTTP' } });
  });

  it('keeps a toleration that already covers not-ready', () => {
    const spec: Record<string, any> = { containers: [], tolerations: [{ operator: 'Exists' }] }; // eslint-disable-line @typescript-eslint/no-explicit-any
    defaultPodSpec(spec);
    expect(spec.tolerations).toEqual([{ operator: 'Exists' }]);
  });
});

describe('Service defaults (SetDefaults_Service)', () => {
  it.each([
    ['ClusterIP', {}, { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] }, ['externalTrafficPolicy']],
    ['NodePort', { type: 'NodePort' }, { externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' }, ['allocateLoadBalancerNodePorts']],
    ['LoadBalancer', { type: 'LoadBalancer' }, { externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true }, []],
    ['ClientIP', { sessionAffinity: 'ClientIP' }, { sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } }, []],
    ['externalIPs', { externalIPs: ['1.2.3.4'] }, { externalTrafficPolicy: 'Cluster' }, []],
    ['ExternalName', { type: 'ExternalName', externalName: 'x.example' }, { type: 'ExternalName' }, ['internalTrafficPolicy', 'ipFamilies']],
  ])('%s', (_name, spec, want, absent) => {
    const s: Record<string, unknown> = { ports: [{ port: 80 }], ...spec };
    defaultServiceSpec(s, ['IPv4']);
    expect(s).toMatchObject(want);
    for (const k of absent) expect(s[k], k).toBeUndefined();
    expect((s.ports as Record<string, unknown>[])[0]).toEqual({ port: 80, protocol: 'TCP', targetPort: 80 });
  });
});

describe('workload defaults', () => {
  it('Deployment: replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600', () => {
    const spec: Record<string, any> = { template: { spec: { containers: [{ name: 'c', image: 'x' }] } } }; // eslint-disable-line @typescript-eslint/no-explicit-any
    defaultWorkloadSpec('Deployment', spec);
    expect(spec).toMatchObject({ replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
    expect(spec.template.spec.restartPolicy).toBe('Always');
    expect(spec.template.spec.tolerations).toBeUndefined();
  });
});
