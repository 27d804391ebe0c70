/**
 * `events <scenario> [--until <s>] [--kind k[,k]] [--node <node>] [--pod <ns/name>] [--json]`:
 * the event stream of a run, one line per event with its simulated time, so a transition
 * (a WARM_IP_TARGET change, a subnet running dry, a cordon) reads top to bottom.
 */
import type { SimEvent } from '../../sim/index.ts';
import { noExtraArguments, parseFlags } from '../args.ts';
import { CliError, quietContext, type CliCommand } from '../cli-error.ts';
import { shortNode } from '../../scenario/event-summary.ts';
import { EVENT_KINDS, eventJson, eventLine, type EventKind } from '../event-lines.ts';
import { HELP } from '../help.ts';
import { loadScenario } from '../load-scenario.ts';
import { quote } from '../quote.ts';
import { resolveNode, resolvePod } from '../resolve.ts';
import { eventBudget, runSeconds, simulateTo } from '../simulate.ts';

const LINES_PER_CHUNK = 2000;

function parseKinds(value: string | true | undefined): Set<EventKind> | undefined {
  if (value === undefined) return undefined;
  const kinds = String(value).split(',');
  const bad = kinds.find((k) => !(EVENT_KINDS as readonly string[]).includes(k));
  if (bad !== undefined) throw new CliError(`--kind takes ${EVENT_KINDS.join(', ')} (comma-separated), got ${quote(bad, 40)}`);
  return new Set(kinds as EventKind[]);
}

function* chunks(events: SimEvent[], line: (e: SimEvent) => string): Generator<string> {
  for (let i = 0; i < events.length; i += LINES_PER_CHUNK) {
    yield events.slice(i, i + LINES_PER_CHUNK).map((e) => `${line(e)}\n`).join('');
  }
}

export const command: CliCommand = (args, ctx = quietContext()) => {
  const { positional, flags } = parseFlags(args, { until: 'value', kind: 'value', node: 'value', pod: 'value', json: 'bool', 'max-events': 'value', strict: 'bool' });
  noExtraArguments(positional, 1, HELP.events.usage);
  const kinds = parseKinds(flags.kind);
  const spec = loadScenario(positional[0], ctx, { strict: flags.strict === true });
  const until = runSeconds(spec, flags.until, 'until', ctx.limits);
  const sim = simulateTo(spec, until, ctx, eventBudget(flags['max-events'], ctx.limits));
  const all = sim.eventsSince(0);
  const snap = sim.snapshot();

  let node: string | undefined;
  if (typeof flags.node === 'string') {
    const ref = flags.node;
    // A node removed during the run is no longer in the snapshot, but its events are.
    const gone = all.find((e) => e.node !== undefined && e.node !== '' && (e.node === ref || shortNode(e.node) === ref))?.node;
    node = gone && !snap.nodes.some((n) => n.name === gone) ? gone : resolveNode(snap, ref, until).name;
  }
  let podKey: string | undefined;
  if (typeof flags.pod === 'string') {
    const ref = flags.pod;
    // A pod deleted during the run still has its events.
    podKey = all.some((e) => e.kind === 'k8s' && e.object === `pod/${ref}`) ? ref : (() => {
      const p = resolvePod(snap, ref, until);
      return `${p.namespace}/${p.name}`;
    })();
  }

  const shown = all.filter((e) =>
    (!kinds || kinds.has(e.kind)) &&
    (node === undefined || e.node === node) &&
    (podKey === undefined || (e.kind === 'k8s' && e.object === `pod/${podKey}`) || e.touches.includes(podKey)));
  if (shown.length === 0) return flags.json ? [] : `no events${kinds ? ` of kind ${[...kinds].join(', ')}` : ''}${node ? ` on ${node}` : ''}${podKey ? ` about ${podKey}` : ''} in 0–${until} s`;
  return chunks(shown, flags.json ? eventJson : eventLine);
};
