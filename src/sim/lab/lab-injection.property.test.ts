/**
 * No string from a scenario runs as a command in the lab script (issue 7 §1). Hostile strings —
 * quotes, `$()`, backticks, `;`, newlines, heredoc end markers, iptables-restore lines, NUL,
 * unicode, very long — go into every field and env value, first of a node's network input,
 * then of a whole scenario run by the engine. Whatever the builder does with them (refuse the
 * model, refuse the lab, or write a script), a written script is run with bash under stand-ins
 * that only record their argv: no payload may create its marker file, and every call must have
 * one of the shapes the lab uses, naming only its own namespaces.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MARKER, runWithStandins, type StandinCall } from '../../../scripts/lab-standins.ts';
import { parseScenario } from '../../scenario/index.ts';
import { createSimulation } from '../index.ts';
import { buildNodeNetwork } from '../linux/build.ts';
import type { NodeNetworkInput } from '../linux/input.ts';
import type { NodeNetwork } from '../linux/model.ts';
import { exampleInputs } from '../trace/example-world.ts';
import { worldFromSimulation } from '../trace/world-at.ts';
import { buildWorld, type TraceWorld } from '../trace/world.ts';
import { defaultLabPrefix, labPrefix, type LabPrefix } from './names.ts';
import { labScript } from './script.ts';

/** Short enough for AWS_VPC_K8S_CNI_VETHPREFIX (4 bytes): unquoted in the script, each would create a file. */
const SHORT = ['>P', ';>P', '|>P', '&>P', '`>P`', '$(>P'];

const PAYLOADS = [
  `$(echo>${MARKER})`, `\`echo>${MARKER}\``, `';echo>${MARKER};'`, `";echo>${MARKER};"`, `;echo>${MARKER}`, `|echo>${MARKER}`,
  `&echo>${MARKER}&`, `>${MARKER}`, `\necho>${MARKER}\n`, `EOF_IPT\necho>${MARKER}\nEOF_IPT`, `EOF\necho>${MARKER}`,
  `x\nCOMMIT\n*filter\n-A INPUT -j DROP`, `a" ; echo>${MARKER} #`, `$'\\x41'`, '${IFS}', '~', '*', '{a,b}', '%d', '-n', '--teardown',
  ...SHORT,
  '\0', 'a\0b', 'é', 'à', '\u00a0', '\u202e', '😀', '\\', '"', "'", '', ' ', 'eni', 'ab', 'x'.repeat(100_000),
];

/** A hostile string: a payload, a payload with arbitrary text around it, or arbitrary code points. */
const hostile = fc.oneof(
  fc.constantFrom(...PAYLOADS),
  fc.tuple(fc.string({ maxLength: 3 }), fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 3 })).map(([a, p, b]) => a + p + b),
  fc.string({ unit: 'binary', maxLength: 16 }),
);
/** Mostly a usable value (so the builder gets far), sometimes a hostile one. */
const maybe = <T>(usable: T) => fc.oneof({ arbitrary: fc.constant(usable), weight: 3 }, { arbitrary: hostile, weight: 1 });

const ENV = [
  'AWS_VPC_K8S_CNI_VETHPREFIX', 'AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS', 'AWS_EXTERNAL_SERVICE_CIDRS', 'AWS_VPC_K8S_CNI_CONNMARK', 'AWS_VPC_ENI_MTU',
  'POD_MTU', 'AWS_VPC_K8S_CNI_RANDOMIZESNAT', 'POD_SECURITY_GROUP_ENFORCING_MODE', 'ENABLE_POD_ENI', 'AWS_VPC_K8S_PLUGIN_LOG_FILE',
  'AWS_VPC_K8S_PLUGIN_LOG_LEVEL', 'AWS_VPC_K8S_CNI_EXTERNALSNAT', 'ADDITIONAL_ENI_TAGS', 'CLUSTER_NAME', 'ENI_CONFIG_LABEL_DEF', 'WARM_IP_TARGET',
];
const hostileEnv = fc.dictionary(fc.constantFrom(...ENV), hostile, { maxKeys: 4 });

