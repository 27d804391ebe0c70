/**
 * `show <scenario> [--node <node>] [--pod <ns/name>] '<view>' [--at <s>]`: what a real tool
 * prints at that moment — `kubectl get pods -A -o wide`, `kubectl get nodes`, `kubectl
 * describe pod`, `aws ec2 describe-network-interfaces`, the CloudTrail records, the node's
 * metrics page, or `ip`/`iptables`/`conntrack` on the node or inside a pod's namespace.
 * The views are listed in ../view-registry.ts.
 */
import { parseFlags } from '../args.ts';
import { CliError, quietContext, type CliCommand } from '../cli-error.ts';
import { HELP } from '../help.ts';
import { loadScenario } from '../load-scenario.ts';
import { quote } from '../quote.ts';
import { resolveNode, resolvePod } from '../resolve.ts';
import { eventBudget, runSeconds, simulateTo } from '../simulate.ts';
import { findView, viewList, VIEWS } from '../view-registry.ts';

export const helpExtra = viewList;

export const command: CliCommand = (args, ctx = quietContext()) => {
  const { positional, flags } = parseFlags(args, { node: 'value', pod: 'value', at: 'value', 'max-events': 'value', strict: 'bool' });
  if (positional.length === 0) throw new CliError(`missing scenario (usage: ${HELP.show.usage})`);
  if (positional.length < 2) throw new CliError(`missing view after the scenario; views: ${[...new Set(VIEWS.map((v) => v.name.replace(/ [[<].*$/, '')))].join(', ')}`);
  // Check the view before running anything: a typo costs no simulation.
  const { view, args: viewArgs } = findView(positional.slice(1).join(' '));
  const nodeRef = typeof flags.node === 'string' ? flags.node : undefined;
  const podRef = typeof flags.pod === 'string' ? flags.pod : undefined;
  if (view.scope === 'pod' && podRef === undefined) throw new CliError(`view ${quote(view.name)} is about one pod: give --pod <namespace/name>`);
  if (view.scope === 'node' && nodeRef === undefined && podRef === undefined) throw new CliError(`view ${quote(view.name)} runs on a node: give --node <name|group/index> (e.g. --node ng-1/0), or --pod for a pod's namespace`);
  if (view.scope === 'cluster' && podRef !== undefined) throw new CliError(`view ${quote(view.name)} is about the cluster and takes no --pod (--node narrows it to one node)`);

  const spec = loadScenario(positional[0], ctx, { strict: flags.strict === true });
  const at = runSeconds(spec, flags.at, 'at', ctx.limits);
  const sim = simulateTo(spec, at, ctx, eventBudget(flags['max-events'], ctx.limits), 'at');
  const snap = sim.snapshot();
  let node = nodeRef === undefined ? undefined : resolveNode(snap, nodeRef, at);
  const pod = podRef === undefined ? undefined : resolvePod(snap, podRef, at);
  if (pod && view.scope === 'node') {
    if (!pod.node) throw new CliError(`pod ${quote(podRef)} is ${pod.phase} and on no node at ${at} s (${pod.reason ?? 'not scheduled'})`);
    if (node && node.name !== pod.node) throw new CliError(`pod ${quote(podRef)} runs on ${pod.node}, not on ${node.name}`);
    node = snap.nodes.find((n) => n.name === pod.node);
  }
  return view.render({ sim, snap, events: () => sim.eventsSince(0), node, pod }, viewArgs);
};
