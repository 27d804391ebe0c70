/**
 * `npm run bench`: runs every bench/*.bench.ts, prints a table and writes
 * reports/bench.json. Each module exports `bench(): Promise<Row[]>`.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Row = { name: string; value: number; unit: string; target?: string };
const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
const all: (Row & { file: string })[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { bench: () => Promise<Row[]> };
  const rows = await mod.bench();
  for (const r of rows) {
    all.push({ ...r, file: f });
    console.log(`${f.padEnd(22)} ${r.name}: ${r.value} ${r.unit}${r.target ? `  (target ${r.target})` : ''}`);
  }
}
mkdirSync(join(here, '..', 'reports'), { recursive: true });
writeFileSync(join(here, '..', 'reports', 'bench.json'), JSON.stringify({ node: process.version, date: new Date().toISOString(), rows: all }, null, 2));
