// `npm run bench`: runs every bench/*.bench.ts and prints one table. Benchmarks, not tests:
// they time real work on this machine and say whether a target was met; they never gate CI.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import type { BenchRow, BenchSuite } from './harness.ts';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
const rows: BenchRow[] = [];
for (const f of files) {
  const suite = (await import(pathToFileURL(join(here, f)).href)).default as BenchSuite;
  process.stderr.write(`running ${suite.name} …\n`);
  rows.push(...(await suite.run()));
}
const header = ['benchmark', 'case', 'ms', 'target', 'ok', 'detail'];
const table = rows.map((r) => [r.suite, r.case, r.ms.toFixed(1), r.target ?? '', r.ok === undefined ? '' : r.ok ? 'yes' : 'NO', r.detail ?? '']);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => String(r[i]).length)));
const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
console.log(fmt(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of table) console.log(fmt(r));
