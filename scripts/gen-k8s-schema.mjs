#!/usr/bin/env node
// Generates src/k8s/k8s.schema.json: a JSON Schema (draft-07) for the Kubernetes kinds the lab
// reads, for monaco-yaml's validation, completion and hover. The source is the `kubernetes-types`
// npm package (Apache-2.0, generated from the Kubernetes 1.30 OpenAPI spec), read with the
// TypeScript compiler API: interfaces → objects, `?` → optional, `number | string` → IntOrString,
// literal `apiVersion`/`kind` → enums, JSDoc → description. Nothing here is hand-written except
// the two component-config kinds that are not API objects (KubeProxyConfiguration,
// KubeletConfiguration) and the `List` wrapper.
//
// Usage: node scripts/gen-k8s-schema.mjs [--if-missing] [--out FILE]
// `npm run build` calls it with --if-missing so builds stay fast and offline.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? resolve(args[outIdx + 1]) : resolve(root, 'src/k8s/k8s.schema.json');
if (args.includes('--if-missing') && existsSync(out)) process.exit(0);

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('kubernetes-types/package.json'));
const pkgVersion = require('kubernetes-types/package.json').version;

/** [group/version file, interface name] of every root kind the lab uses. */
const ROOTS = [
  ['core/v1', 'Pod'], ['core/v1', 'Service'], ['core/v1', 'Node'], ['core/v1', 'Namespace'],
  ['core/v1', 'ConfigMap'], ['core/v1', 'Secret'],
  ['apps/v1', 'Deployment'], ['apps/v1', 'ReplicaSet'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'StatefulSet'],
  ['discovery/v1', 'EndpointSlice'],
  ['networking/v1', 'Ingress'], ['networking/v1', 'IngressClass'],
];

const files = [...new Set(ROOTS.map(([f]) => resolve(pkgDir, `${f}.d.ts`)))];
const program = ts.createProgram(files, { noEmit: true, skipLibCheck: true });
const checker = program.getTypeChecker();

/** definition name → schema */
const definitions = {};

function groupOf(decl) {
  const rel = decl.getSourceFile().fileName.slice(pkgDir.length + 1).replace(/\.d\.ts$/, '');
  return rel.replace(/\//g, '.');
}

function docOf(symbolOrNode) {
  const sym = symbolOrNode;
  const text = ts.displayPartsToString(sym.getDocumentationComment(checker)).trim();
  if (!text) return undefined;
  // First paragraph only: hovers stay readable and the schema stays small.
  return text.split(/\n\s*\n/)[0].replace(/\s+/g, ' ');
}

function defName(decl) {
  return `io.k8s.${groupOf(decl)}.${decl.name.text}`;
}

/** JSON Schema for a TypeNode. */
function schemaOfTypeNode(node) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword: return { type: 'string' };
    case ts.SyntaxKind.NumberKeyword: return { type: 'integer' };
    case ts.SyntaxKind.BooleanKeyword: return { type: 'boolean' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.ObjectKeyword: return {};
    case ts.SyntaxKind.LiteralType:
      if (ts.isStringLiteral(node.literal)) return { type: 'string', enum: [node.literal.text] };
      return {};
    case ts.SyntaxKind.ArrayType: return { type: 'array', items: schemaOfTypeNode(node.elementType) };
    case ts.SyntaxKind.ParenthesizedType: return schemaOfTypeNode(node.type);
    case ts.SyntaxKind.UnionType: {
      const kinds = node.types.map((t) => t.kind);
      // IntOrString (k8s.io/apimachinery/pkg/util/intstr) is `number | string` in kubernetes-types.
      if (kinds.includes(ts.SyntaxKind.NumberKeyword) && kinds.includes(ts.SyntaxKind.StringKeyword)) {
        return { type: ['integer', 'string'] };
      }
      return { anyOf: node.types.map(schemaOfTypeNode) };
    }
    case ts.SyntaxKind.TypeLiteral: {
      const index = node.members.find(ts.isIndexSignatureDeclaration);
      if (index) return { type: 'object', additionalProperties: schemaOfTypeNode(index.type) };
      return { type: 'object' };
    }
    case ts.SyntaxKind.TypeReference: return schemaOfReference(node);
    default: return {};
  }
}

