// Used only when public/scenarios/index.json cannot be fetched (e.g. a build without scenarios):
// two Nodes, a Deployment's worth of Pods written out, and a NodePort Service in front of them.
import type { ScenarioEntry } from '../../store/scenarioSlice.ts';

export const BUILTIN_SCENARIO: ScenarioEntry = {
  id: 'builtin-web', file: '', title: 'web: two Pods behind a NodePort Service',
  description: 'Built-in fallback scenario',
};

export const BUILTIN_TEXT = `# Two Nodes, two web Pods and a NodePort Service.
apiVersion: v1
kind: Node
metadata:
  name: node-a
  labels: {kubernetes.io/hostname: node-a}
spec:
  podCIDR: 10.244.1.0/24
status:
  addresses: [{type: InternalIP, address: 192.168.49.2}]
  conditions: [{type: Ready, status: "True"}]
---
apiVersion: v1
kind: Node
metadata:
  name: node-b
  labels: {kubernetes.io/hostname: node-b}
spec:
  podCIDR: 10.244.2.0/24
status:
  addresses: [{type: InternalIP, address: 192.168.49.3}]
  conditions: [{type: Ready, status: "True"}]
---
apiVersion: v1
kind: Pod
metadata:
  name: web-1
  namespace: default
  labels: {app: web}
spec:
  nodeName: node-a
  containers:
  - name: nginx
    image: nginx:1.27
    ports: [{containerPort: 80}]
---
apiVersion: v1
kind: Pod
metadata:
  name: web-2
  namespace: default
  labels: {app: web}
spec:
  nodeName: node-b
  containers:
  - name: nginx
    image: nginx:1.27
    ports: [{containerPort: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: default
spec:
  type: NodePort
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 80
    nodePort: 30080
---
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
clusterCIDR: 10.244.0.0/16
`;
