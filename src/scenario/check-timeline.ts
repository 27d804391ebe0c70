/**
 * Semantic checks of the timeline, replayed in time order: every command must name a
 * deployment or node group that exists at that moment (deployments added or deleted
 * earlier in the timeline count), and node counts stay sane.
 */
import type { ScenarioSpec } from '../sim/spec.ts';
import { DEFAULT_NAMESPACE } from './defaults.ts';
import { createSuggester, didYouMean, type Suggester } from './did-you-mean.ts';
import { issue, joinPath, said, type Said, type ScenarioIssue } from './issues.ts';
import { quoteForMessage as q } from './quote.ts';
import { MAX_TOTAL_NODES, MAX_TOTAL_PODS } from './check-cluster.ts';
import type { TimelineOrigin } from './normalise.ts';
import { checkDns1123Label, checkDns1123Subdomain, checkEnvName, checkLabelKey, checkLabelValue } from './name-rules.ts';
import type { ServiceChecks } from './service-checks.ts';

interface Sink {
  errors: ScenarioIssue[];
  warnings: ScenarioIssue[];
}

/**
 * `origin[k]` is the input index of `spec.timeline[k]` in `timeline`, or the path of the lesson
 * step's command it came from (the spec's timeline is already sorted). Muted entries never run,
 * so they change nothing the later ones see.
 * Warns when the input was not in time order, since the engine runs it sorted.
 * `suggest` is the parse's suggestion budget (did-you-mean.ts).
 */
