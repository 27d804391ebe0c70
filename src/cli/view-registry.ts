/**
 * Every text view `show` can print, in one table: the command a user types, the scope it
 * needs (the cluster; a node, host namespace or a pod's namespace; a pod) and the renderer.
 * To add a view, add a row. The renderers are the engine's own (src/sim/views, src/sim/linux),
 * the same the UI's inspectors use.
 */
import { EPOCH_ISO, type Engine, type NodeView, type PodView, type SimEvent, type SimSnapshot } from '../sim/index.ts';
import { buildNodeNetwork } from '../sim/linux/build.ts';
import { findPodNetns, renderView, runNodeCommand, VIEW_NAMES, type ViewName } from '../sim/linux/render/index.ts';
import { isClusterCommand, runClusterCommand } from '../sim/views/cluster-command.ts';
import { parseResources } from '../sim/views/kubectl-get.ts';
import { describeNetworkInterfaces } from '../sim/views/aws-cli.ts';
import { kubectlDescribeNode, kubectlDescribePod, kubectlGetNodes, kubectlGetPods, kubectlNodesAllocatable, NODES_ALLOCATABLE_COMMAND } from '../sim/views/kubectl.ts';
import { metricsPage } from '../sim/views/metrics.ts';
import { CliError } from './cli-error.ts';
import { quote } from './quote.ts';

/**
 * What a view needs. `cluster`: nothing (a --node narrows it where the real tool has a
 * filter); `node`: a node (--node, or --pod's node), run in the host namespace or, with
 * --pod, inside the pod's; `pod`: a pod (--pod).
 */
export type ViewScope = 'cluster' | 'node' | 'pod';

export interface ViewTarget {
  sim: Engine;
  snap: SimSnapshot;
  events: () => SimEvent[];
  node?: NodeView;
  pod?: PodView;
}

export interface ViewEntry {
  /** What the user types; `<…>` is an argument, `[…]` optional. */
  name: string;
  scope: ViewScope;
  summary: string;
  /** The typed command (spaces collapsed) → the view's arguments, or undefined if it is not this view. */
  match: (typed: string) => string[] | undefined;
  render: (t: ViewTarget, args: string[]) => string;
}

const exact = (...names: string[]) => (typed: string) => (names.includes(typed) ? [] : undefined);
const pattern = (re: RegExp) => (typed: string) => re.exec(typed)?.slice(1).map((g) => g ?? '');

/** `kubectl get pods` flags: -A / --all-namespaces, -n <ns> / --namespace <ns>, -o wide. */
const GET_PODS = /^kubectl get (?:pods?|po)((?: (?:-A|--all-namespaces|-o wide|-owide|-o=wide|--output wide|--output=wide|-n \S+|-n=\S+|--namespace \S+|--namespace=\S+))*)$/;

function getPods(t: ViewTarget, [flags]: string[]): string {
  const all = /(?:^| )(?:-A|--all-namespaces)(?: |$)/.test(flags);
  // With -A, kubectl ignores -n.
  const ns = all ? undefined : /(?:-n|--namespace)[ =](\S+)/.exec(flags)?.[1];
  const snap = t.node ? { ...t.snap, pods: t.snap.pods.filter((p) => p.node === t.node!.name) } : t.snap;
  return kubectlGetPods(snap, { wide: /wide/.test(flags), allNamespaces: all, ...(ns ? { namespace: ns } : {}) });
}

/**
 * The node's network as the engine holds it (kube-proxy's service rules, the counters and
 * conntrack entries traffic left), and the pod whose namespace a view runs in.
 */
function nodeNetwork(t: ViewTarget): { net: ReturnType<typeof buildNodeNetwork>; pod?: string } {
  const node = t.node!;
  const input = t.sim.networkInputs().nodes.find((n) => n.nodeName === node.name)!;
  const net = buildNodeNetwork(input);
  const pod = t.pod ? `${t.pod.namespace}/${t.pod.name}` : undefined;
  if (pod && !findPodNetns(net, pod)) {
    throw new CliError(`pod ${quote(pod)} has no network namespace of its own on ${node.name} (${t.pod!.hostNetwork ? 'it uses the host network: drop --pod' : `it is ${t.pod!.phase} without an address yet`})`);
  }
  return { net, ...(pod ? { pod } : {}) };
}

