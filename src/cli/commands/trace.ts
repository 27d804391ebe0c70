/**
 * `trace <scenario> --from <pod|node|external> --to <ip|pod>[:port] [--proto tcp|udp|icmp]
 * [--at <seconds>] [--transcript]`: the hops of one packet and its reply, as JSON (or as a
 * plain-text transcript).
 */
import { createSimulation, type ScenarioSpec } from '../../sim/index.ts';
import { resolveDestination, resolveSource, tracePacket, traceTranscript, worldFromSimulation, type Proto, type TraceWorld } from '../../sim/trace/index.ts';
import { CliError, type CliCommand } from '../cli-error.ts';
import { loadScenario, parseFlags, secondsFlag } from '../load-scenario.ts';

/** Loads the scenario, runs it to `--at` (default: 120 s after its last command) and builds the world. */
export function worldAt(scenario: string | undefined, at: string | true | undefined): TraceWorld {
  return loadWorld(scenario, at).world;
}

/** `worldAt`, also returning the scenario and the moment the world is at. */
export function loadWorld(scenario: string | undefined, at: string | true | undefined): { world: TraceWorld; spec: ScenarioSpec; seconds: number } {
  const spec = loadScenario(scenario);
  const lastAt = spec.timeline.reduce((m, t) => Math.max(m, t.at), 0);
  const seconds = secondsFlag(at, 'at') ?? lastAt + 120;
  const sim = createSimulation(spec);
  sim.runUntil(seconds * 1000);
  return { world: worldFromSimulation(sim), spec, seconds };
}

function parseTo(to: string): { target: string; port?: number } {
  const m = /^(.*):(\d+)$/.exec(to);
  if (!m) return { target: to };
  const port = Number(m[2]);
  if (!(port >= 1 && port <= 65535)) throw new CliError(`--to port must be 1-65535, got ${m[2]}`);
  return { target: m[1], port };
}

export const command: CliCommand = async (args) => {
  const { positional, flags } = parseFlags(args, { from: 'value', to: 'value', proto: 'value', at: 'value', transcript: 'bool' });
  if (positional.length > 1) throw new CliError(`unexpected argument "${positional[1]}"`);
  if (typeof flags.from !== 'string') throw new CliError('missing --from <pod|node|external>');
  if (typeof flags.to !== 'string') throw new CliError('missing --to <ip|pod>[:port]');
  const { target, port } = parseTo(flags.to);
  const protoFlag = flags.proto ?? (port ? 'tcp' : 'icmp');
  if (protoFlag !== 'tcp' && protoFlag !== 'udp' && protoFlag !== 'icmp') throw new CliError(`--proto must be tcp, udp or icmp, got "${String(protoFlag)}"`);
  const proto: Proto = protoFlag;
  if (proto === 'icmp' && port) throw new CliError('icmp has no ports: drop the :port from --to or use --proto tcp|udp');
  const world = worldAt(positional[0], flags.at);
  const from = resolveSource(world, flags.from);
  if (typeof from === 'string') throw new CliError(`${from}; pods here: ${podNames(world)}`);
  const dst = resolveDestination(world, target);
  if (typeof dst === 'string') throw new CliError(`${dst}; pods here: ${podNames(world)}`);
  const result = tracePacket(world, { from: flags.from, to: target, proto, ...(port ? { dport: port } : {}) });
  return flags.transcript ? traceTranscript(result) : JSON.stringify(result, null, 2);
};

function podNames(w: TraceWorld): string {
  const names = [...w.namespaces.values()].flatMap((r) => (r.pod ? [`${r.pod.namespace}/${r.pod.pod}`] : []));
  const nodes = w.nodes.map((n) => n.nodeName);
  return `${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}${names.length ? '' : '(none)'}; nodes: ${nodes.join(', ') || '(none)'}`;
}
