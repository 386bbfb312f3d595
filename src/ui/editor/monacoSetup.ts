// Monaco, bundled (no CDN: toolchain.md P3), with monaco-yaml validating and completing against
// the Kubernetes schema generated at build time from kubernetes-types (scripts/gen-k8s-schema.mjs).
// monaco-editor 0.54.0 needs no alias or worker shim (toolchain.md §3, P4–P6). The lean import
// (editor core + features + the YAML tokenizer) leaves out Monaco's ~80 other languages and the
// TS/CSS/HTML/JSON language services, which this editor never uses.
import { loader } from '@monaco-editor/react';
import 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import * as monacoApi from 'monaco-editor/esm/vs/editor/editor.api.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import YamlWorker from 'monaco-yaml/yaml.worker?worker';
import schemaText from '../../k8s/k8s.schema.json?raw';

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};
const monaco = monacoApi as unknown as typeof import('monaco-editor');
loader.config({ monaco });

// toolchain.md P5, seen here on 0.54.0 too: monaco.editor.createWebWorker now wants `{ worker }`
// and no longer sends `createData`, while monaco-yaml 5.5.1 still passes `{ label, moduleId,
// createData }` (monaco-yaml#272). This shim does the handshake monaco's own language workers do.
type WorkerOpts = { createData?: unknown; host?: Record<string, (...args: unknown[]) => unknown>; keepIdleModels?: boolean };
const monacoForYaml = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker(opts: WorkerOpts) {
      const worker = new YamlWorker();
      worker.postMessage('ignore');
      worker.postMessage(opts.createData);
      return monaco.editor.createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels } as unknown as Parameters<typeof monaco.editor.createWebWorker>[0]);
    },
  },
} as unknown as typeof monaco;

// P10: never the `kubernetes` keyword (it fetches from GitHub); the schema is passed inline.
configureMonacoYaml(monacoForYaml, {
  enableSchemaRequest: false,
  validate: true,
  hover: true,
  completion: true,
  schemas: [{ uri: 'inmemory://podlab/k8s.schema.json', fileMatch: ['**/*.yaml'], schema: JSON.parse(schemaText) }],
});

export { monaco };
