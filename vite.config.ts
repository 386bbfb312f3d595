/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// toolchain.md §3: monaco-editor 0.54.0 needs no alias; the optimizeDeps list keeps the dev
// server from reloading mid-test (P7).
export default defineConfig({
  base: './',
  plugins: [react()],
  optimizeDeps: { include: ['monaco-yaml > path-browserify', 'yaml'] },
  worker: { format: 'es' },
  build: { chunkSizeWarningLimit: 6000 },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
