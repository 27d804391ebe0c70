import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { lingui } from '@lingui/vite-plugin';

export default defineConfig({
  // lingui() compiles src/ui/i18n/locales/*.po to JavaScript when they are imported.
  plugins: [react(), lingui()],
  base: './',
  // Chunks the worker loads on demand are named worker-lazy-*: no page code, not initial JavaScript.
  worker: { format: 'es', rolldownOptions: { output: { chunkFileNames: 'assets/worker-lazy-[name]-[hash].js' } } },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1200 },
  test: {

    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts', 'e2e/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    testTimeout: 20000,
  },
});