function schemaOfReference(node) {
  // kubernetes-types writes lists as Array<T>.
  if (ts.isIdentifier(node.typeName) && node.typeName.text === 'Array' && node.typeArguments?.length === 1) {
    return { type: 'array', items: schemaOfTypeNode(node.typeArguments[0]) };
  }
  let sym = checker.getSymbolAtLocation(node.typeName);
  if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
  const decl = sym?.declarations?.[0];
  if (!decl) return {};
  if (ts.isTypeAliasDeclaration(decl)) {
    // Time, MicroTime, Quantity … are aliases of string: inline them with their description.
    const s = schemaOfTypeNode(decl.type);
    const d = docOf(sym);
    return d ? { ...s, description: d } : s;
  }
  if (ts.isInterfaceDeclaration(decl)) {
    const name = defName(decl);
    if (!(name in definitions)) {
      definitions[name] = {}; // reserve first: recursive types (JSONSchemaProps) terminate
      definitions[name] = schemaOfInterface(decl, sym);
    }
    return { $ref: `#/definitions/${name}` };
  }
  return {};
}

function schemaOfInterface(decl, sym) {
  const properties = {};
  const required = [];
  for (const m of decl.members) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const name = m.name.getText();
    const s = schemaOfTypeNode(m.type);
    const d = docOf(checker.getSymbolAtLocation(m.name));
    properties[name] = d && !s.$ref ? { ...s, description: d } : d ? { allOf: [s], description: d } : s;
    if (!m.questionToken) required.push(name);
  }
  const schema = { type: 'object', properties, additionalProperties: false };
  const d = docOf(sym);
  if (d) schema.description = d;
  if (required.length) schema.required = required;
  return schema;
}

const kindBranches = [];
const kinds = [];
for (const [file, name] of ROOTS) {
  const sf = program.getSourceFile(resolve(pkgDir, `${file}.d.ts`));
  const decl = sf.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (!decl) throw new Error(`kubernetes-types ${file}: no interface ${name}`);
  const ref = schemaOfReference(ts.factory.createTypeReferenceNode(decl.name));
  // A synthetic node has no symbol: look the declaration up directly instead.
  const defKey = defName(decl);
  if (!ref.$ref) definitions[defKey] = schemaOfInterface(decl, checker.getSymbolAtLocation(decl.name));
  // apiVersion and kind are optional in the TS types (client defaults); a manifest must have both.
  const def = definitions[defKey];
  def.required = [...new Set(['apiVersion', 'kind', ...(def.required ?? [])])];
  kinds.push(name);
  kindBranches.push({ if: { properties: { kind: { const: name } }, required: ['kind'] }, then: { $ref: `#/definitions/${defKey}` } });
}

