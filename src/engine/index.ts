// The engine's public face. Each domain exports from its own index; nothing outside src/engine
// reaches into a domain's files directly except tests.
export * as shared from './shared/index.ts';
export * as cluster from './cluster/index.ts';
export * as pods from './pods/index.ts';
export * as kubeproxy from './kubeproxy/index.ts';
export * as netfilter from './netfilter/index.ts';
export * as dns from './dns/index.ts';
export * as ingress from './ingress/index.ts';
export * as env from './env/index.ts';
export * as simulation from './simulation/index.ts';
