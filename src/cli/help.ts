/**
 * Usage, options and examples of every command, as data: `main` prints them for `--help`,
 * and a test runs every example through `main` so they stay true.
 */
import { SAMPLE_NAMES } from '../scenario/index.ts';

export interface CommandHelp {
  name: string;
  /** One line for the command list. */
  summary: string;
  usage: string;
  /** Paragraphs printed after the usage line. */
  about: string[];
  options: [flag: string, meaning: string][];
  /** Arguments after `npm run sim -- `, as a user types them (quotes allowed). */
  examples: string[];
}

const SCENARIO = `<scenario> is a path to a v1 scenario JSON file (docs/scenario-format.md) or a sample name: ${SAMPLE_NAMES.join(', ')}.`;
const UNTIL_DEFAULT = 'default: 120 s after the last timeline command; at most 691200 s, 8 days';
const MAX_EVENTS = ['--max-events <n>', 'engine events the simulation may use (default 1000000, about ten seconds; at most 50000000)'] as [string, string];
const STRICT = ['--strict', "the scenario's warnings (unknown fields, unknown aws-node variables) are errors"] as [string, string];

export const HELP: Record<string, CommandHelp> = {
  maxpods: {
    name: 'maxpods',
    summary: 'max pods, ENIs and IPv4 addresses per ENI of instance types (max-pods-calculator.sh)',
    usage: 'maxpods <instance-type…> | --all [--prefix-delegation] [--custom-networking] [--max-eni <n>] [--apply-caps] [--cni-version <x.y.z>]',
    about: ['Prints a JSON array, one row per type: what max-pods-calculator.sh computes with these options, and the eni-max-pods.txt value.'],
    options: [
      ['--all', 'every instance type of the catalogue'],
      ['--prefix-delegation', 'ENABLE_PREFIX_DELEGATION=true (Nitro types; needs --cni-version above 1.8)'],
      ['--custom-networking', 'AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true: the primary ENI serves no pods'],
      ['--max-eni <n>', 'MAX_ENI: at most n ENIs'],
      ['--apply-caps', 'apply the 110 / 250 ceiling (30 vCPUs or fewer / more)'],
      ['--cni-version <x.y.z>', 'the VPC CNI version the calculator assumes'],
    ],
    examples: ['maxpods m5.large t3.medium', 'maxpods m5.large --prefix-delegation --apply-caps --cni-version 1.19.0'],
  },
  run: {
    name: 'run',
    summary: 'simulate a scenario; print the state (ENIs with their times, pods, pool, metrics, ipamd decisions, EC2 calls) as JSON',
    usage: 'run <scenario> [--until <s>] [--every <s>] [--max-events <n>] [--strict]',
    about: [
      SCENARIO,
      "Without --every: the state at --until — per node its ENIs (with creation and attach times), pods, pool statistics, metrics page and ipamd's decisions, then the unscheduled pods, the subnets and the EC2 call log (the last 10000 calls).",
      'With --every: a sample of every node (ENIs, pool, pods by phase) every <s> seconds from 0 to --until, so a transition can be read from one run.',
      "The scenario's warnings go to stderr.",
    ],
    options: [
      ['--until <s>', `simulated seconds to run (${UNTIL_DEFAULT})`],
      ['--every <s>', 'print samples every <s> seconds instead of the end state (at most 10000 samples)'],
      MAX_EVENTS,
      STRICT,
    ],
    examples: ['run default-m5-large --until 200', 'run warm-ip-target --every 30 --until 150'],
  },
  events: {
    name: 'events',
    summary: 'the event stream of a run, one line per event with its time: EC2 calls, ipamd and VPC resource controller decisions, Kubernetes events',
    usage: 'events <scenario> [--until <s>] [--kind ec2,ipamd,controller,k8s] [--node <name|group/index>] [--pod <namespace/name>] [--json] [--max-events <n>] [--strict]',
    about: [
      SCENARIO,
      'Each line: simulated time in seconds, kind, node, then what happened (an EC2 call with its ENI, address count and error code; a decision in plain words; a Kubernetes event as kubectl get events shows it).',
      'With --json: one JSON object per line (the EC2 call with its whole CloudTrail record).',
    ],
    options: [
      ['--until <s>', `simulated seconds to run (${UNTIL_DEFAULT})`],
      ['--kind <k[,k]>', 'only these kinds: ec2, ipamd, controller, k8s'],
      ['--node <node>', 'only events of this node (its name, or node group and index such as ng-1/0)'],
      ['--pod <ns/name>', 'only Kubernetes events of this pod'],
      ['--json', 'one JSON object per event'],
      MAX_EVENTS,
      STRICT,
    ],
    examples: ['events warm-ip-target --kind ipamd,ec2', 'events t3-medium-max-pods --kind k8s --until 60'],
  },
  show: {
    name: 'show',
    summary: 'what a real tool prints at a moment: kubectl, aws ec2, CloudTrail, the metrics page, ip/iptables/conntrack',
    usage: "show <scenario> [--node <name|group/index>] [--pod <namespace/name>] '<view>' [--at <s>] [--max-events <n>] [--strict]",
    about: [
      SCENARIO,
      'The view is the command a user would type (quote it, or give it as separate words). Cluster views need no --node; node views need --node (or --pod, which names its node); pod views need --pod; node views with --pod run inside the pod\'s network namespace.',
      '--node takes a node name (ip-192-168-…compute.internal), an instance id, or <node group>/<index>: ng-1/0 is the first node the group launched.',
      'The list of views is at the end of this help.',
    ],
    options: [
      ['--node <node>', 'the node (name, instance id or group/index)'],
      ['--pod <ns/name>', 'the pod (namespace/name, or a name unique in the cluster)'],
      ['--at <s>', `the moment (${UNTIL_DEFAULT})`],
      MAX_EVENTS,
      STRICT,
    ],
    examples: [
      "show three-az 'kubectl get nodes'",
      "show three-az --node ng-a/0 'ip rule' --at 120",
      "show default-m5-large --node ng-1/0 'aws ec2 describe-network-interfaces'",
      "show default-m5-large --node ng-1/0 'curl localhost:61678/metrics'",
      "show security-groups-for-pods 'kubectl get pods -A -o wide'",
    ],
  },
  trace: {
    name: 'trace',
    summary: 'the hops of one packet and its reply through the nodes and the VPC, as JSON or a transcript',
    usage: 'trace <scenario> --from <pod|node|external> --to <destination>[:port] [--proto tcp|udp|icmp] [--connected] [--count <n>] [--at <s>] [--transcript] [--max-events <n>] [--strict]',
    about: [SCENARIO, 'Pods are namespace/name (or a unique name); a node is its name or <node group>/<index> (ng-1/0); external is a host on the internet.'],
    options: [
      ['--from <src>', 'where the packet starts: a pod, a node, or external'],
      ['--to <dst>[:port]', 'an IPv4 address, a pod or node, a Service (<name>.<namespace>.svc.cluster.local), a load balancer\'s DNS name or loadbalancer:<namespace>/<name>; a port for tcp/udp'],
      ['--proto <p>', 'tcp, udp or icmp (default: tcp with a port, else icmp)'],
      ['--connected', 'udp: the sender connect()s its socket first (early demux then finds it on the reply)'],
      ['--count <n>', 'n connections from successive source ports, and where they landed (1 to 1000)'],
      ['--at <s>', `the moment (${UNTIL_DEFAULT})`],
      ['--transcript', 'plain text instead of JSON'],
      MAX_EVENTS,
      STRICT,
    ],
    examples: ['trace three-az --from ng-a/0 --to 203.0.113.10:443 --transcript', 'trace default-m5-large --from external --to 192.168.19.39 --at 60'],
  },
  lab: {
    name: 'lab',
    summary: 'a bash script that rebuilds the scenario in Linux network namespaces (run it as root)',
    usage: 'lab <scenario> [--at <s>] [--prefix <name>] [--max-events <n>] [--strict]',
    about: [
      SCENARIO,
      'Writes the script to stdout: npm run -s sim -- lab three-az > lab.sh && sudo bash lab.sh (-s keeps npm\'s banner out of the script). Run it with --teardown to remove exactly its namespaces.',
      'Namespaces are named <prefix>-<node>, <prefix>-<node>-<namespace>-<pod>, <prefix>-vpc and <prefix>-inet; the default prefix is vcx- and a short hash of the scenario and the moment. A scenario the script could not build faithfully is refused (src/sim/lab/README.md).',
    ],
    options: [['--at <s>', `the moment (${UNTIL_DEFAULT})`], ['--prefix <name>', 'the namespaces\' prefix (default vcx-<hash>)'], MAX_EVENTS, STRICT],
    examples: ['lab three-az --at 120', 'lab default-m5-large --prefix demo1'],
  },
  lessons: {
    name: 'lessons',
    summary: 'the shipped lessons as JSON, each step with the share-link fragment that opens it',
    usage: 'lessons',
    about: [
      'Prints [{ "id", "title", "steps": [{ "title", "fragment" }] }] in course order. A fragment is the part of the app\'s URL after its path (#v1.…&t=<ms>&v.step=<n>): the lesson\'s scenario, the step\'s moment and its number; the app opens the presenter stage at that step, with the step\'s title on screen.',
    ],
    options: [],
    examples: ['lessons'],
  },
};

/** The command list `--help` (or no command) prints. */
export function topUsage(): string {
  const width = Math.max(...Object.keys(HELP).map((n) => n.length));
  return [
    'usage: npm run sim -- <command> [options]    (npm run sim -- <command> --help for its options and examples)',
    '',
    'commands:',
    ...Object.values(HELP).map((h) => `  ${h.name.padEnd(width)}  ${h.summary}`),
    '',
    'Output is JSON or the real tool\'s text on stdout; a mistake prints one message on stderr and exits with status 2.',
  ].join('\n');
}

/** One command's help page; `extra` is appended (e.g. the list of views). */
export function commandHelp(h: CommandHelp, extra = ''): string {
  const width = Math.max(...h.options.map(([f]) => f.length));
  return [
    `${h.name}: ${h.summary}`,
    '',
    `usage: npm run sim -- ${h.usage}`,
    '',
    ...h.about.flatMap((p) => [p, '']),
    'options:',
    ...h.options.map(([f, m]) => `  ${f.padEnd(width)}  ${m}`),
    `  ${'--help'.padEnd(width)}  this help`,
    '',
    'examples:',
    ...h.examples.map((e) => `  npm run sim -- ${e}`),
    ...(extra ? ['', extra] : []),
  ].join('\n');
}
