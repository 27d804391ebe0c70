/**
 * Every engine-side benchmark module, by name. `npm run bench` runs them at full size (run.ts);
 * bench/smoke.test.ts runs the same list at tiny sizes, with no timing gate, in every
 * `npm test`, so a benchmark cannot rot unnoticed.
 */
import { bench as engine } from './engine.bench.ts';
import { bench as lessons } from './lessons.bench.ts';
import { bench as linuxViews } from './linux-views.bench.ts';
import { bench as maxpods } from './maxpods.bench.ts';
import { bench as pipeline } from './pipeline.bench.ts';
import { bench as services } from './services.bench.ts';
import { bench as trace } from './trace.bench.ts';

export type Row = { name: string; value: number; unit: string; target?: string };

export const modules: [string, (opts?: { smoke?: boolean }) => Promise<Row[]>][] = [
  ['maxpods', maxpods],
  ['engine', engine],
  ['pipeline', pipeline],
  ['trace', trace],
  ['linux-views', linuxViews],
  ['lessons', lessons],
  ['services', services],
];
