/**
 * `show` reaches every view of the registry with the scope it needs, prints what the UI's
 * inspectors print for the same target (one engine, one bridge), and refuses what a view
 * cannot take with a message saying what to give.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_SCENARIOS } from '../../scenario/index.ts';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { createSimulation } from '../../sim/index.ts';
import { renderText } from '../../worker/text-views.ts';
import { runCli } from '../cli.test-support.ts';
import { VIEWS } from '../view-registry.ts';

const SAMPLE = 'default-m5-large';

/** The security-groups-for-pods sample with kube-proxy in IPVS mode (`cluster.kubeProxyMode`), as a file. */
function ipvsScenarioFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vcx-ipvs-')), 'sgp-ipvs.json');
  writeFileSync(path, JSON.stringify({ ...SAMPLE_SCENARIOS['security-groups-for-pods'], cluster: { kubeProxyMode: 'ipvs' } }));
  return path;
}
const NODE = 'ip-192-168-19-39.us-west-2.compute.internal';

async function show(...args: string[]): Promise<string> {
  const r = await runCli(['show', ...args]);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return r.stdout;
}

async function refusal(...args: string[]): Promise<string> {
  const r = await runCli(['show', ...args]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  return r.stderr;
}

/** The engine where the UI would be: the sample run to the same moment `show` picks (120 s after its last command). */
function uiSim(name: keyof typeof SAMPLE_SCENARIOS) {
  const parsed = parseScenario(SAMPLE_SCENARIOS[name]);
  if (!parsed.ok) throw new Error('sample invalid');
  const sim = createSimulation(parsed.spec);
  sim.runUntil((parsed.spec.timeline.reduce((m, t) => Math.max(m, t.at), 0) + 120) * 1000);
  return sim;
}

describe('show: node kubectl views (issue 11 item 5)', () => {
  it("kubectl get nodes -o wide reports the AMI's OS; custom-columns shows allocatable pods and pod-eni", async () => {
    const wide = (await show(SAMPLE, 'kubectl get nodes -o wide', '--at', '30')).split('\n');
    expect(wide[0]).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION +INTERNAL-IP +EXTERNAL-IP +OS-IMAGE +KERNEL-VERSION +CONTAINER-RUNTIME$/);
    expect(wide[1]).toMatch(/ Amazon Linux 2023\.\S+ +6\.12\.\S+\.amzn2023\.x86_64 +containerd:\/\/2\.\S+$/);
    const cols = 'kubectl get nodes -o custom-columns=NAME:.metadata.name,PODS:.status.allocatable.pods,POD-ENI:.status.allocatable.vpc\\.amazonaws\\.com/pod-eni';
    const sgp = (await show('security-groups-for-pods', cols, '--at', '60')).split('\n');
    expect(sgp[1]).toMatch(/ 29 +9$/);
    expect((await show(SAMPLE, 'kubectl get nodes --show-labels', '--at', '30')).split('\n')[1]).toContain('topology.k8s.aws/zone-id=usw2-az1');
  });
});

describe('show: ip -d link (issue 11 item 8)', () => {
  it("prints a branch pod's vlan device with its details, one device or kind at a time, and iproute2's errors", async () => {
    const sgp = 'security-groups-for-pods';
    const vlan = await show(sgp, '--node', 'ng-1/0', '--at', '60', 'ip -d link show dev vlan.eth.1');
    expect(vlan).toMatch(/^\d+: vlan\.eth\.1@ens\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc noqueue state UP mode DEFAULT group default qlen 1000\n {4}link\/ether \S+ brd ff:ff:ff:ff:ff:ff promiscuity 0 allmulti 0 minmtu 0 maxmtu 65535 \n {4}vlan protocol 802\.1Q id 1 <REORDER_HDR> addrgenmode eui64 numtxqueues 1 /);
    expect(await show(sgp, '--node', 'ng-1/0', '--at', '60', 'ip -d link show type vlan')).toContain(vlan);
    expect(await show(sgp, '--node', 'ng-1/0', '--at', '60', 'ip -d link show')).toContain(vlan);
    expect(await refusal(sgp, '--node', 'ng-1/0', 'ip -d link show dev nosuch')).toBe('error: Device "nosuch" does not exist.\n');
    expect(await refusal(sgp, '--node', 'ng-1/0', 'ip -x link show')).toBe('error: Option "-x" is unknown, try "ip -help".\n');
  });
});

