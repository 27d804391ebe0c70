/**
 * `run <scenario> [--until <s>] [--every <s>] [--max-events <n>] [--strict]`: runs the
 * scenario and prints the state then — per node its ENIs (with creation and attach times),
 * pods, pool statistics, ipamd's decisions and metrics — and the EC2 call log; or, with
 * --every, a compact sample of every node at each step, to read a transition from one run.
 */
import { noExtraArguments, parseFlags, secondsFlag } from '../args.ts';
import { CliError, quietContext, type CliCommand } from '../cli-error.ts';
import { HELP } from '../help.ts';
import { loadScenario } from '../load-scenario.ts';
import { boundedSimulation, eventBudget, newBudget, runBounded, runSeconds } from '../simulate.ts';
import { nodeSample, podsByNode, stateJson } from '../state-json.ts';

/** Bounds of --every: samples, and node-samples (samples × nodes), so the output stays readable. */
export const MAX_SAMPLES = 10_000;
export const MAX_NODE_SAMPLES = 200_000;

export const command: CliCommand = (args, ctx = quietContext()) => {
  const { positional, flags } = parseFlags(args, { until: 'value', every: 'value', 'max-events': 'value', strict: 'bool' });
  noExtraArguments(positional, 1, HELP.run.usage);
  const spec = loadScenario(positional[0], ctx, { strict: flags.strict === true });
  const until = runSeconds(spec, flags.until, 'until', ctx.limits);
  const every = secondsFlag(flags.every, 'every', ctx.limits.maxSeconds);
  const budget = newBudget(eventBudget(flags['max-events'], ctx.limits), ctx.limits);
  if (every === undefined) {
    const sim = boundedSimulation(spec, ctx.limits);
    runBounded(sim, until, budget);
    return JSON.stringify(stateJson(sim, spec, until), null, 2);
  }

  if (every <= 0) throw new CliError('--every must be more than 0 seconds');
  // In whole milliseconds: 0, every, 2·every … before --until, then --until itself.
  const untilMs = Math.round(until * 1000);
  const everyMs = Math.round(every * 1000);
  const steps = untilMs === 0 ? 1 : Math.floor((untilMs - 1) / everyMs) + 2;
  if (steps > MAX_SAMPLES) throw new CliError(`--every ${every} up to ${until} s makes ${steps} samples; at most ${MAX_SAMPLES}: give a larger --every or a smaller --until`);
  const sim = boundedSimulation(spec, ctx.limits);
  const samples = [];
  let nodeSamples = 0;
  for (let k = 0; k < steps; k++) {
    const t = Math.min(untilMs, k * everyMs) / 1000;
    runBounded(sim, t, budget);
    const snap = sim.snapshot();
    nodeSamples += snap.nodes.length;
    if (nodeSamples > MAX_NODE_SAMPLES) {
      throw new CliError(`--every ${every} makes more than ${MAX_NODE_SAMPLES} node samples (${snap.nodes.length} nodes at ${t} s); give a larger --every or a smaller --until`);
    }
    const byNode = podsByNode(snap);
    samples.push({
      timeSeconds: t,
      nodes: snap.nodes.map((n) => nodeSample(n, byNode.get(n.name) ?? [])),
      pendingPods: snap.pods.filter((p) => !p.node).length,
      ec2: snap.ec2,
    });
  }
  return JSON.stringify({ scenario: spec.name, everySeconds: every, untilSeconds: until, samples }, null, 2);
};
