import { describe, expect, it } from 'vitest';
import { buildCluster } from '../buildCluster.ts';
import { parseManifests } from '../parseManifests.ts';
import { validateObject } from './validateObject.ts';

function errorsOf(yaml: string) {
  const { objects } = parseManifests([{ name: 'v.yaml', text: yaml }]);
  return validateObject(objects[0]!).diagnostics.filter((d) => d.severity === 'error');
}

const service = (spec: string, name = 'web') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
const pod = (spec: string, name = 'p') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
const okContainers = '  containers:\n  - name: c\n    image: nginx\n';

describe('validateObject: what the apiserver rejects', () => {
  it.each([
    ['Service name not DNS-1035', service('  ports:\n  - port: 80\n', '1web'), 'metadata.name', 'DNS-1035', 4],
    ['port out of range', service('  ports:\n  - port: 70000\n'), 'spec.ports[0].port', 'between 1 and 65535', 7],
    ['ports required', service('  selector: {a: b}\n'), 'spec.ports', 'Required value', 6],
    ['port name required with 2 ports', service('  ports:\n  - port: 80\n  - port: 81\n    name: b\n'), 'spec.ports[0].name', 'Required', 7],
    ['duplicate port', service('  ports:\n  - {port: 80, name: a}\n  - {port: 80, name: b}\n'), 'spec.ports[1]', 'Duplicate value', 8],
    ['bad protocol', service('  ports:\n  - port: 80\n    protocol: HTTP\n'), 'spec.ports[0].protocol', 'Unsupported value: "HTTP"', 8],
    ['nodePort on ClusterIP', service('  ports:\n  - port: 80\n    nodePort: 30001\n'), 'spec.ports[0].nodePort', "may not be used when `type` is 'ClusterIP'", 8],
    ['bad targetPort name', service('  ports:\n  - port: 80\n    targetPort: http--x\n'), 'spec.ports[0].targetPort', 'consecutive hyphens', 8],
    ['None on NodePort', service('  type: NodePort\n  clusterIP: None\n  ports:\n  - port: 80\n'), 'spec.clusterIP', "may not be set to 'None'", 7],
    ['bad clusterIP', service('  clusterIP: 10.96.0.300\n  ports:\n  - port: 80\n'), 'spec.clusterIP', 'valid IP', 6],
    ['ETP on ClusterIP', service('  externalTrafficPolicy: Local\n  ports:\n  - port: 80\n'), 'spec.externalTrafficPolicy', 'externally-accessible', 6],
    ['ExternalName needs externalName', service('  type: ExternalName\n'), 'spec.externalName', 'Required', 6],
    ['label value not a string', service('  selector:\n    version: 1\n  ports:\n  - port: 80\n'), 'spec.selector.version', 'must be a string', 7],
    ['containers required', pod('  restartPolicy: Always\n'), 'spec.containers', 'Required value', 6],
    ['image required', pod('  containers:\n  - name: c\n'), 'spec.containers[0].image', 'Required value', 7],
    ['duplicate container name', pod(`${okContainers}  - name: c\n    image: x\n`), 'spec.containers[1].name', 'Duplicate', 9],
    ['containerPort range', pod('  containers:\n  - name: c\n    image: x\n    ports:\n    - containerPort: 0\n'), 'spec.containers[0].ports[0].containerPort', 'between 1 and 65535', 10],
    ['request above limit', pod('  containers:\n  - name: c\n    image: x\n    resources:\n      requests: {cpu: "2"}\n      limits: {cpu: "1"}\n'), 'spec.containers[0].resources.requests.cpu', 'less than or equal to cpu limit', 10],
    ['bad quantity', pod('  containers:\n  - name: c\n    image: x\n    resources:\n      requests: {memory: 12XB}\n'), 'spec.containers[0].resources.requests.memory', 'quantities must match', 10],
    ['restartPolicy enum', pod(`${okContainers}  restartPolicy: Sometimes\n`), 'spec.restartPolicy', 'Unsupported value', 9],
    ['Exists toleration with value', pod(`${okContainers}  tolerations:\n  - {key: k, operator: Exists, value: v}\n`), 'spec.tolerations[0].operator', 'value must be empty', 10],
    ['Pod name not a subdomain', pod(okContainers, 'My_Pod'), 'metadata.name', 'RFC 1123 subdomain', 4],
    ['Deployment selector must match template', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: b}}\n    spec:\n      containers: [{name: c, image: x}]\n', 'spec.template.metadata.labels', 'does not match template', 7],
    ['Deployment restartPolicy must be Always', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: x}]\n', 'spec.template.spec.restartPolicy', 'supported values: "Always"', 9],
    ['wrong apiVersion', 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\n', 'apiVersion', 'no matches for kind "Deployment"', 1],
    ['Node taint effect', 'apiVersion: v1\nkind: Node\nmetadata: {name: n}\nspec:\n  taints:\n  - {key: k, effect: Sometimes}\n', 'spec.taints[0].effect', 'Unsupported value', 6],
    ['EndpointSlice address family', 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: s}\naddressType: IPv4\nendpoints:\n- addresses: ["fd00::1"]\n', 'endpoints[0].addresses[0]', 'valid IPv4', 6],
    ['Ingress path needs pathType', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        backend: {service: {name: s, port: {number: 80}}}\n', 'spec.rules[0].http.paths[0].pathType', 'pathType must be specified', 8],
  ])('%s', (_name, yaml, path, fragment, line) => {
    const errs = errorsOf(yaml);
    const hit = errs.find((d) => d.path === path && d.message.includes(fragment));
    expect(hit, `wanted ${path} ~ "${fragment}" in:\n${errs.map((d) => `${d.path} @${d.pos?.line}: ${d.message}`).join('\n')}`).toBeDefined();
    expect(hit!.pos?.line).toBe(line);
    expect(hit!.pos?.file).toBe('v.yaml');
  });

  it.each([
    ['a plain Service', service('  ports:\n  - port: 80\n    targetPort: http\n')],
    ['a headless Service without ports', service('  clusterIP: None\n  selector: {app: db}\n')],
    ['an ExternalName Service', service('  type: ExternalName\n  externalName: example.com.\n')],
    ['a Pod', pod(okContainers)],
    ['a NodePort with a nodePort', service('  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080\n')],
  ])('accepts %s', (_name, yaml) => {
    expect(errorsOf(yaml)).toEqual([]);
  });
});

