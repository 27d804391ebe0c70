/**
 * The one quoting helper, checked by bash itself: whatever the word, bash must hand the
 * command exactly that word as one argument, and run nothing else.
 */
import { spawnSync } from 'node:child_process';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabRefusal, pipeLines, sh, shComment, shq } from './shell.ts';

/** What bash passes to printf for the words, one per NUL-terminated record. */
function bashArgs(line: string): string[] {
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `printf '%s\\0' ${line}`], { encoding: 'utf8', env: { PATH: process.env.PATH, LC_ALL: 'C.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'] });
  expect(r.stderr).toBe('');
  return r.stdout.split('\0').slice(0, -1);
}

const hostile = ["'", '"', '$(echo>PWNED)', '`echo>PWNED`', "';echo>PWNED;'", 'a\nb', '~root', '{a,b}', '*', '#x', 'a=b', '\\', '!x', '%d', '-n', '', ' ', 'é\u00a0\x01\x7f'];

describe('shq', () => {
  it.each(hostile)('bash reads %j back as itself', (word) => expect(bashArgs(shq(word))).toEqual([word]));

  it('leaves plain names bare and quotes the rest', () => {
    expect(shq('vcx-1a2b3c-node.a')).toBe('vcx-1a2b3c-node.a');
    expect(shq('/proc/sys/net/ipv4/conf/eth0/rp_filter')).toBe('/proc/sys/net/ipv4/conf/eth0/rp_filter');
    expect(shq("it's")).toBe("'it'\\''s'");
    expect(shq('a=b')).toBe("'a=b'");
  });

  it('refuses NUL, which no bash word can hold', () => expect(() => shq('a\0b')).toThrow(LabRefusal));

  it('any string without NUL round-trips through bash (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !s.includes('\0')), { minLength: 1, maxLength: 4 }), (words) => {
        expect(bashArgs(sh(...words))).toEqual(words);
      }),
      { numRuns: 60 },
    );
  });
});

describe('pipeLines', () => {
  it("feeds lines through printf '%s\\n', one quoted argument each", () => {
    expect(pipeLines(['*nat', '-A X -m comment --comment "a b"', 'COMMIT'], 'ip', 'netns', 'exec', 'ns', 'iptables-restore')).toBe(
      "printf '%s\\n' \\\n  '*nat' \\\n  '-A X -m comment --comment \"a b\"' \\\n  COMMIT \\\n  | ip netns exec ns iptables-restore",
    );
    const r = spawnSync('bash', ['--norc', '-c', pipeLines(['$(x)', "'", 'EOF'], 'cat')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(r.stdout).toBe("$(x)\n'\nEOF\n");
  });

  it('refuses a line holding a newline: it would be two lines of tool input', () => {
    expect(() => pipeLines(['-A X -j ACCEPT\n-A Y -j DROP'], 'iptables-restore')).toThrow(/holds a newline/);
  });
});

describe('shComment', () => {
  it('can never end its line', () => expect(shComment('node a\necho>PWNED')).toBe('# node a?echo>PWNED'));
});
