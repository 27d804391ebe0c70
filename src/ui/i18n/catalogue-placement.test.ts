/**
 * Which catalogue an id lives in follows where it is used. The main catalogue (locales/) is in
 * the page's first JavaScript; the panels' (panels/) loads with the packet walk, the lesson stage
 * and the real-cluster dialog (panel-english.ts). An id used by any module the page imports
 * statically from main.tsx must be in locales/ (else the page would show the bare id until a
 * panel loads); an id in panels/ must be used only by modules outside that graph (else it belongs
 * in locales/), and each module that loads on first use imports panel-english.ts first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePo } from './po.test-support.ts';

const HERE = new URL('.', import.meta.url).pathname;
const SRC = resolve(HERE, '..', '..');
const ids = (dir: string) => new Set(parsePo(readFileSync(join(HERE, dir, 'en.po'), 'utf8'), 'en').keys());
const MAIN = ids('locales');
const PANELS = ids('panels');

/** Static imports (`import … from`, `import '…'`, `export … from`), not `import()`. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?'(\.[^']+)'/gm)) {
    if (/^\s*import\s+type\s/.test(m[0]) || /^\s*export\s+type\s/.test(m[0])) continue;
    const target = resolve(dirname(file), m[1]);
    if (existsSync(target) && /\.tsx?$/.test(target)) out.push(target);
  }
  return out;
}

/** Every module reachable from `entry` by static imports. */
function graph(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const f = queue.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    queue.push(...staticImports(f));
  }
  return seen;
}

const FIRST_PAINT = graph(join(SRC, 'ui', 'main.tsx'));
const LAZY_PANELS = ['ui/packet/PacketWalkPanel.tsx', 'ui/lessons/LessonStage.tsx', 'ui/export/ClusterSnippetDialog.tsx'].map((f) => join(SRC, f));
const literal = (text: string, id: string) => text.includes(`'${id}'`);

describe('catalogue placement', () => {
  it('the page\'s first JavaScript holds every main-catalogue module and none of the panels', () => {
    expect(FIRST_PAINT.has(join(SRC, 'ui', 'App.tsx'))).toBe(true);
    for (const panel of LAZY_PANELS) expect(FIRST_PAINT.has(panel), panel).toBe(false);
    expect(FIRST_PAINT.has(join(HERE, 'panel-english.ts'))).toBe(false);
  });

  it('ids used before any panel loads are in the main catalogue', () => {
    const misplaced: string[] = [];
    for (const file of FIRST_PAINT) {
      const text = readFileSync(file, 'utf8');
      for (const id of PANELS) if (literal(text, id)) misplaced.push(`${file.slice(SRC.length + 1)}: ${id}`);
    }
    expect(misplaced).toEqual([]);
  });

  it('each panel that loads on first use imports its English first', () => {
    for (const panel of LAZY_PANELS) {
      expect(staticImports(panel)[0], panel).toBe(join(HERE, 'panel-english.ts'));
    }
  });

  it('the panels\' catalogue is used by the panels only, and no id is in both catalogues', () => {
    const panelFiles = new Set(LAZY_PANELS.flatMap((p) => [...graph(p)]).filter((f) => !FIRST_PAINT.has(f)));
    const texts = [...panelFiles].map((f) => readFileSync(f, 'utf8'));
    expect([...PANELS].filter((id) => !texts.some((t) => literal(t, id)))).toEqual([]);
    expect([...PANELS].filter((id) => MAIN.has(id))).toEqual([]);
    expect(PANELS.size).toBeGreaterThan(50);
  });
});
