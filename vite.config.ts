import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { lingui } from '@lingui/vite-plugin';
import { availableParallelism } from 'node:os';

/** The worker entry (vite may add a query to its id). */
const WORKER_ENTRY = /\/src\/worker\/sim\.worker\.ts(\?.*)?$/;

interface ModuleGraph { getModuleInfo(id: string): { importers: readonly string[]; dynamicImporters: readonly string[]; importedIds: readonly string[] } | null }

/**
 * A chunk group of the modules the worker entry reaches through static imports (so they stay
 * with it); the on-demand parts and what only they use are left to the bundler's own chunks.
 */
function workerCore(): (id: string, graph: ModuleGraph) => string | null {
  let core: Set<string> | undefined;
  return (id, graph) => {
    if (!core) {
      core = new Set<string>();
      const seen = new Set<string>();
      const up = [id];
      let entry: string | undefined;
      while (up.length > 0 && entry === undefined) {
        const m = up.pop()!;
        if (seen.has(m)) continue;
        seen.add(m);
        if (WORKER_ENTRY.test(m)) entry = m;
        else up.push(...(graph.getModuleInfo(m)?.importers ?? []), ...(graph.getModuleInfo(m)?.dynamicImporters ?? []));
      }
      // Not reached from the entry (a bundler helper, say): look again from the next module.
      if (entry === undefined) {
        core = undefined;
        return null;
      }
      const down = [entry];
      while (down.length > 0) {
        const m = down.pop()!;
        if (core.has(m)) continue;
        core.add(m);
        down.push(...(graph.getModuleInfo(m)?.importedIds ?? []));
      }
    }
    return core.has(id) ? 'sim.worker' : null;
  };
}

export default defineConfig({
  // lingui() compiles src/ui/i18n/locales/*.po to JavaScript when they are imported.
  plugins: [react(), lingui()],
  base: './',
  // Chunks the worker loads on demand are named worker-lazy-*: no page code, not initial JavaScript.
  // Every module the worker's entry imports statically stays in its own chunk: left alone, the
  // bundler gave modules shared with the on-demand parts (the IP code, the catalogue, …) small
  // chunks of their own, which the worker then fetched at start, and which gzip worse (+3 KB).
  worker: {
    format: 'es',
    rolldownOptions: { output: { chunkFileNames: 'assets/worker-lazy-[name]-[hash].js', codeSplitting: { groups: [{ name: workerCore() }] } } },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1200 },
  test: {

    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts', 'e2e/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    testTimeout: 20000,
    // Every core (Vitest leaves one free by default): on a 2-core machine the run takes 58 s, not 90 s.
    maxWorkers: availableParallelism(),
  },
});
