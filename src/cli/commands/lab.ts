/**
 * `lab <scenario> [--at <seconds>]`: prints a bash script that rebuilds the scenario's nodes
 * and pods in `vcx-*` Linux network namespaces (run it as root; `--teardown` removes them).
 */
import { labScript } from '../../sim/lab/script.ts';
import { CliError, type CliCommand } from '../cli-error.ts';
import { parseFlags } from '../load-scenario.ts';
import { worldAt } from './trace.ts';

export const command: CliCommand = async (args) => {
  const { positional, flags } = parseFlags(args, { at: 'value' });
  if (positional.length > 1) throw new CliError(`unexpected argument "${positional[1]}"`);
  const world = worldAt(positional[0], flags.at);
  if (world.nodes.length === 0) throw new CliError('the scenario has no nodes at that time: nothing to build');
  return labScript(world);
};
