/**
 * Network interface names as the kernel takes them. `IfName` is a branded string made only by
 * `ifName()`, which checks the kernel's rule, so a name a device cannot have never reaches the
 * Linux model (`Link.name`) or anything printed from it (views, the lab script).
 *
 * The rule is net/core/dev.c `dev_valid_name` plus what `dev_prep_valid_name` does next, and
 * was checked with `ip link add … type veth peer name <name>` on Linux 6.18 (iproute2 6.1):
 * - 1 to 15 bytes (IFNAMSIZ 16 with the NUL); the kernel counts UTF-8 bytes, not characters;
 * - not `.` or `..`; no `/`, `:` or whitespace byte — the kernel's `isspace` is \t \n \v \f \r,
 *   space and 0xA0, so `à` (c3 a0) is refused while `é` (c3 a9) is accepted;
 * - `%` makes the name a template: one `%d` is replaced by the first free number (the device
 *   gets another name), any other `%` is refused (EINVAL);
 * - `all` and `default` are refused (EINVAL; they are the /proc/sys/net/…/conf directories).
 * Quotes, `$`, backticks and other control characters are accepted by the kernel: whatever
 * prints a name into something that runs must quote it.
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';

/** A name a network device can have. */
export type IfName = string & { readonly __brand: 'IfName' };

/** Linux IFNAMSIZ minus the terminating NUL. */
export const IFNAME_MAX_BYTES = 15;

/** The kernel's `isspace` (lib/ctype.c): \t \n \v \f \r, space, and 0xA0 (Latin-1 NBSP). */
function isKernelSpace(byte: number): boolean {
  return (byte >= 0x09 && byte <= 0x0d) || byte === 0x20 || byte === 0xa0;
}

/** What the kernel does with a requested device name. */
export type IfNameVerdict =
  | { ok: true }
  /** `register_netdevice` fails with EINVAL ("invalid argument"); `why` says which rule. */
  | { ok: false; errno: 'EINVAL'; why: string }
  /** A `%d` template: the device is created under a numbered name, not the one asked for. */
  | { ok: false; errno: 'renamed'; why: string };

const einval = (why: string): IfNameVerdict => ({ ok: false, errno: 'EINVAL', why });

/** Checks a requested interface name against the kernel's rules (see the module comment). */
export function checkIfName(name: string): IfNameVerdict {
  const bytes = utf8ToBytes(name);
  if (bytes.length === 0) return einval('is empty');
  if (bytes.length > IFNAME_MAX_BYTES) return einval(`is ${bytes.length} bytes; an interface name has at most ${IFNAME_MAX_BYTES}`);
  if (name === '.' || name === '..') return einval(`cannot be "${name}"`);
  if (name === 'all' || name === 'default') return einval(`cannot be "${name}" (a /proc/sys/net conf directory)`);
  for (const b of bytes) {
    if (b === 0) return einval('contains a NUL byte');
    if (b === 0x2f) return einval('contains "/"');
    if (b === 0x3a) return einval('contains ":"');
    if (isKernelSpace(b)) return einval(`contains a whitespace byte (0x${b.toString(16).padStart(2, '0')})`);
  }
  const pct = name.indexOf('%');
  if (pct >= 0) {
    if (name[pct + 1] !== 'd' || name.includes('%', pct + 2)) return einval('contains "%" that is not a single "%d" template');
    return { ok: false, errno: 'renamed', why: 'contains "%d": the kernel numbers the device instead of using the name' };
  }
  return { ok: true };
}

/** Why `name` cannot be a device's name, or undefined when it can. */
export function ifNameProblem(name: string): string | undefined {
  const v = checkIfName(name);
  return v.ok ? undefined : v.why;
}

/** The name as an `IfName`; throws (naming the name and the rule) when a device cannot have it. */
export function ifName(name: string): IfName {
  const problem = ifNameProblem(name);
  if (problem !== undefined) throw new Error(`interface name ${JSON.stringify(name)} ${problem}`);
  return name as IfName;
}

/** Type guard form of `ifName`. */
export function isIfName(name: string): name is IfName {
  return ifNameProblem(name) === undefined;
}

/** Length in bytes as Go's `len` and the kernel count it. */
export function utf8Length(text: string): number {
  return utf8ToBytes(text).length;
}