describe('cluster-wide checks at allocation', () => {
  it.each([
    ['clusterIP outside the service CIDR', service('  clusterIP: 10.0.0.5\n  ports:\n  - port: 80\n'), 'spec.clusterIP', 'not in the valid range. The range of valid IPs is 10.96.0.0/12'],
    ['clusterIP taken by kube-dns', service('  clusterIP: 10.96.0.10\n  ports:\n  - port: 80\n'), 'spec.clusterIP', 'provided IP is already allocated'],
    ['nodePort out of range', service('  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 8080\n'), 'spec.ports[0].nodePort', 'The range of valid ports is 30000-32767'],
    ['duplicate nodePort', `${service('  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080\n')}---\n${service('  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080\n', 'api')}`, 'spec.ports[0].nodePort', 'provided port is already allocated'],
    ['duplicate name', `${pod(okContainers)}---\n${pod(okContainers)}`, 'metadata.name', 'pods "p" already exists'],
  ])('%s', (_name, yaml, path, fragment) => {
    const s = buildCluster([{ name: 'c.yaml', text: yaml }]);
    const errs = s.diagnostics.filter((d) => d.severity === 'error');
    expect(errs.some((d) => d.path === path && d.message.includes(fragment) && d.pos?.file === 'c.yaml'), JSON.stringify(errs, null, 1)).toBe(true);
  });
});