/** Any `iptables` listing (-S/-L [chain], -n -v -x --line-numbers, -Z) or `conntrack -L` with filters. */
function nodeCommand(t: ViewTarget, [typed]: string[]): string {
  const { net, pod } = nodeNetwork(t);
  const result = runNodeCommand(net, typed, pod ? { pod } : {});
  if (!result) throw new CliError(`unknown view ${quote(typed, 60)} (show --help lists the views)`);
  return result.output;
}

/** iproute2's own error lines (an unknown option, object or command, a missing device). */
const IP_ERROR = /^(?:Option "|Object "|Command "|Device "|Error: |Command line is not complete)/;

/** `ip [-d] link|addr show …`: the listing, or iproute2's error as the CLI's. */
function ipCommand(t: ViewTarget, [typed]: string[]): string {
  const out = nodeCommand(t, [typed]);
  if (IP_ERROR.test(out)) throw new CliError(out.trim());
  return out;
}

/**
 * A kubectl or aws elbv2 command about the Services, Ingresses and load balancers. A mistake
 * the tool would report (a bad flag, a missing --target-group-arn) is an error here too, with
 * the tool's own words.
 */
function clusterCommand(t: ViewTarget, [typed]: string[]): string {
  const out = runClusterCommand({ snapshot: t.snap, objects: t.sim.clusterObjects(), events: t.events() }, typed);
  if (out === undefined) throw new CliError(`unknown view ${quote(typed, 60)} (show --help lists the views)`);
  if (/^(?:error: |usage: aws |You must specify)/.test(out)) {
    const last = out.trimEnd().split('\n').at(-1)!;
    throw new CliError(last.replace(/^error: /, ''));
  }
  return out;
}

const clusterTyped = (prefix: RegExp) => (typed: string) => (prefix.test(typed) && isClusterCommand(typed) ? [typed] : undefined);

/** `kubectl get <kinds> …` when every kind is one the Service views know (others stay unknown views). */
function kubectlGetKinds(typed: string): string[] | undefined {
  const kinds = typed.split(' ').slice(2).find((w, i, all) => !w.startsWith('-') && !(i > 0 && /^(?:-n|--namespace|-o|--output)$/.test(all[i - 1])));
  return typed.startsWith('kubectl get ') && kinds !== undefined && typeof parseResources(kinds) !== 'string' ? [typed] : undefined;
}

/** A pod's or the host's Linux view, built for that one node. */
function linux(view: ViewName) {
  return (t: ViewTarget, [arg]: string[]): string => {
    const { net, pod } = nodeNetwork(t);
    return renderView(net, view, {
      ...(pod ? { pod } : {}),
      ...(view === 'ip route show table' ? { table: arg || 'main' } : {}),
      ...(view === 'sysctl rp_filter' && arg ? { iface: arg } : {}),
      ...(view === 'ipset list' && arg ? { set: arg } : {}),
      ...(view.startsWith('iptables -t ') && arg ? { chain: arg } : {}),
      timeMs: Date.parse(EPOCH_ISO) + t.snap.timeMs,
    });
  };
}

