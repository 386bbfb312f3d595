// Lint enforces the dependency rule (DESIGN.md): ui → store → worker client → engine;
// cli → engine; the engine imports nothing outside itself and stays pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const uiLibs = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', '@xyflow/*', 'monaco-editor', 'monaco-editor/*', 'monaco-yaml', '@monaco-editor/*', 'elkjs', 'elkjs/*', 'comlink'];

/** Inside the engine a domain imports shared/ and earlier domains only. */
const laterDomains = {
  shared: ['cluster', 'pods', 'kubeproxy', 'netfilter', 'dns', 'ingress', 'env'],
  cluster: ['pods', 'kubeproxy', 'netfilter', 'dns', 'ingress', 'env'],
  pods: ['kubeproxy', 'netfilter', 'dns', 'ingress', 'env'],
  kubeproxy: ['netfilter', 'dns', 'ingress', 'env'],
  netfilter: ['dns', 'ingress', 'env'],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: uiLibs, message: 'The engine is pure: no UI libraries (DESIGN.md).' },
        { group: ['**/ui/**', '**/store/**', '**/worker/**', '**/cli/**'], message: 'The engine imports nothing outside src/engine.' },
        { group: ['node:*', 'fs', 'path', 'child_process'], message: 'The engine runs in a worker: no Node APIs.' },
      ] }],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the seeded random from shared/random.ts.' },
        { object: 'Date', property: 'now', message: 'Use the simulated clock from shared/clock.ts.' },
        { object: 'performance', property: 'now', message: 'Use the simulated clock from shared/clock.ts.' }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'setTimeout', 'setInterval', 'fetch', 'navigator'],
    },
  },
  ...Object.entries(laterDomains).map(([domain, later]) => ({
    files: [`src/engine/${domain}/**/*.ts`],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: uiLibs, message: 'The engine is pure: no UI libraries (DESIGN.md).' },
        { group: ['**/ui/**', '**/store/**', '**/worker/**', '**/cli/**'], message: 'The engine imports nothing outside src/engine.' },
        { group: ['node:*', 'fs', 'path', 'child_process'], message: 'The engine runs in a worker: no Node APIs.' },
        { group: later.map((d) => `**/engine/${d}/**`).concat(later.map((d) => `../${d}/**`)), message: `engine/${domain} may import only shared/ and earlier domains (cluster → pods → kubeproxy → netfilter).` },
      ] }],
    },
  })),
  {
    files: ['src/store/**/*.ts', 'src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/ui/**', 'react', 'react-dom', '@xyflow/*', 'monaco-editor', 'monaco-editor/*'], message: 'store and worker sit below the UI.' },
      ] }],
    },
  },
  {
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/engine/**/!(*types|index).ts'], message: 'The UI talks to the engine through the store and worker client; import engine types only.', allowTypeImports: true },
      ] }],
    },
  },
);
