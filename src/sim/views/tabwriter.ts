/**
 * A port of the column layout of Go's text/tabwriter (cells end at '\t', a column block is a
 * run of consecutive lines that have a tab-terminated cell in that column). kubectl prints
 * every table and every `describe` page through it, so reproducing it exactly is what makes
 * our text line up the way the real tool's does.
 */

export interface TabwriterOptions {
  /** Minimal cell width including padding (kubectl get: 6; kubectl describe: 0). */
  minwidth: number;
  /** Spaces added to the widest cell of a column (kubectl get: 3; describe: 2). */
  padding: number;
}

const cellWidth = (s: string): number => [...s].length;

/**
 * Lays out `text` (lines separated by '\n', cells by '\t') the way tabwriter.Writer with the
 * given options and padchar ' ' does. The last cell of a line is never padded.
 */
export function tabwrite(text: string, opts: TabwriterOptions): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const out: string[] = lines.map(() => '');
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const cells = lines[i];
      let s = '';
      cells.forEach((c, j) => {
        s += c;
        if (j < widths.length && j < cells.length - 1) s += ' '.repeat(Math.max(0, widths[j] - cellWidth(c)));
      });
      out[i] = s;
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let width = opts.minwidth;
      for (; t < line1; t++) {
        const cells = lines[t];
        if (column >= cells.length - 1) break;
        width = Math.max(width, cellWidth(cells[column]) + opts.padding);
      }
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
      t--; // the outer loop's t++ must re-examine the line that ended the block
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n');
}

/** kubectl get's table writer: printers.GetNewTabWriter (minwidth 6, padding 3). */
export const KUBECTL_TABLE: TabwriterOptions = { minwidth: 6, padding: 3 };
/** kubectl describe's writer: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0). */
export const KUBECTL_DESCRIBE: TabwriterOptions = { minwidth: 0, padding: 2 };
