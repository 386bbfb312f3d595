// The engine's public face. Each domain exports from its own index; nothing outside src/engine
// reaches into a domain's files directly except tests.
export * as shared from './shared/index.ts';
export * as cluster from './cluster/index.ts';
