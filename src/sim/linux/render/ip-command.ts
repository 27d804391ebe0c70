/**
 * A typed `ip [options] link|address [show] …` line, read the way iproute2 6.1 reads it
 * (ip/ip.c, ip/iplink.c, ip/ipaddress.c): options, objects and subcommands match by prefix in
 * iproute2's own order (`-d` is `-details`, `l` is `link`, `a` is `address`); an unknown option,
 * object or subcommand, a missing or stray device answer with iproute2's words
 * (fixtures/error.ip-*.txt). Lists `ip [-d] link show [dev] <name> [type <kind>] [up]` and the
 * same for `ip [-d] addr`. Undefined for what the simulator does not print (other options such as
 * -s or -j, other objects, changes such as `ip link set`, other filters): the caller says so.
 */
import type { Netns, NodeNetwork } from '../model.ts';
import { linkBlock } from './ip-link.ts';
import { linkDetails, linkKind, profileOf, type IpDetailProfile } from './ip-detail.ts';

/** iproute2's `matches(prefix, word)`: a non-empty prefix of the word. */
const matches = (prefix: string, word: string) => prefix.length > 0 && word.startsWith(prefix);

/** ip.c's options in the order it tries them (prefixes match: `-d` is `-details`, `-s` `-stats`). */
const OPTIONS = ['-loops', '-family', '-human', '-human-readable', '-iec', '-stats', '-statistics', '-details', '-resolve', '-oneline', '-timestamp', '-tshort', '-Version', '-force', '-batch', '-brief', '-json', '-pretty', '-rcvbuf', '-color', '-help', '-netns', '-Numeric', '-all'];
const EXACT_OPTIONS = ['-4', '-6', '-0', '-M', '-B', '-echo'];

/** ip.c's object table, in its order. */
const OBJECTS = ['address', 'addrlabel', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'ntbl', 'link', 'l2tp', 'fou', 'ila', 'macsec', 'tunnel', 'tunl', 'tuntap', 'tap', 'token', 'tcpmetrics', 'tcp_metrics', 'monitor', 'xfrm', 'mroute', 'mrule', 'netns', 'netconf', 'vrf', 'sr', 'nexthop', 'mptcp', 'ioam', 'help', 'stats'];

/** ipaddress.c's address-flag filters (`-` inverts one); `dynamic` and `primary` are its special cases. */
const ADDRESS_FLAGS = ['secondary', 'temporary', 'nodad', 'optimistic', 'dadfailed', 'home', 'deprecated', 'tentative', 'permanent', 'mngtmpaddr', 'noprefixroute', 'autojoin', 'stable-privacy', 'dynamic', 'primary'];

/** What `ip` answered: its standard output or its error line (both as text). */
export type IpAnswer = string;

/**
 * Runs `words` (after `ip`) in `ns`. `profile` decides which attributes `-d` prints (the
 * node's own OS by default; tests pass the capture machine's).
 */
export function runIpCommand(net: NodeNetwork, ns: Netns, words: string[], profile: IpDetailProfile = profileOf(net)): IpAnswer | undefined {
  let details = 0;
  let i = 0;
  for (; i < words.length && words[i].startsWith('-'); i++) {
    if (words[i] === '--') {
      i++;
      break;
    }
    const opt = words[i].startsWith('--') ? words[i].slice(1) : words[i];
    const known = EXACT_OPTIONS.includes(opt) || /^-colou?r=/.test(opt) ? opt : OPTIONS.find((name) => matches(opt, name));
    if (known === undefined) return `Option "${opt}" is unknown, try "ip -help".\n`;
    if (known !== '-details') return undefined;
    details++;
  }
  const object = words[i];
  if (object === undefined) return undefined;
  const name = OBJECTS.find((o) => matches(object, o));
  if (name === undefined) return `Object "${object}" is unknown, try "ip help".\n`;
  if (name !== 'link' && name !== 'address') return undefined;
  return list(net, ns, name, words.slice(i + 1), details > 0 ? profile : undefined);
}

/** `ip link show …` / `ip address show …`; with a profile, as `-d` prints them. */
function list(net: NodeNetwork, ns: Netns, object: 'link' | 'address', args: string[], profile: IpDetailProfile | undefined): IpAnswer | undefined {
  const [sub, ...rest] = args;
  const isLink = object === 'link';
  if (sub !== undefined) {
    const writes = isLink ? ['add', 'set', 'change', 'replace', 'delete'] : ['add', 'change', 'replace', 'delete'];
    if (writes.some((w) => matches(sub, w)) || (!isLink && sub === 'chg')) return undefined;
    if (!['show', 'lst', 'list'].some((w) => matches(sub, w))) {
      const others = isLink ? ['xstats', 'afstats', 'property', 'help'] : ['flush', 'save', 'showdump', 'restore', 'help'];
      if (others.some((w) => matches(sub, w))) return undefined;
      return `Command "${sub}" is unknown, try "ip ${isLink ? 'link' : 'address'} help".\n`;
    }
  }
  let dev: string | undefined;
  let kind: string | undefined;
  let up = false;
  for (let j = 0; j < rest.length; j++) {
    const w = rest[j];
    if (w === 'up') up = true;
    else if (w === 'type') {
      if (j + 1 >= rest.length) return 'Command line is not complete. Try option "help"\n';
      kind = rest[++j];
    } else if (['to', 'scope', 'label', 'group', 'master', 'vrf', 'nomaster'].includes(w) || ADDRESS_FLAGS.includes(w.replace(/^-/, ''))) {
      // Filters the simulator does not apply (any other word, `-d` too, is a device name).
      return undefined;
    } else {
      let name = w;
      if (w === 'dev') {
        if (j + 1 >= rest.length) return 'Command line is not complete. Try option "help"\n';
        name = rest[++j];
      } else if (matches(w, 'help')) return undefined;
      if (dev !== undefined) return `Error: either "dev" is duplicate, or "${name}" is a garbage.\n`;
      dev = name;
    }
  }
  if (dev !== undefined && !ns.links.some((l) => l.name === dev)) return `Device "${dev}" does not exist.\n`;
  let out = '';
  for (const link of ns.links) {
    if (dev !== undefined && link.name !== dev) continue;
    if (kind !== undefined && linkKind(link) !== kind) continue;
    if (up && !link.flags.includes('UP')) continue;
    out += linkBlock(ns, link, isLink, profile ? linkDetails(net, ns.links, link, profile, isLink) : '');
  }
  return out;
}
