/**
 * Every `npm run [-s] sim -- …` line in the README's Command line section and in this folder's
 * README runs, through `main` in process (exit 0, nothing on stderr, some output).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, shellWords } from './cli.test-support.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The `npm run sim -- …` lines of the ```sh blocks in `text`, without comments and redirections. */
function examples(text: string): string[] {
  const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .flatMap((b) => b.split('\n'))
    .filter((l) => /^npm run (-s )?sim -- /.test(l))
    .map((l) => l.replace(/ +#.*$/, '').replace(/ +>.*$/, '').replace(/^npm run (-s )?sim -- /, '').trim());
}

const readme = readFileSync(resolve(repoRoot, 'README.md'), 'utf8');
const commandLine = readme.slice(readme.indexOf('## Command line'), readme.indexOf('\n## ', readme.indexOf('## Command line') + 3));
const cliReadme = readFileSync(resolve(repoRoot, 'src/cli/README.md'), 'utf8');

describe('README examples', () => {
  const lines = [...examples(commandLine), ...examples(cliReadme)];

  it('finds the examples', () => {
    expect(lines.length).toBeGreaterThanOrEqual(15);
  });

  it.each(lines)('npm run sim -- %s', async (line) => {
    const r = await runCli(shellWords(line));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(10);
  });
});
