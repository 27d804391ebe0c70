import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/driver.ts';
import { kubectlDescribeNode } from './kubectl-describe-node.ts';
import { node, pod, snapshot } from './fixtures.test-util.ts';
import { binarySI, kubeReservedCpuMilli } from './node-resources.ts';

const NAME = 'ip-10-0-1-23.us-west-2.compute.internal';
const MIN = 60_000;

/** The value column of `key:` lines, and where it starts. */
function field(text: string, key: string): { value: string; at: number } {
  const line = text.split('\n').find((l) => l.startsWith(`${key}:`))!;
  const m = /^(.*?:\s+)(.*)$/.exec(line)!;
  return { value: m[2], at: m[1].length };
}

/** Lines between a section title and the next line that does not start with a space. */
function section(text: string, title: string): string[] {
  const lines = text.split('\n');
  const i = lines.indexOf(title);
  const out: string[] = [];
  for (const l of lines.slice(i + 1)) {
    if (!l.startsWith(' ')) break;
    out.push(l);
  }
  return out;
}

describe('kubectl describe node: layout of describe.go describeNode', () => {
  const snap = snapshot({
    timeMs: 10 * MIN,
    nodes: [node({
      joinedAtMs: 0, readyChangedAtMs: 5_000, unschedulable: true, publicIp: '203.0.113.10',
      taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }, { key: 'dedicated', value: 'gpu', effect: 'NoExecute' }],
    })],
    pods: [
      pod({ name: 'web-7d4b9c8f6-x2x9k', node: NAME, createdAtMs: 7 * MIN }),
      pod({ namespace: 'kube-system', name: 'aws-node-abcde', deployment: undefined, hostNetwork: true, node: NAME }),
      pod({ namespace: 'kube-system', name: 'kube-proxy-fghij', deployment: undefined, hostNetwork: true, node: NAME }),
      pod({ name: 'web-7d4b9c8f6-zzzzz', phase: 'Pending' }),
    ],
  });
  const text = kubectlDescribeNode(snap, [], NAME);
  const lines = text.split('\n');

  it('the header block shares one column, as wide as "CreationTimestamp:" plus the padding of 2', () => {
    expect(lines.slice(0, 2)).toEqual([`Name:               ${NAME}`, 'Roles:              <none>']);
    expect(lines[2]).toBe('Labels:             beta.kubernetes.io/arch=amd64');
    expect(lines[3]).toBe('                    beta.kubernetes.io/instance-type=m5.large');
    // kubelet's --node-ip annotation (nodeadm passes --node-ip with --cloud-provider=external), then the others, sorted.
    const ann = lines.findIndex((l) => l.startsWith('Annotations:'));
    expect(lines.slice(ann, ann + 3)).toEqual([
      'Annotations:        alpha.kubernetes.io/provided-node-ip: 10.0.1.23',
      '                    node.alpha.kubernetes.io/ttl: 0',
      '                    volumes.kubernetes.io/controller-managed-attach-detach: true',
    ]);
    expect(lines[ann + 3]).toBe('CreationTimestamp:  Wed, 25 Nov 2026 09:00:00 +0000');
  });

  it('taints sorted by effect then key (printTaintsMultilineWithIndent); Unschedulable from spec', () => {
    const i = lines.findIndex((l) => l.startsWith('Taints:'));
    expect(lines.slice(i, i + 3)).toEqual([
      'Taints:             dedicated=gpu:NoExecute',
      '                    node.kubernetes.io/unschedulable:NoSchedule',
      'Unschedulable:      true',
    ]);
  });

  it("kubelet's Lease: no acquire time, renewed every 10 s", () => {
    expect(section(text, 'Lease:')).toEqual([
      `  HolderIdentity:  ${NAME}`,
      '  AcquireTime:     <unset>',
      '  RenewTime:       Wed, 25 Nov 2026 09:10:00 +0000',
    ]);
  });

  it('conditions: kubelet\'s four, each cell followed by a space before the tab', () => {
    const rows = section(text, 'Conditions:');
    expect(rows[0]).toMatch(/^ {2}Type {13}Status {2}LastHeartbeatTime {17}LastTransitionTime {16}Reason {23}Message$/);
    expect(rows.slice(2).map((r) => r.trim().split(/\s{2,}/).filter((c, i) => i !== 2 && i !== 3))).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
    expect(rows[5]).toContain('Wed, 25 Nov 2026 09:00:05 +0000');
  });

  it('addresses in the order cloud-provider-aws extractIPv4NodeAddresses appends them', () => {
    expect(section(text, 'Addresses:')).toEqual([
      '  InternalIP:   10.0.1.23',
      '  ExternalIP:   203.0.113.10',
      `  InternalDNS:  ${NAME}`,
      `  Hostname:     ${NAME}`,
      '  ExternalDNS:  ec2-203-0-113-10.us-west-2.compute.amazonaws.com',
    ]);
    const noPublic = kubectlDescribeNode(snapshot({ nodes: [node()] }), [], NAME);
    expect(section(noPublic, 'Addresses:').map((l) => l.trim().split(':')[0])).toEqual(['InternalIP', 'InternalDNS', 'Hostname']);
  });

  it('capacity and allocatable of an m5.large with 29 max pods: nodeadm kube-reserved, eviction-hard, sorted names', () => {
    const cap = section(text, 'Capacity:');
    expect(cap.map((l) => l.trim().split(':')[0])).toEqual(['cpu', 'ephemeral-storage', 'hugepages-1Gi', 'hugepages-2Mi', 'memory', 'pods']);
    // 2 vCPUs; the 20 GiB root of the issue #148 node.
    expect(cap[0]).toBe('  cpu:                2');
    expect(cap[1]).toBe('  ephemeral-storage:  20959212Ki');
    expect(cap[5]).toBe('  pods:               29');
    const alloc = section(text, 'Allocatable:');
    // 2000m − (6 % of the first core + 1 % of the second) = 1930m.
    expect(alloc[0]).toBe('  cpu:                1930m');
    // Issue #148 (no kube-reserved storage): 20959212Ki → 19316009748 with nodefs.available 10 % as a float32;
    // nodeadm also reserves 1Gi: 19316009748 − 1073741824.
    expect(alloc[1]).toBe(`  ephemeral-storage:  ${19316009748 - 1073741824}`);
    const memCap = Number(/(\d+)Ki/.exec(cap[4])![1]);
    // kube-reserved 11 × 29 + 255 = 574Mi, eviction-hard 100Mi.
    expect(alloc[4]).toBe(`  memory:             ${memCap - 674 * 1024}Ki`);
    expect(text).not.toContain('vpc.amazonaws.com/pod-eni');
    expect(text).not.toMatch(/^PodCIDR/m);
  });

  it('System Info from the AMI; ProviderID as nodeadm getProviderId builds it', () => {
    expect(field(text, '  Kernel Version').value).toBe('6.12.73-95.123.amzn2023.x86_64');
    expect(field(text, '  OS Image').value).toBe('Amazon Linux 2023.10.20260302');
    expect(field(text, '  Container Runtime Version').value).toBe('containerd://2.2.1');
    expect(field(text, '  System UUID').value).toMatch(/^ec2[0-9a-f]{5}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(field(text, '  Machine ID').value).toMatch(/^[0-9a-f]{32}$/);
    expect(field(text, 'ProviderID').value).toBe('aws:///us-west-2a/i-0123456789abcdef0');
    const al2 = kubectlDescribeNode(snapshot({ nodes: [node({ amiFamily: 'AL2' })] }), [], NAME);
    expect(field(al2, '  OS Image').value).toBe('Amazon Linux 2');
    expect(field(al2, '  Kubelet Version').value).toMatch(/^v1\.32\.9-eks-/);
  });

  it('non-terminated pods: the bound ones, API order, an empty column after Name, sharing column 0 with ProviderID', () => {
    const i = lines.findIndex((l) => l.startsWith('Non-terminated Pods:'));
    const provider = field(text, 'ProviderID');
    expect(field(text, 'Non-terminated Pods').value).toBe('(3 in total)');
    expect(field(text, 'Non-terminated Pods').at).toBe(provider.at);
    const nameAt = lines[i + 1].search(/ Name /) + 1;
    expect(nameAt).toBe(provider.at);
    // Name column: widest name + 2, then the empty column's 2.
    expect(lines[i + 1].indexOf('CPU Requests') - nameAt).toBe('web-7d4b9c8f6-x2x9k'.length + 2 + 2);
    const rows = lines.slice(i + 3, i + 6).map((r) => r.trim().split(/\s{2,}/));
    expect(rows).toEqual([
      ['default', 'web-7d4b9c8f6-x2x9k', '0 (0%)', '0 (0%)', '0 (0%)', '0 (0%)', '3m'],
      // aws-node: max(init 25m, 25m + 25m) (config/master/aws-k8s-cni.yaml); 50/1930 → 2 %.
      ['kube-system', 'aws-node-abcde', '50m (2%)', '0 (0%)', '0 (0%)', '0 (0%)', '10m'],
      ['kube-system', 'kube-proxy-fghij', '100m (5%)', '0 (0%)', '0 (0%)', '0 (0%)', '10m'],
    ]);
  });

  it('allocated resources, then Events <none> in the same column block as the last row', () => {
    const rows = section(text, 'Allocated resources:');
    expect(rows.slice(3).map((r) => r.trim().split(/\s{2,}/))).toEqual([
      ['cpu', '150m (7%)', '0 (0%)'], ['memory', '0 (0%)', '0 (0%)'], ['ephemeral-storage', '0 (0%)', '0 (0%)'],
      ['hugepages-1Gi', '0 (0%)', '0 (0%)'], ['hugepages-2Mi', '0 (0%)', '0 (0%)'],
    ]);
    expect(lines.at(-1)).toBe('Events:              <none>');
    expect(lines.at(-2)!.indexOf('0 (0%)')).toBe('Events:              '.length);
  });

  it('says NotFound as the API server does', () => {
    expect(kubectlDescribeNode(snap, [], 'nope')).toBe('Error from server (NotFound): nodes "nope" not found');
  });
});