const IP_SUBCOMMANDS = new Set(['link', 'addr', 'route', 'rule', 'neigh']);
const RESTORE_LINE = /^(\*(raw|mangle|nat|filter)|:[^\s"]+ (ACCEPT|DROP|-) \[0:0\]|-A [^\s"]+ .+|COMMIT)$/;
const SYSCTL_PATH = /^\/proc\/sys\/net\/ipv4\/((conf|neigh)\/[^/]+\/[a-z_]+|[a-z_]+)$/;

/** Every call is one the lab makes: `ip` on its own namespaces, tools only through `ip netns exec`. */
function checkCall(c: StandinCall, namespaces: Set<string>): void {
  const [tool, a1, a2, a3, a4, ...rest] = c.argv;
  expect(tool).toBe('ip');
  if (a1 === '-n') {
    expect(namespaces.has(a2)).toBe(true);
    expect(IP_SUBCOMMANDS.has(a3)).toBe(true);
    return;
  }
  expect(a1).toBe('netns');
  expect(namespaces.has(a3)).toBe(true);
  if (a2 === 'add' || a2 === 'del') return expect(c.argv).toHaveLength(4);
  expect(a2).toBe('exec');
  if (a4 === 'tee') {
    expect(rest).toHaveLength(2);
    expect(rest[0]).toBe('--');
    expect(rest[1]).toMatch(SYSCTL_PATH);
    expect(c.stdin).toMatch(/^-?\d+\n$/);
  } else if (a4 === 'nfacct') {
    // kube-proxy's counter objects, created before the rules naming them: a fixed-form name, no stdin.
    expect(rest).toHaveLength(2);
    expect(rest[0]).toBe('add');
    expect(rest[1]).toMatch(/^[A-Za-z0-9_-]{1,31}$/);
  } else if (a4 === 'nft') {
    expect(rest).toEqual(['-f', '-']);
    expect(c.stdin).toMatch(/^table ip aws-cni \{\n/);
  } else {
    expect(['iptables-restore', 'iptables-legacy-restore', 'iptables-nft-restore']).toContain(a4);
    expect(rest).toEqual([]);
    const lines = c.stdin.split('\n');
    expect(lines.pop()).toBe('');
    for (const l of lines) expect(l).toMatch(RESTORE_LINE);
    expect(lines.filter((l) => l === 'COMMIT').length).toBe(lines.filter((l) => l.startsWith('*')).length);
  }
}

/** Builds the lab if it can; a written script must run clean under the stand-ins. */
function checkLab(w: TraceWorld, prefix: LabPrefix): 'refused' | 'ran' {
  const lab = labScript(w, prefix);
  if (!lab.ok) {
    expect(lab.problem.length).toBeGreaterThan(0);
    expect(lab.problem.length).toBeLessThan(400);
    return 'refused';
  }
  const r = runWithStandins(lab.script);
  expect(r.strayFiles).toEqual([]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const namespaces = new Set(lab.namespaces);
  for (const c of r.calls) checkCall(c, namespaces);
  // Every device an `ip link` call names is one of the model's, passed as one whole word.
  const devices = new Set([...w.nodes.flatMap((n) => [n.host, ...n.pods]).flatMap((ns) => ns.links.map((l) => l.name as string)), 'eth0', 'inet0', 'lo']);
  for (const c of r.calls.filter((x) => x.argv[3] === 'link' && x.argv[4] === 'set')) {
    expect(c.argv[5]).toBe('dev');
    expect(devices.has(c.argv[6]) || /^n\d+\.\d+$/.test(c.argv[6])).toBe(true);
  }
  return 'ran';
}

const P = (() => {
  const p = labPrefix('vcx-prop');
  if (!p.ok) throw new Error(p.problem);
  return p.prefix;
})();

describe('hostile strings never run in the lab script', { timeout: 600_000 }, () => {
  it('in a node\'s network input: names, MACs, env values, recorded veth names', () => {
    const outcomes = { model: 0, refused: 0, ran: 0 };
    fc.assert(
      fc.property(
        fc.record({
          nodeName: maybe('node-a'), env: hostileEnv, eth1: maybe('eth1'), mac: maybe('0a:5b:3c:d1:e2:02'), backend: fc.constantFrom('legacy' as const, 'nft' as const),
          pods: fc.array(fc.record({ namespace: maybe('default'), name: maybe('web-1'), hostVethName: fc.option(hostile, { nil: undefined }) }), { maxLength: 2 }),
        }),
        (h) => {
          const base = exampleInputs(h.env)[0];
          const input: NodeNetworkInput = {
            ...base, nodeName: h.nodeName, iptablesBackend: h.backend, kubeProxy: false,
            enis: base.enis.map((e, i) => (i === 1 ? { ...e, ifName: h.eth1, mac: h.mac } : e)),
            pods: base.pods.slice(0, h.pods.length).map((p, i) => ({ ...p, namespace: h.pods[i].namespace, name: h.pods[i].name, hostVethName: h.pods[i].hostVethName })),
          };
          let node: NodeNetwork;
          try {
            node = buildNodeNetwork(input);
          } catch (e) {
            // Refused while building the model (a name no device can have): a plain message.
            expect(e).toBeInstanceOf(Error);
            outcomes.model++;
            return;
          }
          outcomes[checkLab(buildWorld([node], { inputs: [input] }), P)]++;
        },
      ),
      { numRuns: 30 },
    );
    // The run is only worth something if scripts were written and run.
    expect(outcomes.ran).toBeGreaterThan(5);
  });

  it('in a whole scenario run by the engine: any string field, the env values, a timeline setEnv', () => {
    const usable: Record<string, string> = {
      name: 'lab', description: 'd', clusterName: 'c1', region: 'us-west-2', accountId: '123456789012', vpcId: 'vpc-0a1b2c3d',
      subnetId: 'subnet-0a1b2c3d', tag: 'team', group: 'ng-1', label: 'blue', sg: 'sg-0a1b2c3d', eniConfig: 'us-west-2a',
      deployment: 'web', namespace: 'default', sgp: 'pay',
    };
    const outcomes = { invalid: 0, refused: 0, ran: 0 };
    fc.assert(
      fc.property(fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fc.constantFrom(...Object.keys(usable)), weight: 1 }), hostile, hostileEnv, fc.oneof(hostile, fc.constantFrom(...SHORT)), (field, value, env, setEnv) => {
        // At most one field hostile (validation refuses most), the env values and setEnv always.
        const h = field === undefined ? usable : { ...usable, [field]: value };
        const doc = {
          v: 1, name: h.name, description: h.description, clusterName: h.clusterName, region: h.region, accountId: h.accountId,
          vpc: { id: h.vpcId, cidrs: ['192.168.0.0/16'] },
          subnets: [{ id: h.subnetId, cidr: '192.168.0.0/19', tags: { [h.tag]: h.tag } }],
          nodeGroups: [{ name: h.group, instanceType: 'm5.large', count: 1, subnet: h.subnetId, labels: { app: h.label }, securityGroups: [h.sg] }],
          awsNode: { env },
          eniConfigs: [{ name: h.eniConfig, subnet: h.subnetId, securityGroups: [h.sg] }],
          deployments: [{ name: h.deployment, namespace: h.namespace, replicas: 2, labels: { app: h.label } }],
          securityGroupPolicies: [{ name: h.sgp, namespace: h.namespace, podSelector: { matchLabels: { app: 'none' } }, securityGroups: [h.sg] }],
          timeline: [
            { at: 30, command: { type: 'setEnv', name: 'AWS_VPC_K8S_CNI_VETHPREFIX', value: setEnv } },
            { at: 31, command: { type: 'scale', deployment: h.deployment, namespace: h.namespace, replicas: 3 } },
          ],
        };
        const parsed = parseScenario(doc);
        if (!parsed.ok) {
          outcomes.invalid++;
          return;
        }
        const sim = createSimulation(parsed.spec);
        sim.runUntil(90_000);
        outcomes[checkLab(worldFromSimulation(sim), defaultLabPrefix(JSON.stringify(parsed.spec), 90))]++;
      }),
      { numRuns: 20 },
    );
    expect(outcomes.ran).toBeGreaterThanOrEqual(5);
  });
});
