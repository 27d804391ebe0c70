/**
 * `npm run bench`: every engine-side benchmark, a table on stdout and reports/bench.json.
 * npm bundles this file with esbuild first (bench/README.md says why), then runs it with node.
 * Each module runs in a process of its own, so one module's heap does not slow the next.
 * `npm run bench -- engine` runs only the modules whose name contains "engine".
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

mkdirSync('reports', { recursive: true });
import { modules, type Row } from './modules.ts';

const only = process.argv[2];
const child = process.argv[3] === '--child';
const all: (Row & { module: string })[] = [];
for (const [name, run] of modules) {
  if (only && !name.includes(only)) continue;
  if (child) {
    // In the child: run the one module and hand its rows back through a file.
    writeFileSync(`reports/bench-${name}.json`, JSON.stringify(await run()));
    continue;
  }
  const r = spawnSync(process.execPath, [process.argv[1], name, '--child'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`bench module ${name} failed`);
  for (const row of JSON.parse(readFileSync(`reports/bench-${name}.json`, 'utf8')) as Row[]) {
    all.push({ ...row, module: name });
    console.log(`${name.padEnd(12)} ${row.name}: ${row.value} ${row.unit}${row.target ? `  (target ${row.target})` : ''}`);
  }
}
if (!child) {
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/bench.json', JSON.stringify({ node: process.version, date: new Date().toISOString(), rows: all }, null, 2));
}
