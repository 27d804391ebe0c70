/**
 * `npm run sim -- <command> [args]`. Each command lives in commands/<name>.ts and
 * exports `run(args): Promise<CliResult> | CliResult`.
 */
import { CliError, type CliCommand } from './cli-error.ts';

const commands: Record<string, () => Promise<{ command: CliCommand }>> = {
  maxpods: () => import('./commands/maxpods.ts'),
  run: () => import('./commands/run.ts'),
  trace: () => import('./commands/trace.ts'),
  show: () => import('./commands/show.ts'),
  lab: () => import('./commands/lab.ts'),
};

const usage = `usage: npm run sim -- <command> [options]
commands:
  maxpods <type…> | --all [--prefix-delegation] [--custom-networking] [--max-eni N] [--apply-caps] [--cni-version X]
  run <scenario.json> [--until <seconds>]
  trace <scenario.json> --from <pod|node|external> --to <ip|pod>[:port] [--proto tcp|udp|icmp] [--at <seconds>]
  show <scenario.json> --node <name> [--pod <name>] <view> [--at <seconds>]
  lab <scenario.json> [--at <seconds>] [--prefix <name>]   (npm run -s sim -- lab … > lab.sh)`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage + '\n');
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) throw new CliError(`unknown command "${name}"\n${usage}`);
  let mod: { command: CliCommand };
  try {
    mod = await load();
  } catch {
    throw new CliError(`command "${name}" is not available in this build`);
  }
  const out = await mod.command(args);
  // Wait for the pipe to take everything before exiting (process.exit would cut it at 64 KiB).
  await new Promise<void>((resolve) => process.stdout.write(out.endsWith('\n') ? out : out + '\n', () => resolve()));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof CliError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
