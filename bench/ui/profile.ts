/**
 * Where the page's main thread spends its time while a benchmark scenario plays (not a gate):
 * `npx tsx bench/ui/profile.ts <10|100|1000> [seconds]` against a preview server on VCX_PORT
 * (build with `vite build --minify false` for readable names). Chromium's sampling profiler
 * through the DevTools protocol; prints the functions with the most self time, and the total
 * time under each of the app's own functions.
 */
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/chromium.ts';
import { hundredNodes, tenNodes, thousandNodes } from './scenarios.ts';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const size = process.argv[2] ?? '1000';
const seconds = Number(process.argv[3] ?? 20);
const fragment = size === '10' ? tenNodes() : size === '100' ? hundredNodes() : thousandNodes();
const port = Number(process.env.VCX_PORT ?? 4173);

const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(`http://127.0.0.1:${port}/${fragment}`);
await page.waitForFunction((n) => document.querySelector('.facts dd')?.textContent === n, size, { timeout: 300_000 });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await page.getByTestId('speed').selectOption('16');
await page.getByTestId('play').click();
await cdp.send('Profiler.start');
await page.waitForTimeout(seconds * 1000);
const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
await browser.close();

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<string, number>();
const total = new Map<string, number>();
const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
let all = 0;
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i] ?? 0) / 1000;
  all += dt;
  const n = byId.get(id);
  if (!n) return;
  self.set(name(n), (self.get(name(n)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = name(byId.get(cur) as ProfileNode);
    if (!seen.has(k)) { seen.add(k); total.set(k, (total.get(k) ?? 0) + dt); }
  }
});
const top = (m: Map<string, number>, k: number) => [...m].toSorted((a, b) => b[1] - a[1]).slice(0, k).map(([f, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${f}`).join('\n');
console.log(`${all.toFixed(0)} ms sampled over ${seconds} s\n-- self --\n${top(self, 30)}\n-- total (app code) --\n${top(new Map([...total].filter(([f]) => /assets\//.test(f) || /\.js:/.test(f))), 40)}`);
