import { describe, expect, it } from 'vitest';
import type { ClusterObject, KubeObject } from '../../engine/cluster/objects.ts';
import { kubectlDescribe, kubectlGet } from './printObject.ts';

const co = (o: Partial<KubeObject> & { kind: string; metadata: KubeObject['metadata'] }): ClusterObject =>
  ({ key: `${o.kind}/${o.metadata.name}`, object: { apiVersion: 'v1', ...o } as KubeObject });

describe('kubectlGet', () => {
  it.each([
    ['Pod', co({ kind: 'Pod', metadata: { name: 'web-1', namespace: 'default' }, spec: { nodeName: 'n1', containers: [{}, {}] },
      status: { phase: 'Running', podIP: '10.244.1.5', containerStatuses: [{ ready: true, restartCount: 1 }, { ready: false, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } }] } }),
      'NAMESPACE   NAME    READY   STATUS             RESTARTS   IP           NODE\ndefault     web-1   1/2     CrashLoopBackOff   3          10.244.1.5   n1'],
    ['Service', co({ kind: 'Service', metadata: { name: 'web' }, spec: { type: 'LoadBalancer', clusterIP: '10.96.0.7', ports: [{ port: 80, nodePort: 30080 }], selector: { app: 'web' } } }),
      'NAME   TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)        SELECTOR\nweb    LoadBalancer   10.96.0.7    <pending>     80:30080/TCP   app=web'],
    ['pending Pod', co({ kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{}] } }),
      'NAME   READY   STATUS    RESTARTS   IP       NODE\np      0/1     Pending   0          <none>   <none>'],
    ['EndpointSlice', co({ kind: 'EndpointSlice', metadata: { name: 'web-x' }, addressType: 'IPv4', ports: [{ port: 8080 }], endpoints: [1, 2, 3, 4].map((i) => ({ addresses: [`10.0.0.${i}`] })) } as never),
      'NAME    ADDRESSTYPE   PORTS   ENDPOINTS\nweb-x   IPv4          8080    10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...'],
  ])('%s', (_n, obj, want) => {
    expect(kubectlGet(obj)).toBe(want);
  });
});

describe('kubectlDescribe', () => {
  it('prints metadata and nested spec', () => {
    const text = kubectlDescribe(co({ kind: 'Service', metadata: { name: 'web', namespace: 'shop', labels: { a: '1', b: '2' } }, spec: { ports: [{ port: 80, protocol: 'TCP' }], selector: { app: 'web' } } }));
    expect(text).toContain('Name:             web');
    expect(text).toContain('Labels:           a=1\n                  b=2');
    expect(text).toContain('Annotations:      <none>');
    expect(text).toMatch(/Spec:\n {2}ports:\n {4}- port: +80\n {6}protocol: +TCP/);
  });
});
