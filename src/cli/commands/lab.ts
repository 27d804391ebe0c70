/**
 * `lab <scenario> [--at <seconds>] [--prefix <p>]`: prints a bash script that rebuilds the
 * scenario's nodes and pods in Linux network namespaces named `<p>-…` (run it as root;
 * `--teardown` removes them). The default prefix is `vcx-` and a short hash of the scenario
 * and the moment, so the same lab replaces itself and another one keeps its namespaces.
 */
import { defaultLabPrefix, labPrefix } from '../../sim/lab/names.ts';
import { labScript } from '../../sim/lab/script.ts';
import { noExtraArguments } from '../args.ts';
import { CliError, quietContext, type CliCommand } from '../cli-error.ts';
import { HELP } from '../help.ts';
import { parseFlags } from '../load-scenario.ts';
import { loadWorld, WORLD_FLAGS } from './trace.ts';

export const command: CliCommand = async (args, ctx = quietContext()) => {
  const { positional, flags } = parseFlags(args, { ...WORLD_FLAGS, prefix: 'value' });
  noExtraArguments(positional, 1, HELP.lab.usage);
  let chosen;
  if (flags.prefix !== undefined) {
    const p = labPrefix(String(flags.prefix));
    if (!p.ok) throw new CliError(`--prefix: ${p.problem}`);
    chosen = p.prefix;
  }
  const { world, spec, seconds } = loadWorld(positional[0], flags.at, ctx, flags);
  if (world.nodes.length === 0) throw new CliError('the scenario has no nodes at that time: nothing to build');
  const lab = labScript(world, chosen ?? defaultLabPrefix(JSON.stringify(spec), seconds));
  if (!lab.ok) throw new CliError(`cannot write this scenario as a lab: ${lab.problem}`);
  return lab.script;
};
