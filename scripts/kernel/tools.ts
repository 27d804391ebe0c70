/**
 * The programs the kernel test and the lab script it runs need, with the Debian package that
 * brings each. README.md's install line must name the same packages (checked at start).
 */
import { readFileSync } from 'node:fs';
import { have } from './shell.ts';

/** Program → Debian package. */
export const TOOLS: Record<string, string> = {
  bash: 'bash',
  ip: 'iproute2',
  'iptables-restore': 'iptables',
  'iptables-legacy': 'iptables',
  'iptables-legacy-save': 'iptables',
  'iptables-legacy-restore': 'iptables',
  'iptables-nft': 'iptables',
  'iptables-nft-save': 'iptables',
  'iptables-nft-restore': 'iptables',
  nft: 'nftables',
  conntrack: 'conntrack',
  nfacct: 'nfacct',
  ping: 'iputils-ping',
  tcpdump: 'tcpdump',
  tee: 'coreutils',
  head: 'coreutils',
  timeout: 'coreutils',
};

/** Packages every Debian system has; the README need not list them. */
const ESSENTIAL = new Set(['bash', 'coreutils']);

/** One line per missing program, with its package, or none. */
export function missingTools(): string[] {
  return Object.entries(TOOLS)
    .filter(([tool]) => !have(tool))
    .map(([tool, pkg]) => `${tool} (apt-get install ${pkg})`);
}

/** Packages the README's `apt-get install …` for the kernel step should name but does not, and extra ones. */
export function readmeDisagreement(readmePath: string): string | undefined {
  const text = readFileSync(readmePath, 'utf8').replace(/\s+/g, ' ');
  const m = /compares the kernel with the simulator \(`apt-get install ([^`]+)`\)/.exec(text);
  if (!m) return 'README.md has no "(`apt-get install …`)" for the kernel step';
  const listed = new Set(m[1].trim().split(' '));
  const needed = new Set(Object.values(TOOLS).filter((p) => !ESSENTIAL.has(p)));
  const lacking = [...needed].filter((p) => !listed.has(p));
  const extra = [...listed].filter((p) => !needed.has(p));
  if (!lacking.length && !extra.length) return undefined;
  return `README.md's kernel install list ${lacking.length ? `lacks ${lacking.join(', ')}` : ''}${lacking.length && extra.length ? ' and ' : ''}${extra.length ? `names ${extra.join(', ')} that the test does not use` : ''}`;
}