export function checkTimeline(spec: ScenarioSpec, origin: readonly TimelineOrigin[], suggest: Suggester = createSuggester(), services?: ServiceChecks): Sink {
  const sink: Sink = { errors: [], warnings: [] };
  const deployments = new Set(spec.deployments.map((d) => `${d.namespace}/${d.name}`));
  const nodes = new Map(spec.nodeGroups.map((g) => [g.name, g.count]));
  /** Nodes each group has launched so far: indexes are launch order and are never reused. */
  const launchedOf = new Map(spec.nodeGroups.map((g) => [g.name, g.count]));
  let total = spec.nodeGroups.reduce((sum, g) => sum + g.count, 0);
  let reportedTotal = false;
  const replicas = new Map(spec.deployments.map((d) => [`${d.namespace}/${d.name}`, d.replicas]));
  let pods = spec.deployments.reduce((sum, d) => sum + d.replicas, 0);
  let reportedPods = pods > MAX_TOTAL_PODS; // checkCluster reports the deployments themselves
  /** Sets a deployment's replicas and reports (once) the first command that takes the scenario past MAX_TOTAL_PODS. */
  const setReplicas = (key: string, count: number, path: string) => {
    pods += count - (replicas.get(key) ?? 0);
    if (count > 0) replicas.set(key, count);
    else replicas.delete(key);
    if (pods > MAX_TOTAL_PODS && !reportedPods) {
      reportedPods = true;
      sink.errors.push(issue(path, said`brings the scenario to ${pods.toLocaleString('en-US')} pods; at most ${MAX_TOTAL_PODS.toLocaleString('en-US')} are allowed`));
    }
  };
  // Absent only when the timeline has no Service, Ingress or traffic command (parse-core.ts).
  const serviceState = services?.serviceTimelineState(spec);
  deployments.add('kube-system/coredns');

  const fileOrder = origin.filter((o): o is number => typeof o === 'number');
  if (fileOrder.some((index, j) => j > 0 && index < fileOrder[j - 1])) {
    sink.warnings.push(issue('timeline', said`entries are not in time order; they run sorted by "at" (entries with the same "at" keep their order)`));
  }

  spec.timeline.forEach(({ at, command, muted }, k) => {
    if (muted) return;
    const from = origin[k];
    const path = typeof from === 'number' ? `${joinPath('timeline', from)}.command` : from;
    const error = (field: string, s: Said) => sink.errors.push(issue(`${path}.${field}`, s));
    const deployment = (field: string, name: string, namespace: string | undefined) => {
      const key = `${namespace ?? DEFAULT_NAMESPACE}/${name}`;
      if (!deployments.has(key)) {
        const hint = didYouMean(suggest.closest(key, deployments).map((s) => s.split('/')[1]));
        error(field, said`no deployment ${q(key)} exists at ${at} s${hint}`);
        return false;
      }
      return true;
    };
    // A node is named by `<group>/<index>` (its launch order in the group) or by its name.
    const nodeRef = (ref: string) => {
      const slash = ref.lastIndexOf('/');
      if (slash < 0) {
        const problem = checkDns1123Subdomain(ref);
        if (problem) error('node', said`${problem}; name a node by its name or as <node group>/<index> (e.g. ng-1/0)`);
        return;
      }
      const name = ref.slice(0, slash);
      const index = ref.slice(slash + 1);
      if (!nodes.has(name)) {
        error('node', said`no node group ${q(name)}${didYouMean(suggest.closest(name, nodes.keys()))} (a node is <node group>/<index>, e.g. ng-1/0)`);
        return;
      }
      const launched = launchedOf.get(name) ?? 0;
      if (!/^\d{1,6}$/.test(index)) error('node', said`${q(index)} is not a node index (0 is the group's first node)`);
      else if (Number(index) >= launched) {
        error('node', launched === 0 ? said`node group ${q(name)} has launched 0 nodes at ${at} s (none yet)`
          : launched === 1 ? said`node group ${q(name)} has launched 1 node at ${at} s (indexes 0 to 0)`
            : said`node group ${q(name)} has launched ${launched} nodes at ${at} s (indexes 0 to ${launched - 1})`);
      }
    };
    const group = (name: string) => {
      if (!nodes.has(name)) {
        error('nodeGroup', said`no node group ${q(name)}${didYouMean(suggest.closest(name, nodes.keys()))}`);
        return false;
      }
      return true;
    };

    switch (command.type) {
      case 'scale':
        if (deployment('deployment', command.deployment, command.namespace)) {
          setReplicas(`${command.namespace ?? DEFAULT_NAMESPACE}/${command.deployment}`, command.replicas, `${path}.replicas`);
        }
        break;
      case 'addDeployment': {
        const dep = command.deployment;
        const problem = checkDns1123Label(dep.name) ?? checkDns1123Label(dep.namespace);
        if (problem) error('deployment', problem);
        for (const [k, v] of Object.entries(dep.nodeSelector ?? {})) {
          const bad = checkLabelKey(k) ?? checkLabelValue(v);
          if (bad) error(joinPath('deployment.nodeSelector', k), bad);
        }
        const key = `${dep.namespace}/${dep.name}`;
        if (deployments.has(key)) error('deployment.name', said`deployment ${q(key)} already exists at ${at} s`);
        else setReplicas(key, dep.replicas, `${path}.deployment.replicas`);
        deployments.add(key);
        break;
      }
      case 'deleteDeployment':
        if (deployment('deployment', command.deployment, command.namespace)) {
          const key = `${command.namespace ?? DEFAULT_NAMESPACE}/${command.deployment}`;
          deployments.delete(key);
          setReplicas(key, 0, path);
        }
        break;
      case 'setEnv': {
        const problem = checkEnvName(command.name);
        if (problem) error('name', problem);
        break;
      }
      case 'addNodes':
        if (group(command.nodeGroup)) {
          nodes.set(command.nodeGroup, (nodes.get(command.nodeGroup) ?? 0) + command.count);
          launchedOf.set(command.nodeGroup, (launchedOf.get(command.nodeGroup) ?? 0) + command.count);
          total += command.count;
          if (total > MAX_TOTAL_NODES && !reportedTotal) {
            reportedTotal = true;
            error('count', said`brings the scenario to ${total} nodes; at most ${MAX_TOTAL_NODES} are allowed`);
          }
        }
        break;
      case 'removeNodes':
        if (group(command.nodeGroup)) {
          const have = nodes.get(command.nodeGroup) ?? 0;
          if (command.count > have) {
            sink.warnings.push(issue(`${path}.count`, said`removes ${command.count} nodes but group ${q(command.nodeGroup)} has ${have} at ${at} s; all of them go`));
          }
          const removed = Math.min(have, command.count);
          nodes.set(command.nodeGroup, have - removed);
          total -= removed;
        }
        if (command.node !== undefined) {
          const problem = checkDns1123Subdomain(command.node);
          if (problem) error('node', problem);
        }
        break;
      case 'cordon':
      case 'uncordon':
        nodeRef(command.node);
        break;
      case 'taint': {
        nodeRef(command.node);
        const problem = checkLabelKey(command.key, true);
        if (problem) error('key', problem);
        if (command.value !== undefined) {
          const bad = checkLabelValue(command.value, true);
          if (bad) error('value', bad);
          if (command.remove) sink.warnings.push(issue(`${path}.value`, said`is ignored when removing a taint (it is removed by key and effect)`));
        }
        break;
      }
      case 'deletePod': {
        const problem = checkDns1123Subdomain(command.pod) ?? (command.namespace === undefined ? undefined : checkDns1123Label(command.namespace));
        if (problem) error('pod', problem);
        break;
      }
      default:
        if (!services || !serviceState) throw new Error(`the Service checks were not loaded for a "${command.type}" command`);
        services.checkServiceCommand(command, path, at, serviceState, sink);
    }
  });
  return sink;
}