describe('node resource arithmetic', () => {
  it('kube-reserved CPU per nodeadm getCPUMillicoresToReserve', () => {
    expect(kubeReservedCpuMilli(2)).toBe(70);
    expect(kubeReservedCpuMilli(16)).toBe(110);
    expect(kubeReservedCpuMilli(96)).toBe(60 + 10 + 10 + 230);
  });
  it('resource.Quantity BinarySI text', () => {
    expect(binarySI(7867456 * 1024)).toBe('7867456Ki');
    expect(binarySI(1024 * 1024 * 1024)).toBe('1Gi');
    expect(binarySI(19316009748)).toBe('19316009748');
  });
});

describe('kubectl describe node on a simulated cluster', () => {
  it('pod-eni appears in capacity, allocatable and allocated resources once the trunk is attached; cordon shows', () => {
    const d = scenario().nodes('m5.large', 1).env({ ENABLE_POD_ENI: 'true' })
      .securityGroupPolicy('p', { app: 'web' }, ['sg-0aaa']).deployment('web', 2).runUntil(120);
    d.cordon(d.node().name).advance(1);
    const text = kubectlDescribeNode(d.snapshot(), d.events(), d.node().name);
    expect(section(text, 'Capacity:')).toContain('  vpc.amazonaws.com/pod-eni:  9');
    expect(section(text, 'Allocatable:')).toContain('  vpc.amazonaws.com/pod-eni:  9');
    expect(section(text, 'Allocated resources:').at(-1)!.trim().split(/\s+/)).toEqual(['vpc.amazonaws.com/pod-eni', '2', '2']);
    expect(field(text, 'Taints').value).toBe('node.kubernetes.io/unschedulable:NoSchedule');
    expect(field(text, 'Unschedulable').value).toBe('true');
    expect(text).toMatch(/Normal +NodeNotSchedulable +\S+ +kubelet +Node \S+ status is now: NodeNotSchedulable/);
  });

  it('Ready is False with the CNI-not-initialised message until aws-node is up', () => {
    const d = scenario().nodes('m5.large', 1).deployment('web', 1).at(0);
    const ready = section(kubectlDescribeNode(d.snapshot(), [], d.node().name), 'Conditions:').at(-1)!;
    expect(ready).toMatch(/^ {2}Ready +False +.* KubeletNotReady +container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized$/);
  });
});