describe('show: views by scope', () => {
  it('prints what the UI inspectors print for the same node, ENI and pod', async () => {
    const sim = uiSim(SAMPLE);
    const pod = sim.snapshot().pods.find((p) => !p.hostNetwork && p.phase === 'Running')!;
    const podRef = `${pod.namespace}/${pod.name}`;
    for (const view of ['ip addr', 'ip -d link show', 'ip rule', 'ip route show table all', 'iptables -t nat -S', 'iptables -t mangle -S'] as const) {
      expect(await show(SAMPLE, '--node', 'ng-1/0', view)).toBe(`${renderText(sim, view, { node: NODE })}`);
      expect(await show(SAMPLE, '--pod', podRef, view)).toBe(`${renderText(sim, view, { node: NODE, pod: podRef })}`);
    }
    expect(await show(SAMPLE, '--node', NODE, 'metrics')).toBe(`${renderText(sim, 'metrics', { node: NODE })}`);
    expect(await show(SAMPLE, '--pod', podRef, 'kubectl describe pod')).toBe(`${renderText(sim, 'kubectl-describe-pod', { pod: podRef })}\n`);
    expect(await show(SAMPLE, '--node', 'ng-1/0', 'kubectl get pods -A -o wide')).toBe(`${renderText(sim, 'kubectl-get-pods', { node: NODE })}\n`);
    const eni = sim.snapshot().nodes[0].enis[0].id;
    expect(await show(SAMPLE, `aws ec2 describe-network-interfaces --network-interface-ids ${eni}`)).toBe(`${renderText(sim, 'describe-network-interfaces', { node: NODE, eni })}\n`);
    expect(await show(SAMPLE, '--node', 'ng-1/0', 'aws ec2 describe-network-interfaces')).toBe(`${renderText(sim, 'describe-network-interfaces', { node: NODE })}\n`);
  });

  it('renders every view of the registry with the scope it needs', async () => {
    const sim = uiSim('security-groups-for-pods');
    const pod = sim.snapshot().pods.find((p) => p.name.startsWith('payments-') && p.phase === 'Running')!;
    const ipvs = ipvsScenarioFile();
    for (const view of VIEWS) {
      const typed = view.name.replace(/ \[.*$/, '').replace(' <id|main|local|all>', ' 2').replace('describe svc <name>', 'describe svc kubernetes');
      const scope = view.scope === 'pod' ? ['--pod', `${pod.namespace}/${pod.name}`] : view.scope === 'node' ? ['--node', 'ng-1/0'] : [];
      // The load balancer views need a cluster with a load balancer.
      // ipvsadm and ipset show kube-proxy's IPVS mode (an iptables-mode node has no ipset).
      const out = await show(typed.startsWith('aws elbv2') ? 'nlb-ip-targets' : /^(ipvsadm|ipset) /.test(typed) ? ipvs : 'security-groups-for-pods', ...scope, typed);
      expect(out.length, typed).toBeGreaterThan(20);
      expect(out, typed).not.toMatch(/^(error|Error|Cannot)/);
    }
  });

  it('ipvsadm -Ln and ipset list [<set>] on an IPVS-mode node; both empty in iptables mode', async () => {
    const ipvs = ipvsScenarioFile();
    expect(await show(ipvs, '--node', 'ng-1/0', 'ipvsadm -Ln')).toMatch(/^IP Virtual Server version 1\.2\.1 \(size=4096\)\nProt LocalAddress:Port Scheduler Flags\n {2}-> RemoteAddress:Port {11}Forward Weight ActiveConn InActConn\nTCP {2}\S+ rr\n/);
    expect(await show(ipvs, '--node', 'ng-1/0', 'ipset list KUBE-IPVS-IPS')).toMatch(/^Name: KUBE-IPVS-IPS\nType: hash:ip\nRevision: 6\n/);
    expect(await show(SAMPLE, '--node', 'ng-1/0', 'ipvsadm -Ln')).toBe('IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n');
    expect(await show(SAMPLE, '--node', 'ng-1/0', 'ip link')).not.toContain('kube-ipvs0');
  });

  it('iptables -t nat -S <chain> prints that chain of the whole table, and the backend\'s error for an unknown one', async () => {
    const whole = (await show(SAMPLE, '--node', 'ng-1/0', 'iptables -t nat -S')).split('\n');
    const chain = await show(SAMPLE, '--node', 'ng-1/0', 'iptables -t nat -S AWS-SNAT-CHAIN-0');
    // iptables -S <chain>: the chain's -N line, then its -A lines in table order (fixtures/*.nat-AWS-SNAT-CHAIN-0.txt).
    expect(chain).toBe(`${whole.filter((l) => l === '-N AWS-SNAT-CHAIN-0' || l.startsWith('-A AWS-SNAT-CHAIN-0 ')).join('\n')}\n`);
    expect(chain.split('\n').length).toBeGreaterThan(3);
    expect(await show(SAMPLE, '--node', 'ng-1/0', 'iptables -t nat -S POSTROUTING')).toMatch(/^-P POSTROUTING ACCEPT\n-A POSTROUTING /);
    // AL2023 runs iptables-nft (fixtures/nft.iptables-nft.nat-NOSUCH.txt).
    expect(await show(SAMPLE, '--node', 'ng-1/0', 'iptables -t nat -S NOSUCH')).toBe("iptables v1.8.9 (nf_tables): chain `NOSUCH' in table `nat' is incompatible, use 'nft' tool.\n");
  });

  it('picks the node --node names on a cluster (metrics and ip addr of the second zone\'s node)', async () => {
    const sim = uiSim('three-az');
    const b = sim.snapshot().nodes.find((n) => n.nodeGroup === 'ng-b')!.name;
    expect(await show('three-az', '--node', 'ng-b/0', 'metrics')).toBe(renderText(sim, 'metrics', { node: b }));
    expect(await show('three-az', '--node', 'ng-b/0', 'ip addr')).toBe(renderText(sim, 'ip addr', { node: b }));
    expect(await show('three-az', '--node', 'ng-b/0', 'ip addr')).not.toBe(await show('three-az', '--node', 'ng-a/0', 'ip addr'));
  });

  it('takes --node as name, host name, instance id or group/index', async () => {
    const sim = uiSim(SAMPLE);
    const instance = sim.snapshot().nodes[0].instanceId;
    const byGroup = await show(SAMPLE, '--node', 'ng-1/0', 'ip rule');
    expect(await show(SAMPLE, '--node', NODE, 'ip rule')).toBe(byGroup);
    expect(await show(SAMPLE, '--node', 'ip-192-168-19-39', 'ip rule')).toBe(byGroup);
    expect(await show(SAMPLE, '--node', instance, 'ip rule')).toBe(byGroup);
    expect(await refusal(SAMPLE, '--node', 'ng-1/7', 'ip rule')).toBe('error: no node "ng-1/7" at 240 s: node group "ng-1" has ng-1/0 (removed nodes keep their index; new ones get the next)\n');
    expect(await refusal(SAMPLE, '--node', 'nope', 'ip rule')).toBe('error: no node "nope" at 240 s; nodes: ng-1/0\n');
  });

  it('lists the cluster with kubectl get nodes, and names the views when one is unknown', async () => {
    // VERSION is the kubelet of the nodes' AMI (AL2023 for Kubernetes 1.34, src/sim/linux/ami.ts).
    expect(await show('three-az', 'kubectl', 'get', 'nodes')).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION\nip-192-168-\S+ +Ready +<none> +4m +v1\.34\.4-eks-f69f56f\n/);
    const unknown = await refusal(SAMPLE, 'kubectl get events');
    expect(unknown).toMatch(/^error: unknown view "kubectl get events"; views: kubectl get pods, kubectl get nodes, kubectl get nodes -o custom-columns=\S+, kubectl describe pod, kubectl describe node, aws ec2 describe-network-interfaces, cloudtrail, curl localhost:61678\/metrics, ip addr, .*, sysctl net\.ipv4\.ip_forward, sysctl net\.ipv4\.tcp_early_demux, ipvsadm -Ln, ipvsadm -Ln --stats, ipset list, kubectl get svc,ep,endpointslices,ingress,targetgroupbindings, kubectl describe svc, aws elbv2 describe-load-balancers, aws elbv2 describe-target-groups, aws elbv2 describe-target-health, iptables -L, iptables -S \(show --help describes them\)\n$/);
  });

  it('describes a node by --node, by name, or every node (describe.go describeNode)', async () => {
    const first = uiSim('three-az').snapshot().nodes.find((n) => n.nodeGroup === 'ng-a')!;
    const byNode = await show('three-az', '--node', 'ng-a/0', 'kubectl describe node');
    expect(byNode.split('\n')[0]).toBe(`Name:               ${first.name}`);
    expect(byNode).toMatch(new RegExp(`^ProviderID: +aws:///${first.availabilityZone}/${first.instanceId}$`, 'm'));
    expect(await show('three-az', `kubectl describe node ${first.name}`)).toBe(byNode);
    const all = await show('three-az', 'kubectl describe nodes');
    expect(all.match(/^Name: /gm)).toHaveLength(uiSim('three-az').snapshot().nodes.length);
    // A name prefix describes every node it starts (kubectl describe's NAME_PREFIX).
    expect((await show('three-az', 'kubectl describe node ip-')).match(/^Name: /gm)).toHaveLength(uiSim('three-az').snapshot().nodes.length);
    expect(await show('three-az', 'kubectl describe node nope')).toBe('Error from server (NotFound): nodes "nope" not found\n');
  });

  it('prints the EC2 calls as CloudTrail records, narrowed by --node', async () => {
    const sim = uiSim('three-az');
    const calls = sim.eventsSince(0).filter((e) => e.kind === 'ec2');
    const all = JSON.parse(await show('three-az', 'cloudtrail')) as { Records: { eventName: string; sourceIPAddress: string }[] };
    expect(all.Records).toHaveLength(calls.length);
    const first = sim.snapshot().nodes.find((n) => n.nodeGroup === 'ng-a')!;
    const mine = JSON.parse(await show('three-az', '--node', 'ng-a/0', 'cloudtrail')) as typeof all;
    expect(mine.Records.length).toBe(calls.filter((e) => e.node === first.name).length);
    expect(mine.Records.length).toBeGreaterThan(0);
  });

  it('refuses a view without the scope it needs, or a scope it cannot take', async () => {
    expect(await refusal(SAMPLE, 'kubectl describe pod')).toBe('error: view "kubectl describe pod" is about one pod: give --pod <namespace/name>\n');
    expect(await refusal(SAMPLE, 'ip rule')).toBe("error: view \"ip rule\" runs on a node: give --node <name|group/index> (e.g. --node ng-1/0), or --pod for a pod's namespace\n");
    expect(await refusal(SAMPLE, '--pod', 'x', 'kubectl get nodes')).toBe('error: view "kubectl get nodes [-o wide] [--show-labels]" is about the cluster and takes no --pod (--node narrows it to one node)\n');
    const ds = uiSim(SAMPLE).snapshot().pods.find((p) => p.hostNetwork)!;
    expect(await refusal(SAMPLE, '--pod', `kube-system/${ds.name}`, 'ip addr')).toBe(`error: pod "kube-system/${ds.name}" has no network namespace of its own on ${NODE} (it uses the host network: drop --pod)\n`);
    expect(await refusal(SAMPLE)).toMatch(/^error: missing view after the scenario; views: kubectl get pods, /);
  });

  it('checks the view before running the scenario, and the time after', async () => {
    expect(await refusal('/dev/zero', 'no such view')).toMatch(/^error: unknown view "no such view"/);
    expect(await refusal(SAMPLE, 'ip rule', '--node', 'ng-1/0', '--at', '99999999')).toBe('error: --at "99999999" is past the simulated-time ceiling of 691200 s (8 days); give at most 691200\n');
  });
});
