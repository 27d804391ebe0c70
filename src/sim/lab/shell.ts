/**
 * The only way text gets into the lab script: every word of every command goes through `shq`,
 * and line-based tool input (iptables-restore, nft) is fed by `printf '%s\n'` with one quoted
 * argument per line. No `sh -c` (an inner shell would parse a value again), no heredocs (a
 * line equal to the end marker would end one early). See README.md, "Threat model".
 */

/** Why the lab cannot be written for this world: a name or value the real tools would refuse or misread. */
export class LabRefusal extends Error {
  override name = 'LabRefusal';
}

/** Words bash reads as themselves: no quotes, `$`, backslash, glob, brace, tilde, `=`, `#` or whitespace. */
const BARE = /^[A-Za-z0-9_@%+:,./-]+$/;

/**
 * `word` quoted for bash: bare when it is made only of characters bash takes literally, else
 * in single quotes, where bash takes every byte literally except `'` itself (written `'\''`).
 * NUL cannot be held by a bash word at all, so it is refused.
 */
export function shq(word: string): string {
  if (word.includes('\0')) throw new LabRefusal(`${JSON.stringify(word.slice(0, 40))} contains a NUL byte, which no shell word can hold`);
  return BARE.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** One command line from its argv; each word quoted by `shq`. */
export function sh(...argv: string[]): string {
  return argv.map(shq).join(' ');
}

/**
 * `printf '%s\n' <line>… | <argv>`: feeds lines to a tool's stdin. A line holding a newline
 * would become two lines of the tool's input (an injected rule), so it is refused here.
 */
export function pipeLines(lines: readonly string[], ...argv: string[]): string {
  for (const l of lines) {
    if (/[\n\0]/.test(l)) throw new LabRefusal(`the input line ${JSON.stringify(l.slice(0, 60))} for ${argv.at(-1) ?? 'a tool'} holds a newline or NUL`);
  }
  if (lines.length === 1) return `printf '%s\\n' ${shq(lines[0])} | ${sh(...argv)}`;
  return [`printf '%s\\n' \\`, ...lines.map((l) => `  ${shq(l)} \\`), `  | ${sh(...argv)}`].join('\n');
}

/** A `#` comment line; anything but printable ASCII is shown as `?`, so it can never end the line. */
export function shComment(text: string): string {
  return `# ${text.replace(/[^\x20-\x7e]/g, '?')}`;
}
