/**
 * Finds the node and pod a user named on the command line. A node is its name
 * (ip-192-168-…compute.internal), its instance id, or `<node group>/<index>` (ng-1/0: the
 * first node the group launched), because generated node names are not known before a
 * run. A pod is `namespace/name`, or a name unique in the cluster.
 */
import type { NodeView, PodView, SimSnapshot } from '../sim/index.ts';
import { CliError } from './cli-error.ts';
import { shortNode } from '../scenario/event-summary.ts';
import { quote } from './quote.ts';

/** Names listed in a "… are: a, b, c" hint before "…". */
const LISTED = 6;

function listing(names: string[]): string {
  if (names.length === 0) return '(none)';
  return names.slice(0, LISTED).join(', ') + (names.length > LISTED ? `, … (${names.length} in all)` : '');
}

/** `ng-1/0` for a node, when it knows its place in its group. */
export function groupRef(n: NodeView): string | undefined {
  return n.groupIndex === undefined ? undefined : `${n.nodeGroup}/${n.groupIndex}`;
}

/** The node `ref` names in `snap`, or a CliError listing the nodes there are. */
export function resolveNode(snap: SimSnapshot, ref: string, atSeconds: number): NodeView {
  const byRef = snap.nodes.find((n) => n.name === ref || n.instanceId === ref || groupRef(n) === ref || shortNode(n.name) === ref);
  if (byRef) return byRef;
  const group = /^([^/]+)\/(\d{1,6})$/.exec(ref);
  const refs = snap.nodes.map((n) => groupRef(n) ?? n.name);
  if (group && snap.nodes.some((n) => n.nodeGroup === group[1])) {
    throw new CliError(`no node ${quote(ref)} at ${atSeconds} s: node group ${quote(group[1], 40)} has ${listing(snap.nodes.filter((n) => n.nodeGroup === group[1]).map((n) => groupRef(n) ?? n.name))} (removed nodes keep their index; new ones get the next)`);
  }
  throw new CliError(`no node ${quote(ref)} at ${atSeconds} s; nodes: ${listing(refs)}`);
}

const key = (p: PodView): string => `${p.namespace}/${p.name}`;

/** The pod `ref` names (namespace/name or a unique name), or a CliError saying why not. */
export function resolvePod(snap: SimSnapshot, ref: string, atSeconds: number): PodView {
  const matches = ref.includes('/') ? snap.pods.filter((p) => key(p) === ref) : snap.pods.filter((p) => p.name === ref);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) throw new CliError(`pod name ${quote(ref)} is in several namespaces; give namespace/name: ${listing(matches.map(key))}`);
  const pods = snap.pods.filter((p) => !p.hostNetwork).map(key);
  throw new CliError(`no pod ${quote(ref)} at ${atSeconds} s; pods: ${listing(pods)}`);
}
