// After `vite build`: the page's main-thread JavaScript carries no engine code. Every
// `src/sim/` module (the catalogue, the IP code, ipamd…) belongs in the worker chunk only,
// so it ships once; a UI import of an engine module would pull it into the main chunk too.
// Reads each chunk's sourcemap, prints the gzipped sizes of what the page loads at start
// (its scripts and the simulation worker), fails over the 250 KB budget, and writes
// reports/bundle.json (counted by scripts/ci-summary.mjs).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = process.argv[2] ?? 'dist';
const ASSETS = join(DIST, 'assets');
/** Initial JavaScript, gzipped, main chunk(s) plus worker: README's performance target. */
const BUDGET_BYTES = 250 * 1024;
/**
 * Modules that must never run on the page's main thread: the engine, and the libraries only the
 * engine and the worker's validator use (the IP library and the schema validator ship once, in
 * the worker; a tree-shaken engine module can leave its library behind with no source of its own).
 */
const ENGINE = /(^|\/)(src\/sim\/|node_modules\/ipaddr\.js\/|node_modules\/valibot\/)/;

const checks = [];
const check = (name, ok, detail) => {
  checks.push({ name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
};

if (!existsSync(ASSETS)) {
  console.error(`check-bundle: no ${ASSETS}; run vite build first`);
  process.exit(2);
}
const files = readdirSync(ASSETS);
const scripts = files.filter((f) => f.endsWith('.js'));
const workerSide = scripts.filter((f) => /worker/i.test(f));
const mainThread = scripts.filter((f) => !workerSide.includes(f));
// The worker's own chunk loads with the page; chunks it imports on demand (worker-lazy-*) do not,
// but a worker-lazy-* chunk it imports statically (a shared chunk the bundler split off) does.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']\.\/([\w.-]+\.js)["']/g;
const workers = [];
for (const queue = workerSide.filter((f) => !/^worker-lazy-/.test(f)); queue.length > 0;) {
  const f = queue.shift();
  if (workers.includes(f) || !scripts.includes(f)) continue;
  workers.push(f);
  for (const m of readFileSync(join(ASSETS, f), 'utf8').matchAll(STATIC_IMPORT)) queue.push(m[1]);
}
const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const initialMain = [...html.matchAll(/(?:src|href)="\.?\/?assets\/([^"]+\.js)"/g)].map((m) => m[1]);

check('the page has an entry script and a simulation worker chunk', initialMain.length > 0 && workers.length > 0,
  `entry ${initialMain.join(', ') || 'none'}; worker ${workers.join(', ') || 'none'}`);

for (const chunk of mainThread) {
  const mapFile = join(ASSETS, `${chunk}.map`);
  if (!existsSync(mapFile)) {
    // The bundler's own module runtime (shared by code-split chunks) has no source module to map.
    const runtime = /^rolldown-runtime-/.test(chunk) && statSync(join(ASSETS, chunk)).size < 4096;
    check(`${chunk} has a sourcemap to check`, runtime, runtime ? 'the bundler runtime: no source modules' : 'build.sourcemap must stay on');
    continue;
  }
  const sources = JSON.parse(readFileSync(mapFile, 'utf8')).sources.map((s) => s.replace(/^(\.\.\/)+/, ''));
  const engine = sources.filter((s) => ENGINE.test(s));
  check(`${chunk} (main thread) carries no engine module`, engine.length === 0,
    engine.length === 0 ? `${sources.length} modules` : `${engine.length} engine modules: ${engine.slice(0, 8).join(', ')}${engine.length > 8 ? ', …' : ''}`);
}

const gz = (f) => gzipSync(readFileSync(join(ASSETS, f)), { level: 9 }).length;
const sizes = Object.fromEntries([...initialMain, ...workers].map((f) => [f, gz(f)]));
const mainBytes = initialMain.reduce((sum, f) => sum + sizes[f], 0);
const workerBytes = workers.reduce((sum, f) => sum + sizes[f], 0);
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
check(`initial JavaScript gzipped within ${kb(BUDGET_BYTES)}`, mainBytes + workerBytes <= BUDGET_BYTES,
  `main ${kb(mainBytes)} + worker ${kb(workerBytes)} = ${kb(mainBytes + workerBytes)}`);

const failed = checks.filter((c) => !c.ok).length;
mkdirSync('reports', { recursive: true });
writeFileSync('reports/bundle.json', `${JSON.stringify({ passed: checks.length - failed, failed, checks, gzipBytes: { main: mainBytes, worker: workerBytes, files: sizes } }, null, 2)}\n`);
process.exit(failed > 0 ? 1 : 0);
