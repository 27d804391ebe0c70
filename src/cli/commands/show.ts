/**
 * `show <scenario> --node <name> [--pod <name>] <view> [--at <seconds>]`: what a command run
 * on the node (or inside the pod's namespace) would print, e.g. `ip rule`,
 * `iptables -t nat -S`, `ip route show table 2`, `conntrack -L`.
 */
import { renderView, VIEW_NAMES, findPodNetns, type ViewName, type ViewOptions } from '../../sim/linux/render/index.ts';
import { CliError, type CliCommand } from '../cli-error.ts';
import { parseFlags } from '../load-scenario.ts';
import { worldAt } from './trace.ts';

/** Splits the typed command into a view name and its argument (the table of `ip route show table N`). */
function parseView(words: string[]): { view: ViewName; opts: ViewOptions } {
  const text = words.join(' ').trim();
  if ((VIEW_NAMES as readonly string[]).includes(text)) return { view: text as ViewName, opts: {} };
  const table = /^ip route show table (\S+)$/.exec(text);
  if (table) return { view: 'ip route show table', opts: { table: table[1] } };
  const rp = /^sysctl rp_filter (\S+)$/.exec(text);
  if (rp) return { view: 'sysctl rp_filter', opts: { iface: rp[1] } };
  throw new CliError(`unknown view "${text}"; views: ${VIEW_NAMES.join(', ')}`);
}

export const command: CliCommand = async (args) => {
  const { positional, flags } = parseFlags(args, { node: 'value', pod: 'value', at: 'value' });
  if (typeof flags.node !== 'string') throw new CliError('missing --node <name>');
  if (positional.length < 2) throw new CliError(`missing view after the scenario; views: ${VIEW_NAMES.join(', ')}`);
  const { view, opts } = parseView(positional.slice(1));
  const world = worldAt(positional[0], flags.at);
  const node = world.nodes.find((n) => n.nodeName === flags.node);
  if (!node) throw new CliError(`no node "${flags.node}"; nodes: ${world.nodes.map((n) => n.nodeName).join(', ') || '(none)'}`);
  if (typeof flags.pod === 'string') {
    if (!findPodNetns(node, flags.pod)) throw new CliError(`no pod "${flags.pod}" with its own network namespace on ${node.nodeName}; pods: ${node.pods.map((p) => `${p.namespace}/${p.pod}`).join(', ') || '(none)'}`);
    opts.pod = flags.pod;
  }
  return renderView(node, view, opts);
};
