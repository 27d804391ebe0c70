/**
 * `npm run bench`: every engine-side benchmark, a table on stdout and reports/bench.json.
 * npm bundles this file with esbuild first (bench/README.md says why), then runs it with node.
 * `npm run bench -- engine` runs only the modules whose name contains "engine".
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { bench as engine } from './engine.bench.ts';
import { bench as linuxViews } from './linux-views.bench.ts';
import { bench as maxpods } from './maxpods.bench.ts';
import { bench as trace } from './trace.bench.ts';

type Row = { name: string; value: number; unit: string; target?: string };
const modules: [string, () => Promise<Row[]>][] = [
  ['maxpods', maxpods],
  ['engine', engine],
  ['trace', trace],
  ['linux-views', linuxViews],
];

const only = process.argv[2];
const all: (Row & { module: string })[] = [];
for (const [name, run] of modules) {
  if (only && !name.includes(only)) continue;
  for (const r of await run()) {
    all.push({ ...r, module: name });
    console.log(`${name.padEnd(12)} ${r.name}: ${r.value} ${r.unit}${r.target ? `  (target ${r.target})` : ''}`);
  }
}
mkdirSync('reports', { recursive: true });
writeFileSync('reports/bench.json', JSON.stringify({ node: process.version, date: new Date().toISOString(), rows: all }, null, 2));