// Component configuration kinds (not served by the API server; read by kube-proxy and kubelet
// from their --config files). Only the fields the lab reads are typed; others are allowed.
// kube-proxy: pkg/proxy/apis/config/v1alpha1 (k8s.io/kube-proxy/config/v1alpha1/types.go)
definitions['io.k8s.kubeproxy.config.v1alpha1.KubeProxyConfiguration'] = {
  type: 'object',
  description: 'KubeProxyConfiguration (kubeproxy.config.k8s.io/v1alpha1): the kube-proxy --config file. The lab reads mode, clusterCIDR, iptables.masqueradeAll, ipvs.scheduler and nodePortAddresses.',
  required: ['apiVersion', 'kind'],
  properties: {
    apiVersion: { type: 'string', enum: ['kubeproxy.config.k8s.io/v1alpha1'] },
    kind: { type: 'string', enum: ['KubeProxyConfiguration'] },
    mode: { type: 'string', enum: ['', 'iptables', 'ipvs', 'nftables', 'kernelspace'], description: 'mode specifies which proxy mode to use. On Linux the default is iptables.' },
    clusterCIDR: { type: 'string', description: 'clusterCIDR is the CIDR range of the pods in the cluster (comma-separated for dual-stack).' },
    bindAddress: { type: 'string' },
    hostnameOverride: { type: 'string' },
    nodePortAddresses: { type: 'array', items: { type: 'string' }, description: 'nodePortAddresses is a list of CIDR ranges that contain valid node IPs, or "primary".' },
    detectLocalMode: { type: 'string', enum: ['', 'ClusterCIDR', 'NodeCIDR', 'BridgeInterface', 'InterfaceNamePrefix'] },
    iptables: { type: 'object', properties: {
      masqueradeAll: { type: 'boolean', description: 'masqueradeAll tells kube-proxy to SNAT all traffic sent to Service cluster IPs.' },
      masqueradeBit: { type: 'integer' }, localhostNodePorts: { type: 'boolean' },
      syncPeriod: { type: 'string' }, minSyncPeriod: { type: 'string' } } },
    ipvs: { type: 'object', properties: {
      scheduler: { type: 'string', description: 'scheduler is the IPVS scheduler to use (rr, wrr, lc, wlc, lblc, lblcr, sh, dh, sed, nq, mh).' },
      excludeCIDRs: { type: 'array', items: { type: 'string' } }, strictARP: { type: 'boolean' },
      syncPeriod: { type: 'string' }, minSyncPeriod: { type: 'string' },
      tcpTimeout: { type: 'string' }, tcpFinTimeout: { type: 'string' }, udpTimeout: { type: 'string' } } },
    nftables: { type: 'object', properties: { masqueradeAll: { type: 'boolean' }, masqueradeBit: { type: 'integer' }, syncPeriod: { type: 'string' }, minSyncPeriod: { type: 'string' } } },
    conntrack: { type: 'object' },
    featureGates: { type: 'object', additionalProperties: { type: 'boolean' } },
  },
};
// kubelet: k8s.io/kubelet/config/v1beta1/types.go
definitions['io.k8s.kubelet.config.v1beta1.KubeletConfiguration'] = {
  type: 'object',
  description: 'KubeletConfiguration (kubelet.config.k8s.io/v1beta1): the kubelet --config file. The lab reads the eviction thresholds and DNS settings.',
  required: ['apiVersion', 'kind'],
  properties: {
    apiVersion: { type: 'string', enum: ['kubelet.config.k8s.io/v1beta1'] },
    kind: { type: 'string', enum: ['KubeletConfiguration'] },
    evictionHard: { type: 'object', additionalProperties: { type: 'string' }, description: 'evictionHard is a map of signal names to quantities that defines hard eviction thresholds, e.g. memory.available: "100Mi".' },
    evictionSoft: { type: 'object', additionalProperties: { type: 'string' } },
    evictionSoftGracePeriod: { type: 'object', additionalProperties: { type: 'string' } },
    evictionPressureTransitionPeriod: { type: 'string' },
    evictionMaxPodGracePeriod: { type: 'integer' },
    clusterDNS: { type: 'array', items: { type: 'string' } },
    clusterDomain: { type: 'string' },
    maxPods: { type: 'integer' },
    resolvConf: { type: 'string' },
    shutdownGracePeriod: { type: 'string' },
    featureGates: { type: 'object', additionalProperties: { type: 'boolean' } },
  },
};
for (const [name, def] of [['KubeProxyConfiguration', 'io.k8s.kubeproxy.config.v1alpha1.KubeProxyConfiguration'], ['KubeletConfiguration', 'io.k8s.kubelet.config.v1beta1.KubeletConfiguration']]) {
  kinds.push(name);
  kindBranches.push({ if: { properties: { kind: { const: name } }, required: ['kind'] }, then: { $ref: `#/definitions/${def}` } });
}
// `kubectl get -o yaml` prints a v1 List whose items are any of the kinds above.
definitions['io.podlab.List'] = {
  type: 'object', required: ['apiVersion', 'kind'],
  description: 'A v1 List, as `kubectl get -o yaml` prints it.',
  properties: {
    apiVersion: { type: 'string', enum: ['v1'] }, kind: { type: 'string', enum: ['List'] },
    metadata: { type: 'object' },
    items: { type: 'array', items: { $ref: '#/definitions/io.podlab.Object' } },
  },
};
kinds.push('List');
kindBranches.push({ if: { properties: { kind: { const: 'List' } }, required: ['kind'] }, then: { $ref: '#/definitions/io.podlab.List' } });
definitions['io.podlab.Object'] = {
  type: 'object', required: ['apiVersion', 'kind'],
  properties: { apiVersion: { type: 'string' }, kind: { type: 'string', enum: kinds } },
  allOf: kindBranches,
};

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'inmemory://podlab/k8s.schema.json',
  title: `Pod Lab Kubernetes manifests (generated from kubernetes-types ${pkgVersion}, Apache-2.0, by scripts/gen-k8s-schema.mjs)`,
  $ref: '#/definitions/io.podlab.Object',
  definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))),
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(schema) + '\n');
console.log(`wrote ${out}: ${Object.keys(definitions).length} definitions, ${kinds.length} kinds, ${(JSON.stringify(schema).length / 1024).toFixed(0)} KB`);
