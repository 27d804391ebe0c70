/**
 * A `kubectl …` or `aws elbv2 …` command line as a learner types it, answered from the
 * cluster's state (no node needed): `kubectl get <kinds> [-n ns | -A] [-o wide]`,
 * `kubectl describe svc|pod <name> [-n ns]`, `aws elbv2 describe-load-balancers [--names …]`,
 * `describe-target-groups [--names …] [--load-balancer-arn …]`,
 * `describe-target-health --target-group-arn …` (optional when there is one target group).
 * Errors read as the tools word them.
 */
import type { ClusterObjects, SimEvent, SimSnapshot } from '../view.ts';
import { describeLoadBalancers, describeTargetGroups, describeTargetHealth } from './elbv2-cli.ts';
import { kubectlDescribePod } from './kubectl-describe.ts';
import { kubectlDescribeService } from './kubectl-describe-service.ts';
import { kubectlGet, parseResources } from './kubectl-get.ts';

/** What a cluster command reads. */
export interface ClusterState {
  snapshot: SimSnapshot;
  objects: ClusterObjects;
  events: SimEvent[];
}

const MAX_WORDS = 32;

/** Splits `-n x`, `--namespace=x`, `-A`, `-o wide` and the rest out of kubectl's words. */
function kubectlFlags(words: string[]): { rest: string[]; namespace?: string; all: boolean; wide: boolean } | string {
  const rest: string[] = [];
  let namespace: string | undefined;
  let all = false;
  let wide = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '-n' || w === '--namespace') {
      namespace = words[++i];
      if (namespace === undefined) return `error: flag needs an argument: '${w === '-n' ? 'n' : 'namespace'}' in -${w === '-n' ? 'n' : '-namespace'}`;
    } else if (w.startsWith('--namespace=')) namespace = w.slice('--namespace='.length);
    else if (w === '-A' || w === '--all-namespaces') all = true;
    else if (w === '-o' || w === '--output') {
      const o = words[++i];
      if (o !== 'wide') return `error: unable to match a printer suitable for the output format "${(o ?? '').slice(0, 64)}", allowed formats are: wide`;
      wide = true;
    } else if (w === '-owide' || w === '-o=wide' || w === '--output=wide') wide = true;
    else if (w.startsWith('-')) return `error: unknown shorthand flag: '${w.replace(/^-+/, '').slice(0, 1)}' in ${w.slice(0, 64)}`;
    else rest.push(w);
  }
  return { rest, ...(namespace !== undefined ? { namespace } : {}), all, wide };
}

function kubectl(state: ClusterState, words: string[]): string {
  const f = kubectlFlags(words);
  if (typeof f === 'string') return `${f}\n`;
  const [verb, what, name] = f.rest;
  const ns = f.namespace ?? 'default';
  if (verb === 'get') {
    if (what === undefined) return 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\n';
    const resources = parseResources(what);
    if (typeof resources === 'string') return `${resources}\n`;
    return kubectlGet(state.snapshot, state.objects, resources, { namespace: ns, allNamespaces: f.all, wide: f.wide });
  }
  if (verb === 'describe') {
    if (what === undefined || name === undefined) return 'error: describe needs a kind and a name here, e.g. kubectl describe svc web\n';
    const kind = what.toLowerCase();
    if (kind === 'svc' || kind === 'service' || kind === 'services') return kubectlDescribeService(state.objects, state.events, ns, name);
    if (kind === 'po' || kind === 'pod' || kind === 'pods') return kubectlDescribePod(state.snapshot, state.events, ns, name);
    return `error: the server doesn't have a resource type "${what.slice(0, 64)}"\n`;
  }
  return `error: unknown command "${(verb ?? '').slice(0, 64)}" for "kubectl"; here: get, describe\n`;
}

/** `--names a b`, `--target-group-arn x` and friends (values up to the next option). */
function awsOptions(words: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const w of words) {
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      current = [];
      out.set(eq < 0 ? w : w.slice(0, eq), current);
      if (eq >= 0) current.push(w.slice(eq + 1));
    } else current?.push(w);
  }
  return out;
}

const AWS_USAGE = 'usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\nTo see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n\n';

function elbv2(state: ClusterState, words: string[]): string {
  const [op, ...rest] = words;
  const opts = awsOptions(rest);
  const one = (k: string) => opts.get(k)?.[0];
  const names = opts.get('--names');
  switch (op) {
    case 'describe-load-balancers':
      return describeLoadBalancers(state.objects, names ? { names } : {});
    case 'describe-target-groups': {
      const lbArn = one('--load-balancer-arn');
      return describeTargetGroups(state.objects, { ...(names ? { names } : {}), ...(lbArn ? { loadBalancerArn: lbArn } : {}) });
    }
    case 'describe-target-health': {
      let arn = one('--target-group-arn');
      if (arn === undefined) {
        if (state.objects.targetGroups.length !== 1) {
          return `${AWS_USAGE}aws: error: the following arguments are required: --target-group-arn\n`;
        }
        // A convenience: with one target group, its ARN is implied.
        arn = state.objects.targetGroups[0].arn;
      }
      return describeTargetHealth(state.objects, arn);
    }
    default:
      return `${AWS_USAGE}aws: error: argument operation: Invalid choice, valid choices are:\n\ndescribe-load-balancers                  | describe-target-groups\ndescribe-target-health\n`;
  }
}

/**
 * Runs a cluster command line; undefined when it is not a `kubectl` or `aws elbv2` command
 * (the caller tries the node commands).
 */
export function runClusterCommand(state: ClusterState, text: string): string | undefined {
  const words = text.trim().slice(0, 1024).split(/\s+/).slice(0, MAX_WORDS);
  if (words[0] === 'kubectl') return kubectl(state, words.slice(1));
  if (words[0] === 'aws' && words[1] === 'elbv2') return elbv2(state, words.slice(2));
  return undefined;
}

/** True when the line is a cluster command (no `--node` needed). */
export function isClusterCommand(text: string): boolean {
  const w = text.trim().split(/\s+/);
  return w[0] === 'kubectl' || (w[0] === 'aws' && w[1] === 'elbv2');
}