/** What each Linux view shows, for `show --help`. */
const LINUX_SUMMARY: Record<ViewName, string> = {
  'ip addr': 'links and their addresses',
  'ip -br addr': 'links and addresses, one line each',
  'ip link': 'links (veths, ENIs, vlan devices)',
  'ip -d link show': 'links with their details: kind (veth, vlan protocol 802.1Q id N, dummy), MTU range, queues, GSO/TSO limits, PCI parent',
  'ip rule': 'policy routing rules (512, 1024, 1536, 32765 …)',
  'ip route': 'the main route table',
  'ip route show table all': 'every route table',
  'ip route show table': 'one route table',
  'ip neigh': 'the neighbour (ARP) table',
  'iptables -t raw -S': 'the raw table',
  'iptables -t mangle -S': 'the mangle table (connmark rules)',
  'iptables -t nat -S': 'the nat table (AWS-SNAT-CHAIN-0, KUBE-SERVICES …)',
  'iptables -t filter -S': 'the filter table',
  'iptables-save': 'every table, as iptables-save writes them',
  'conntrack -L': 'the connection-tracking table',
  'route -n': 'the main route table as net-tools prints it',
  'arp -n': 'the neighbour (ARP) table as net-tools prints it (entries a packet walk left too)',
  'sysctl rp_filter': 'reverse-path filter settings',
  'sysctl net.ipv4.ip_forward': 'IPv4 forwarding',
  'sysctl net.ipv4.tcp_early_demux': 'TCP early demux (0 with DISABLE_TCP_EARLY_DEMUX=true)',
  'ipvsadm -Ln': "IPVS virtual servers and real servers (kube-proxy's IPVS mode; empty in iptables mode)",
  'ipvsadm -Ln --stats': 'the same with their connection, packet and byte columns',
  'ipset list': "kube-proxy's ipsets (IPVS mode); with a name, only that set",
};

const LINUX_VIEWS: ViewEntry[] = VIEW_NAMES.map((view): ViewEntry => {
  if (view === 'ip route show table') {
    return { name: 'ip route show table <id|main|local|all>', scope: 'node', summary: LINUX_SUMMARY[view], match: pattern(/^ip route show table(?: (\S+))?$/), render: linux(view) };
  }
  if (view === 'ipset list') {
    return { name: 'ipset list [<set>]', scope: 'node', summary: LINUX_SUMMARY[view], match: pattern(/^ipset (?:list|-L)(?: (\S+))?$/), render: linux(view) };
  }
  if (view === 'ipvsadm -Ln' || view === 'ipvsadm -Ln --stats') {
    const stats = view.endsWith('--stats');
    return { name: view, scope: 'node', summary: LINUX_SUMMARY[view], match: (typed) => (/^ipvsadm (?:-Ln|-ln|-L -n|-nL)(?: --stats)?$/.test(typed) && typed.endsWith('--stats') === stats ? [] : undefined), render: linux(view) };
  }
  if (view === 'sysctl rp_filter') {
    return { name: 'sysctl rp_filter [<interface>]', scope: 'node', summary: LINUX_SUMMARY[view], match: pattern(/^sysctl rp_filter(?: (\S+))?$/), render: linux(view) };
  }
  const table = /^iptables -t (\w+) -S$/.exec(view)?.[1];
  if (table) {
    return { name: `${view} [<chain>]`, scope: 'node', summary: `${LINUX_SUMMARY[view]}; with a chain, only that chain`, match: pattern(new RegExp(`^iptables -t ${table} -S(?: (\\S+))?$`)), render: linux(view) };
  }
  return { name: view, scope: 'node', summary: LINUX_SUMMARY[view], match: exact(view), render: linux(view) };
});

