// A case built from a lab cluster: Node + KubeProxyConfiguration + Service + EndpointSlice
// through buildCluster → proxierConfigForNode → buildProxyModel → syncProxyRules.
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../cluster/index.ts';
import { proxierConfigForNode, masqueradeMarkFor, effectiveLocalhostNodePorts } from './proxierConfig.ts';
import { buildProxyModel } from './proxyModel.ts';
import { chainRules, renderRestore, syncProxyRules, ruleText, compareResync } from './iptables/index.ts';

const YAML = `
apiVersion: v1
kind: Node
metadata: {name: worker-1, labels: {topology.kubernetes.io/zone: zone-a}}
spec: {podCIDR: 10.244.1.0/24}
status: {addresses: [{type: InternalIP, address: 172.18.0.3}]}
---
apiVersion: v1
kind: Node
metadata: {name: worker-2}
spec: {podCIDR: 10.244.2.0/24}
status: {addresses: [{type: InternalIP, address: 172.18.0.4}]}
---
apiVersion: v1
kind: Node
metadata: {name: worker-3}
spec: {podCIDR: 10.244.3.0/24}
status: {addresses: [{type: InternalIP, address: 172.18.0.5}]}
---
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
metadata: {name: kube-proxy}
detectLocalMode: NodeCIDR
iptables: {masqueradeBit: 14, localhostNodePorts: false}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: NodePort
  clusterIP: 10.96.12.34
  externalTrafficPolicy: Local
  ports: [{name: http, port: 80, targetPort: 8080, nodePort: 30080}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-abc12, namespace: shop, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints:
- {addresses: [10.244.1.5], nodeName: worker-1}
- {addresses: [10.244.2.7], nodeName: worker-2}
ports: [{name: http, port: 8080, protocol: TCP}]
`;

describe('a lab cluster through the iptables renderer', () => {
  const cluster = buildCluster([{ name: 'lab.yaml', text: YAML }]);
  it('derives the node config from Node and KubeProxyConfiguration', () => {
    const cfg = proxierConfigForNode(cluster, { nodeName: 'worker-2' });
    expect(cfg).toMatchObject({ nodeName: 'worker-2', nodeIPs: ['172.18.0.4'], localDetector: { mode: 'NodeCIDR', podCIDR: '10.244.2.0/24' }, masqueradeMark: '0x00004000', localhostNodePorts: false });
  });
  it('eTP=Local: worker-1 sends external traffic to its local endpoint only (SVL), worker-3 has no local endpoint', () => {
    const on = (node: string) => {
      const cfg = proxierConfigForNode(cluster, { nodeName: node });
      return syncProxyRules(buildProxyModel(cluster, cfg));
    };
    const w1 = on('worker-1');
    const svl = w1.nat.chains.find((c) => c.name.startsWith('KUBE-SVL-'));
    expect(svl, renderRestore(w1)).toBeDefined();
    expect(chainRules(w1.nat, svl!.name).map(ruleText).join('\n')).toContain('-> 10.244.1.5:8080');
    expect(chainRules(w1.nat, svl!.name).map(ruleText).join('\n')).not.toContain('10.244.2.7');
    const w2 = on('worker-3');
    expect(w2.nat.chains.some((c) => c.name.startsWith('KUBE-SVL-'))).toBe(false);
    expect(renderRestore(w2)).toContain('-A KUBE-EXTERNAL-SERVICES -m comment --comment "shop/web:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j DROP');
    // NodeCIDR detector: the pod short-circuit uses this node's podCIDR.
    expect(renderRestore(w2)).toContain('-s 10.244.3.0/24 -j KUBE-SVC-');
  });
  it('every rule carries provenance back to its Service / EndpointSlice', () => {
    const rs = syncProxyRules(buildProxyModel(cluster, proxierConfigForNode(cluster, { nodeName: 'worker-1' })));
    const sep = rs.nat.rules.find((r) => r.spec.includes(' -j DNAT ') && r.provenance?.endpoint === '10.244.1.5:8080');
    expect(sep?.provenance).toMatchObject({ service: 'Service/shop/web', servicePort: 'shop/web:http', endpointSlice: 'EndpointSlice/shop/web-abc12' });
  });
  it('a partial resync after an endpoint change rewrites only that Service\'s chains', () => {
    const cfg = proxierConfigForNode(cluster, { nodeName: 'worker-1' });
    const before = buildProxyModel(cluster, cfg);
    const objs = cluster.objects.map((o) => o.object).map((o) => (o.metadata.name === 'web-abc12' ? { ...o, endpoints: (o.endpoints as unknown[]).slice(0, 1) } : o));
    const after = buildProxyModel(objs, cfg);
    const cmp = compareResync(before, after);
    // The worker passes the rulesets it already synced: the same comparison.
    expect(compareResync(before, after, { before: syncProxyRules(before), after: syncProxyRules(after) })).toEqual(cmp);
    expect(cmp.changedServicePorts).toEqual(['shop/web:http']);
    expect(cmp.partial.bytes).toBeLessThan(cmp.full.bytes);
    expect(cmp.partialRestore).toContain('-X KUBE-SEP-'); // the removed endpoint's chain is deleted
    expect(cmp.partialRestore).not.toContain('KUBE-SVC-NPX46M4PTMTKRN6Y - [0:0]'); // default/kubernetes untouched
  });
  it('mark formatting and localhost NodePorts follow NewProxier', () => {
    expect(masqueradeMarkFor(14)).toBe('0x00004000');
    expect(masqueradeMarkFor(0)).toBe('0x00000001');
    expect(effectiveLocalhostNodePorts('IPv4', true, null)).toBe(true);
    expect(effectiveLocalhostNodePorts('IPv4', true, ['192.168.0.0/24'])).toBe(false);
    expect(effectiveLocalhostNodePorts('IPv4', true, ['127.0.0.1/32', '192.168.0.0/24'])).toBe(true);
    expect(effectiveLocalhostNodePorts('IPv6', true, null)).toBe(false);
  });
});
