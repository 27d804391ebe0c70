/**
 * An `iptables …` command line as a user types it on a node, for the listing commands:
 * `-S [chain]`, `-L [chain]` with `-n`, `-v`, `-x`, `--line-numbers`, and `-Z [chain]` (alone or
 * with `-L`, which lists first and zeroes after, as learners do to prove which rule a flow hit).
 * Parsed the way iptables' getopt loop does: bundled short options (`-nvL`), a chain name only
 * straight after its command, `-t` anywhere. Zeroing is returned, not done: the model is a
 * snapshot, so the caller (the engine) keeps counters.
 */
import type { NetfilterTableName, Netns } from '../model.ts';
import { renderIptablesS } from './iptables.ts';
import { renderIptablesList } from './iptables-list.ts';

export interface IptablesCommandResult {
  /** What the terminal shows (stdout, then stderr). */
  output: string;
  /** `-Z`: the counters to zero after printing (chain undefined: the whole table). */
  zero?: { table: NetfilterTableName; chain?: string };
  /** Non-zero when iptables would exit with an error. */
  exitCode: number;
}

const TABLES: readonly string[] = ['raw', 'mangle', 'nat', 'filter'];
const MAX_ARGS = 32;

type Command = 'S' | 'L' | 'Z';
const LONG: Record<string, string> = {
  '--list': 'L', '--list-rules': 'S', '--zero': 'Z', '--numeric': 'n', '--verbose': 'v', '--exact': 'x', '--table': 't', '--wait': 'w',
};

function usageError(version: string, text: string): IptablesCommandResult {
  return { output: `${version}: ${text}\nTry \`iptables -h' or 'iptables --help' for more information.\n`, exitCode: 2 };
}

/**
 * Runs a read-only `iptables` command against the namespace. `words` are the words after
 * `iptables`. `backend` picks the version string of error messages; `numericProtocol` gives
 * iptables 1.8.9's protocol numbers (see iptables-list.ts).
 */
export function runIptablesCommand(ns: Netns, words: readonly string[], backend: 'legacy' | 'nft' = 'legacy', opts: { numericProtocol?: boolean } = {}): IptablesCommandResult {
  const version = `iptables v1.8.9 (${backend === 'legacy' ? 'legacy' : 'nf_tables'})`;
  if (words.length > MAX_ARGS) return usageError(version, 'too many arguments');
  let table = 'filter';
  const commands = new Set<Command>();
  let chain: string | undefined;
  const flags = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    let letters: string[];
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w : w.slice(0, eq);
      if (name === '--line-numbers') {
        flags.add('line-numbers');
        continue;
      }
      const short = LONG[name];
      if (!short) return usageError(version, `unknown option "${w.slice(0, 64)}"`);
      letters = [short];
    } else if (w.startsWith('-') && w.length > 1) letters = w.slice(1).split('');
    else return usageError(version, `Bad argument \`${w.slice(0, 64)}'`);
    for (let k = 0; k < letters.length; k++) {
      const l = letters[k];
      if (l === 't') {
        const rest = letters.slice(k + 1).join('');
        const name = rest || words[++i];
        if (name === undefined) return usageError(version, 'option "-t" requires an argument');
        table = name;
        break;
      }
      if (l === 'L' || l === 'S' || l === 'Z') {
        commands.add(l);
        // An optional chain: only the next word, and only if it is not an option.
        const next = words[i + 1];
        if (k === letters.length - 1 && next !== undefined && !next.startsWith('-')) {
          chain = next;
          i++;
        }
        continue;
      }
      if (l === 'n' || l === 'v' || l === 'x' || l === 'w') {
        flags.add(l);
        continue;
      }
      if ('ADIRNXPEFC'.includes(l)) return { output: `this simulator's node is read-only: iptables -${l} changes rules, which kube-proxy and the CNI own here\n`, exitCode: 1 };
      return usageError(version, `unknown option "-${l}"`);
    }
  }
  if (!TABLES.includes(table)) {
    return { output: `${version}: can't initialize iptables table \`${table.slice(0, 64)}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n`, exitCode: 3 };
  }
  const t = table as NetfilterTableName;
  if (commands.size === 0) return usageError(version, 'no command specified');
  if (commands.has('S') && commands.size > 1) return usageError(version, 'Illegal option `-Z\' with this command');
  const exists = chain === undefined || ns.netfilter[t].chains.some((c) => c.name === chain);
  if (!exists) return { output: 'iptables: No chain/target/match by that name.\n', exitCode: 1 };
  let output = '';
  if (commands.has('S')) output = renderIptablesS(ns, t, { chain, verbose: flags.has('v') }, backend);
  else if (commands.has('L')) {
    if (!flags.has('n')) return { output: 'add -n: without it iptables looks every address and port up in DNS and /etc/services, which this simulator does not do\n', exitCode: 1 };
    output = renderIptablesList(ns, t, { chain, verbose: flags.has('v'), exact: flags.has('x'), lineNumbers: flags.has('line-numbers'), ...opts });
  }
  const result: IptablesCommandResult = { output, exitCode: 0 };
  if (commands.has('Z')) {
    result.zero = chain === undefined ? { table: t } : { table: t, chain };
    if (flags.has('v')) {
      const names = chain === undefined ? listedChains(ns, t) : [chain];
      result.output += names.map((n) => `Zeroing chain \`${n}'\n`).join('');
    }
  }
  return result;
}

/** Chain names in `-L` order (built-ins, then user chains by name). */
function listedChains(ns: Netns, t: NetfilterTableName): string[] {
  const text = renderIptablesS(ns, t);
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^-[PN] (\S+)/.exec(line);
    if (m) out.push(m[1]);
  }
  return out;
}
