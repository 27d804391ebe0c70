/**
 * Where the wheel-zoom steps' time goes at 1,000 nodes (a tool, not a gate):
 * `npx tsx bench/ui/trace-zoom.ts <from> <to>` against a preview server on VCX_PORT (4173) runs
 * the benchmark's wheel steps and prints the page's main-thread timeline (input dispatch, frame
 * callbacks, style, layout, paint, GC) from step `from` to step `to`, with each step's input time.
 */
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/chromium.ts';
import { thousandNodes } from './scenarios.ts';
import { armInputTimer, inputTime } from './measure.ts';
interface TraceEvent { name: string; ph: string; dur?: number; ts: number; tid: number; pid: number; args?: Record<string, unknown> }
const from = Number(process.argv[2] ?? 9), to = Number(process.argv[3] ?? 10);
const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
// tsx names the functions it compiles with a __name helper the page does not have.
await page.addInitScript('window.__name = (f) => f');
const port = Number(process.env.VCX_PORT ?? 4173);
await page.goto(`http://127.0.0.1:${port}/${thousandNodes()}`);
await page.waitForFunction(() => document.querySelector('.facts dd')?.textContent === '1000', undefined, { timeout: 300_000 });
await page.waitForTimeout(1500);
const svg = page.getByTestId('topology');
const box = await svg.boundingBox();
if (!box) throw new Error('no picture');
await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
const cdp = await page.context().newCDPSession(page);
const events: TraceEvent[] = [];
cdp.on('Tracing.dataCollected', (e) => { events.push(...(e.value as unknown as TraceEvent[])); });
for (let i = 0; i <= to; i++) {
  if (i === from) await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
  await armInputTimer(page, '[data-testid=topology]', 'wheel');
  if (i >= from) await page.evaluate((j) => performance.mark(`wheel-${j}`), i);
  await page.mouse.wheel(0, -120);
  const ms = await inputTime(page);
  if (i >= from) { await page.evaluate((j) => performance.mark(`done-${j}`), i); console.log('step', i, ms); }
}
const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
await cdp.send('Tracing.end'); await done;
const main = events.find((e) => e.name === 'thread_name' && (e.args as { name?: string }).name === 'CrRendererMain');
if (!main) throw new Error('no renderer main thread in the trace');
const mine = events.filter((e) => e.tid === main.tid && e.pid === main.pid);
const t0 = Math.min(...mine.map((e) => e.ts).filter((t) => t > 0));
const shown = new Set(['EventDispatch', 'FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'MinorGC', 'MajorGC', 'FunctionCall', 'TimerFire', 'Commit']);
for (const e of mine.filter((x) => (x.ph === 'X' && shown.has(x.name) && (x.dur ?? 0) > 300) || /wheel-|done-/.test(x.name)).toSorted((a, b) => a.ts - b.ts)) {
  const d = e.args?.data as { type?: string } | undefined;
  console.log(`${((e.ts - t0) / 1000).toFixed(1).padStart(7)} +${((e.dur ?? 0) / 1000).toFixed(1).padStart(5)}  ${e.name} ${d?.type ?? ''}`);
}
await browser.close();
