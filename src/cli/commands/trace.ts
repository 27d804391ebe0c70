/**
 * `trace <scenario> --from <pod|node|internet> --to <destination>[:port] [--proto tcp|udp|icmp]
 * [--connected] [--at <seconds>] [--count <n>] [--transcript]`: the hops of one packet and its
 * reply, as JSON (or as a plain-text transcript). The destination is an address, a pod or node,
 * a Service's DNS name, a load balancer's DNS name or `loadbalancer:<namespace>/<name>`.
 * `--count n` sends n connections from successive source ports and prints where they landed
 * (the spread). `--connected`: the UDP sender calls connect(2), so early demux finds its socket.
 */
import type { ScenarioSpec } from '../../sim/index.ts';
import { resolveDestination, resolveSource, tracePacket, traceTranscript, worldFromSimulation, type Proto, type TraceWorld } from '../../sim/trace/index.ts';
import { MAX_SPREAD, spreadText, traceSpread } from '../../sim/trace/spread.ts';
import { noExtraArguments, parseFlags } from '../args.ts';
import { CliError, quietContext, type CliCommand, type CliContext } from '../cli-error.ts';
import { HELP } from '../help.ts';
import { loadScenario } from '../load-scenario.ts';
import { shortNode } from '../../scenario/event-summary.ts';
import { quote } from '../quote.ts';
import { groupRef } from '../resolve.ts';
import { eventBudget, runSeconds, simulateTo } from '../simulate.ts';

/** Flags every command that builds the world at a moment takes. */
export const WORLD_FLAGS = { at: 'value', 'max-events': 'value', strict: 'bool' } as const;

/**
 * Loads the scenario, runs it to `--at` (default: 120 s after its last command) within the
 * CLI's bounds, and builds the world. `flags` may carry --max-events and --strict.
 */
export function worldAt(scenario: string | undefined, at: string | true | undefined, ctx: CliContext = quietContext(), flags: Record<string, string | true> = {}): TraceWorld {
  return loadWorld(scenario, at, ctx, flags).world;
}

/** `worldAt`, also returning the scenario and the moment the world is at. */
export function loadWorld(scenario: string | undefined, at: string | true | undefined, ctx: CliContext = quietContext(), flags: Record<string, string | true> = {}): { world: TraceWorld; spec: ScenarioSpec; seconds: number } {
  const spec = loadScenario(scenario, ctx, { strict: flags.strict === true });
  const seconds = runSeconds(spec, at, 'at', ctx.limits);
  return { world: worldFromSimulation(simulateTo(spec, seconds, ctx, eventBudget(flags['max-events'], ctx.limits), 'at')), spec, seconds };
}

function parseTo(to: string): { target: string; port?: number } {
  const m = /^(.*):(\d{1,6})$/.exec(to);
  if (!m) return { target: to };
  const port = Number(m[2]);
  if (!(port >= 1 && port <= 65535)) throw new CliError(`--to port must be 1-65535, got ${m[2]}`);
  return { target: m[1], port };
}

export const command: CliCommand = async (args, ctx = quietContext()) => {
  const { positional, flags } = parseFlags(args, { from: 'value', to: 'value', proto: 'value', count: 'value', transcript: 'bool', connected: 'bool', ...WORLD_FLAGS });
  noExtraArguments(positional, 1, HELP.trace.usage);
  if (typeof flags.from !== 'string') throw new CliError('missing --from <pod|node|internet>');
  if (typeof flags.to !== 'string') throw new CliError('missing --to <ip|pod|service or load balancer DNS name>[:port]');
  const { target, port } = parseTo(flags.to);
  const protoFlag = flags.proto ?? (port ? 'tcp' : 'icmp');
  if (protoFlag !== 'tcp' && protoFlag !== 'udp' && protoFlag !== 'icmp') throw new CliError(`--proto must be tcp, udp or icmp, got ${quote(String(protoFlag), 24)}`);
  const proto: Proto = protoFlag;
  if (proto === 'icmp' && port) throw new CliError('icmp has no ports: drop the :port from --to or use --proto tcp|udp');
  if (flags.connected && proto !== 'udp') throw new CliError('--connected is for udp (a TCP socket is always connected; icmp has no socket to connect)');
  let count: number | undefined;
  if (flags.count !== undefined) {
    count = Number(flags.count);
    if (!Number.isInteger(count) || count < 1 || count > MAX_SPREAD) throw new CliError(`--count must be a whole number from 1 to ${MAX_SPREAD}, got ${quote(String(flags.count), 32)}`);
  }
  const spec = loadScenario(positional[0], ctx, { strict: flags.strict === true });
  const sim = simulateTo(spec, runSeconds(spec, flags.at, 'at', ctx.limits), ctx, eventBudget(flags['max-events'], ctx.limits), 'at');
  const world = worldFromSimulation(sim);
  // A node may be named as everywhere in the CLI: ng-1/0, its host name or instance id.
  const snap = sim.snapshot();
  const fromNode = snap.nodes.find((n) => groupRef(n) === flags.from || shortNode(n.name) === flags.from || n.instanceId === flags.from);
  const source = fromNode?.name ?? flags.from;
  const from = resolveSource(world, source);
  if (typeof from === 'string') throw new CliError(`${requote(from, flags.from)}; pods here: ${podNames(world)}`);
  const dst = resolveDestination(world, target);
  if (typeof dst === 'string') throw new CliError(`${requote(dst, target)}; pods here: ${podNames(world)}`);
  const req = { from: source, to: target, proto, ...(port ? { dport: port } : {}), ...(flags.connected ? { connected: true } : {}) };
  if (count !== undefined) {
    const { spread } = traceSpread(world, req, count);
    return flags.transcript ? spreadText(spread) : JSON.stringify({ request: req, spread }, null, 2);
  }
  const result = tracePacket(world, req);
  return flags.transcript ? traceTranscript(result) : JSON.stringify(result, null, 2);
};

/** The tracer's message echoes the value it could not resolve as "value": quote it our way (escaped, cut). */
function requote(message: string, value: string): string {
  return message.replace(`"${value}"`, () => quote(value));
}

function podNames(w: TraceWorld): string {
  const names = [...w.namespaces.values()].flatMap((r) => (r.pod ? [`${r.pod.namespace}/${r.pod.pod}`] : []));
  const nodes = w.nodes.map((n) => n.nodeName);
  return `${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}${names.length ? '' : '(none)'}; nodes: ${nodes.slice(0, 4).join(', ') || '(none)'}${nodes.length > 4 ? `, … (${nodes.length} in all)` : ''}`;
}
