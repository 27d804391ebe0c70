/**
 * Reading the file a user names: only regular files, bounded, UTF-8, BOM dropped. Special
 * files are real ones (/dev/zero, a FIFO made with mkfifo, a directory, a /proc file).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from './cli-error.ts';
import { decodeText, firstInvalidUtf8, readTextFile } from './text-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'vcx-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const read = (p: string, max = 1024) => readTextFile(p, 'scenario', max);
const refusal = (p: string, max = 1024) => {
  try {
    read(p, max);
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    return (e as Error).message;
  }
  throw new Error(`${p} was read`);
};

describe('readTextFile', () => {
  it('reads UTF-8 and drops a leading byte-order mark, as JSON tools do', () => {
    expect(read(file('plain.json', '{"v":1}'))).toBe('{"v":1}');
    expect(read(file('bom.json', '\ufeff{"v":1}'))).toBe('{"v":1}');
    expect(read(file('bom-only-first.json', '\ufeff"\ufeff"'))).toBe('"\ufeff"');
  });

  it('refuses what is not a regular file, without opening it for reading (no hang)', () => {
    expect(refusal('/dev/zero')).toBe('cannot read scenario "/dev/zero": it is a character device, not a regular file');
    expect(refusal(dir)).toBe(`cannot read scenario "${dir}": it is a directory, not a regular file`);
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(refusal(fifo)).toBe(`cannot read scenario "${fifo}": it is a FIFO (named pipe), not a regular file`);
    const link = join(dir, 'zero-link.json');
    symlinkSync('/dev/zero', link);
    expect(refusal(link)).toBe(`cannot read scenario "${link}": it is a character device, not a regular file`);
  });

  it('says why a file cannot be read', () => {
    expect(refusal(join(dir, 'missing.json'))).toBe(`cannot read scenario "${join(dir, 'missing.json')}": no such file`);
    expect(refusal(`${file('f.json', '{}')}/x`)).toBe(`cannot read scenario "${join(dir, 'f.json')}/x": a part of the path is not a directory`);
    expect(refusal('a\0b')).toBe('cannot read scenario "a\\u0000b": a path cannot contain a NUL character');
  });

  it('refuses a file over the size bound, even one whose size the kernel reports as 0', () => {
    expect(refusal(file('big.json', 'x'.repeat(1025)))).toBe(`scenario "${join(dir, 'big.json')}" is 1025 bytes; at most 1024 bytes is read`);
    expect(read(file('just.json', 'x'.repeat(1024)))).toHaveLength(1024);
    // /proc files are regular files of size 0 whatever their content: only the bounded read catches them.
    expect(refusal('/proc/self/smaps', 64)).toBe('scenario "/proc/self/smaps" is more than 64 bytes; at most 64 bytes is read');
  });

  it('refuses binary data and bad UTF-8 without printing it', () => {
    expect(refusal(file('bin.json', new Uint8Array([0x7b, 0x1b, 0x5b, 0x32, 0x4a, 0x00, 0xff])))).toBe(
      `scenario "${join(dir, 'bin.json')}" is not a text file: a NUL byte at offset 5 (binary data?)`,
    );
    expect(refusal(file('latin1.json', new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d])))).toBe(
      `scenario "${join(dir, 'latin1.json')}" is not UTF-8 text: invalid byte 0xe9 at offset 2`,
    );
    expect(refusal(file('utf16.json', new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])))).toBe(
      `scenario "${join(dir, 'utf16.json')}" looks like UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8`,
    );
  });
});

describe('firstInvalidUtf8', () => {
  it('agrees with the WHATWG decoder on every byte string', async () => {
    const fc = await import('fast-check');
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8(bytes) === -1).toBe(valid);
    }), { numRuns: 2000 });
  });

  it('finds overlongs, surrogates and truncated sequences', () => {
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xe2, 0x82]))).toBe(1);
    expect(firstInvalidUtf8(new TextEncoder().encode('é😀'))).toBe(-1);
    expect(() => decodeText(new Uint8Array([0x22, 0xc3]), 'x')).toThrow('x is not UTF-8 text: invalid byte 0xc3 at offset 1');
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xf4, 0x90, 0x80, 0x80]))).toBe(1);
  });
});
