/**
 * The Go parsers aws-node reads its env with, checked against what Go itself answered for
 * the same strings (fixtures/go-stdlib/capture.json, made by capture.go with a real Go
 * toolchain): strconv.Atoi, strconv.ParseBool, strconv.ParseInt(s, 0, 64),
 * strings.TrimSpace, string order against "0", and len() in bytes.
 */
import { describe, expect, it } from 'vitest';
import capture from './fixtures/go-stdlib/capture.json' with { type: 'json' };
import { envBool, envInt, envString, goAtoi, goParseBool, goParseInt0, goTrimSpace } from './go-parse.ts';
import { parseCidrList } from '../linux/cni-env.ts';
import { formatCidr } from '../net/ipv4.ts';

describe('strconv.Atoi', () => {
  it.each(capture.atoi.map((c) => [c.in, c.value]))('Atoi(%j) → %s', (input, want) => {
    expect(goAtoi(input as string)).toBe(want === null ? undefined : Number(want));
  });
});

describe('strconv.ParseBool', () => {
  it.each(capture.parseBool.map((c) => [c.in, c.value]))('ParseBool(%j) → %s', (input, want) => {
    expect(goParseBool(input as string)).toBe(want ?? undefined);
  });
});

describe('strconv.ParseInt(s, 0, 64)', () => {
  it.each(capture.parseInt0.map((c) => [c.in, c.value]))('ParseInt(%j, 0, 64) → %s', (input, want) => {
    expect(goParseInt0(input as string)).toBe(want === null ? undefined : Number(want));
  });
});

describe('strings.TrimSpace', () => {
  it.each(capture.trimSpace)('TrimSpace(%j) → %j', (input, want) => {
    expect(goTrimSpace(input)).toBe(want);
  });
});

describe('net.ParseCIDR as parseCIDRString uses it (IPv4 kept, IPv6 and errors skipped)', () => {
  it.each(capture.parseCIDR.map((c) => [c.in, c.v4 ? c.net : null]))('%j → %s', (input, want) => {
    expect(parseCidrList(input as string).map(formatCidr)).toEqual(want === null ? [] : [want]);
  });
});

describe('Go string order against "0" (validateEnvVars compares the targets as strings)', () => {
  it.each(capture.leZero)('%j <= "0" is %s', (input, want) => {
    expect((input as string) <= '0').toBe(want);
  });
});

describe('utils/utils.go env helpers: unset is not the same as set to ""', () => {
  it('GetBoolAsStringEnvVar: unset, "" and junk → the default; a ParseBool value wins', () => {
    expect(envBool({}, 'X', true)).toBe(true);
    expect(envBool({ X: '' }, 'X', true)).toBe(true);
    expect(envBool({ X: 'yes' }, 'X', false)).toBe(false);
    expect(envBool({ X: 'F' }, 'X', true)).toBe(false);
  });
  it('GetEnv: "" is returned as "" (os.LookupEnv)', () => {
    expect(envString({}, 'X', 'eni')).toBe('eni');
    expect(envString({ X: '' }, 'X', 'eni')).toBe('');
  });
  it('GetIntFromStringEnvVar: unset → default without error; junk → -1 with the error and the input', () => {
    expect(envInt({}, 'X', 30)).toEqual({ value: 30, error: false, input: '' });
    expect(envInt({ X: 'abc' }, 'X', 30)).toEqual({ value: -1, error: true, input: 'abc' });
    expect(envInt({ X: '+7' }, 'X', 30)).toEqual({ value: 7, error: false, input: '+7' });
  });
});