/** The table `show` looks views up in, in the order `show --help` lists them. */
export const VIEWS: ViewEntry[] = [
  {
    name: 'kubectl get pods [-A | -n <namespace>] [-o wide]',
    scope: 'cluster',
    summary: 'pods as kubectl lists them (with --node: --field-selector spec.nodeName=<node>)',
    match: pattern(GET_PODS),
    render: getPods,
  },
  {
    name: 'kubectl get nodes [-o wide] [--show-labels]',
    scope: 'cluster',
    summary: "nodes, Ready/NotReady and SchedulingDisabled; -o wide: each node's AMI (OS image, kernel, runtime); --show-labels",
    match: pattern(/^kubectl get (?:nodes?|no)((?: -o wide| -owide| -o=wide| --show-labels)*)$/),
    render: (t, [flags]) => {
      // AGE counts from registration (the node object's creationTimestamp), not from aws-node's last start.
      const createdAtMs = Object.fromEntries([...t.sim.cluster.nodes.values()].map((n) => [n.name, n.joinedAtMs]));
      const snap = t.node ? { ...t.snap, nodes: [t.node] } : t.snap;
      return kubectlGetNodes(snap, { wide: /wide/.test(flags), showLabels: /--show-labels/.test(flags), createdAtMs });
    },
  },
  {
    name: 'kubectl get nodes -o custom-columns=NAME:.metadata.name,PODS:.status.allocatable.pods,POD-ENI:.status.allocatable.vpc\\.amazonaws\\.com/pod-eni',
    scope: 'cluster',
    summary: 'allocatable pods (max pods) and vpc.amazonaws.com/pod-eni (advertised once a trunk ENI is attached)',
    match: (typed) => (typed === NODES_ALLOCATABLE_COMMAND || typed === NODES_ALLOCATABLE_COMMAND.replaceAll('\\', '') ? [] : undefined),
    render: (t) => kubectlNodesAllocatable(t.node ? { ...t.snap, nodes: [t.node] } : t.snap),
  },
  {
    name: 'kubectl describe pod',
    scope: 'pod',
    summary: "the pod's status, conditions and events (needs --pod)",
    match: exact('kubectl describe pod', 'kubectl describe pods', 'kubectl describe po'),
    render: (t) => kubectlDescribePod(t.snap, t.events(), t.pod!.namespace, t.pod!.name),
  },
  {
    name: 'kubectl describe node [<name>]',
    scope: 'cluster',
    summary: "a node's labels, taints, conditions, addresses, capacity/allocatable (pods, vpc.amazonaws.com/pod-eni), AMI, pods and events (the --node's, the named one, or every node)",
    match: pattern(/^kubectl describe (?:nodes?|no)(?: (\S+))?$/),
    render: (t, [name]) => {
      const all = t.snap.nodes.map((n) => n.name).toSorted();
      // kubectl describe TYPE NAME_PREFIX: the exact name, else every name with that prefix.
      const byPrefix = (p: string) => (all.includes(p) ? [p] : all.filter((n) => n.startsWith(p)));
      const named = name ? byPrefix(name) : undefined;
      const names = named?.length ? named : name ? [name] : t.node ? [t.node.name] : all;
      if (names.length === 0) return 'No resources found';
      // kubectl describe separates the objects it prints with a blank line.
      return names.map((n) => kubectlDescribeNode(t.snap, t.events(), n)).join('\n\n\n');
    },
  },
  {
    name: 'aws ec2 describe-network-interfaces [--network-interface-ids <eni-id>]',
    scope: 'cluster',
    summary: "ENIs as AWS CLI v2 prints them (with --node: that instance's, as --filters Name=attachment.instance-id does)",
    match: pattern(/^aws ec2 describe-network-interfaces(?: --network-interface-ids[ =](eni-[0-9a-f]+))?$/),
    render: (t, [eni]) => describeNetworkInterfaces(t.snap, { ...(t.node ? { node: t.node.name } : {}), ...(eni ? { eniId: eni } : {}), accountId: t.sim.spec.accountId }),
  },
  {
    name: 'cloudtrail',
    scope: 'cluster',
    summary: 'the EC2 calls as CloudTrail records, in a log file\'s {"Records": [...]} (with --node: that node\'s calls)',
    match: exact('cloudtrail', 'cloudtrail records'),
    render: (t) => {
      const records = t.events().flatMap((e) => (e.kind === 'ec2' && (!t.node || e.node === t.node.name) ? [e.record] : []));
      return JSON.stringify({ Records: records }, null, 2);
    },
  },
  {
    name: 'curl localhost:61678/metrics',
    scope: 'node',
    summary: "ipamd's Prometheus metrics page (alias: metrics)",
    match: exact('curl localhost:61678/metrics', 'curl -s localhost:61678/metrics', 'curl http://localhost:61678/metrics', 'curl -s http://localhost:61678/metrics', 'metrics'),
    render: (t) => metricsPage(t.node!),
  },
  ...LINUX_VIEWS,
  {
    name: 'kubectl get svc,ep,endpointslices,ingress,targetgroupbindings [-n <namespace> | -A] [-o wide]',
    scope: 'cluster',
    summary: 'Services, Endpoints, EndpointSlices, Ingresses, TargetGroupBindings (any of them, and pods, comma-separated)',
    match: kubectlGetKinds,
    render: clusterCommand,
  },
  {
    name: 'kubectl describe svc <name> [-n <namespace>]',
    scope: 'cluster',
    summary: "a Service's type, IPs, ports, endpoints and events",
    match: clusterTyped(/^kubectl describe (?:svc|service|services) /),
    render: clusterCommand,
  },
  {
    name: 'aws elbv2 describe-load-balancers [--names <name> …]',
    scope: 'cluster',
    summary: "the AWS Load Balancer Controller's NLBs and ALBs",
    match: clusterTyped(/^aws elbv2 describe-load-balancers(?: |$)/),
    render: clusterCommand,
  },
  {
    name: 'aws elbv2 describe-target-groups [--load-balancer-arn <arn>] [--names <name> …]',
    scope: 'cluster',
    summary: 'their target groups (target type ip or instance, health check settings)',
    match: clusterTyped(/^aws elbv2 describe-target-groups(?: |$)/),
    render: clusterCommand,
  },
  {
    name: 'aws elbv2 describe-target-health [--target-group-arn <arn>]',
    scope: 'cluster',
    summary: 'targets and their state: initial, healthy, unhealthy, draining (the ARN may be left out when there is one target group)',
    match: clusterTyped(/^aws elbv2 describe-target-health(?: |$)/),
    render: clusterCommand,
  },
  {
    name: 'ip -d link show [[dev] <name>] [type veth|vlan|dummy] [up]',
    scope: 'node',
    summary: 'one device or one kind, with or without -d (-details); `ip -d addr show …` the same with addresses; iproute2\'s answer to an unknown option or device',
    match: (typed) => (/^ip (?:-\S+ )*(?:l|li|lin|link|a|ad|add|addr|addre|addres|address)(?: |$)/.test(typed) ? [typed] : undefined),
    render: ipCommand,
  },
  {
    name: 'iptables -L [-t <table>] [<chain>] [-n] [-v] [-x] [--line-numbers] [-Z]',
    scope: 'node',
    summary: 'a table or one chain listed with packet and byte counters (-Z zeroes them after listing)',
    match: (typed) => (typed.startsWith('iptables ') ? [typed] : undefined),
    render: nodeCommand,
  },
  {
    name: 'iptables -S [-t <table>] [<chain>] [-v]',
    scope: 'node',
    summary: 'one chain as rules (any iptables listing line is taken as iptables parses it)',
    match: (typed) => (typed.startsWith('iptables ') ? [typed] : undefined),
    render: nodeCommand,
  },
  {
    name: 'conntrack -L [-p <proto>] [-s|-d|-r|-q <ip>] [--orig-port-dst <port>] [--dst-nat] [--src-nat]',
    scope: 'node',
    summary: 'the connection-tracking table, filtered as conntrack filters it',
    match: (typed) => (typed.startsWith('conntrack -L ') ? [typed] : undefined),
    render: nodeCommand,
  },
];

/** The view a typed command names, with its arguments; a CliError listing the views if none. */
export function findView(typed: string): { view: ViewEntry; args: string[] } {
  const text = typed.trim().replace(/\s+/g, ' ');
  for (const view of VIEWS) {
    const args = view.match(text);
    if (args) return { view, args };
  }
  const names = VIEWS.map((v) => v.name.replace(/ [[<].*$/, ''));
  throw new CliError(`unknown view ${quote(typed, 60)}; views: ${[...new Set(names)].join(', ')} (show --help describes them)`);
}

/** The list `show --help` ends with. */
export function viewList(): string {
  const width = Math.max(...VIEWS.map((v) => v.name.length));
  return ['views (scope: what they need):', ...VIEWS.map((v) => `  ${v.name.padEnd(width)}  ${v.scope.padEnd(7)}  ${v.summary}`)].join('\n');
}
