import { describe, expect, it } from 'vitest';
import { humanDuration } from './human-duration.ts';
import { kubectlGetNodes, kubectlGetPods, kubectlNodesAllocatable } from './kubectl.ts';
import { scenario } from '../testing/driver.ts';
import { KUBECTL_TABLE, tabwrite } from './tabwriter.ts';
import { node, pod, snapshot } from './fixtures.test-util.ts';

const DAY = 86_400_000;

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    [0, '0s'], [-1500, '0s'], [-2500, '<invalid>'], [5_000, '5s'], [119_000, '119s'], [120_000, '2m'],
    [123_000, '2m3s'], [347_000, '5m47s'], [600_000, '10m'], [179 * 60_000, '179m'], [3 * 3600_000, '3h'],
    [(3 * 60 + 4) * 60_000, '3h4m'], [8 * 3600_000, '8h'], [47 * 3600_000, '47h'], [2 * DAY, '2d'],
    [2 * DAY + 5 * 3600_000, '2d5h'], [8 * DAY, '8d'], [31 * DAY, '31d'], [730 * DAY, '2y'], [731 * DAY, '2y1d'],
    [8 * 365 * DAY, '8y'],
  ])('%i ms → %s', (ms, want) => expect(humanDuration(ms)).toBe(want));
});

describe('kubectl get pods', () => {
  // Real `kubectl get pods -n kube-system -o wide` output pasted in aws/amazon-vpc-cni-k8s PR #1497.
  const real = [
    'NAME                                  READY   STATUS        RESTARTS   AGE   IP               NODE                                          NOMINATED NODE   READINESS GATES',
    'aws-node-dt8p9                        1/1     Terminating   0          31d   192.168.77.49    ip-192-168-77-49.us-west-2.compute.internal   <none>           <none>',
    'aws-node-fswmv                        1/1     Running       0          31d   192.168.6.73     ip-192-168-6-73.us-west-2.compute.internal    <none>           <none>',
    'cni-metrics-helper-57cbb76f75-cv5sj   1/1     Running       0          9s    192.168.20.242   ip-192-168-6-73.us-west-2.compute.internal    <none>           <none>',
  ].join('\n');

  it('lays out a wide table character for character like the real sample', () => {
    const now = 40 * DAY;
    const snap = snapshot({
      timeMs: now,
      pods: [
        pod({ namespace: 'kube-system', name: 'cni-metrics-helper-57cbb76f75-cv5sj', deployment: 'cni-metrics-helper', createdAtMs: now - 9_000, ip: '192.168.20.242', node: 'ip-192-168-6-73.us-west-2.compute.internal' }),
        pod({ namespace: 'kube-system', name: 'aws-node-fswmv', deployment: undefined, hostNetwork: true, createdAtMs: now - 31 * DAY, ip: '192.168.6.73', node: 'ip-192-168-6-73.us-west-2.compute.internal' }),
        pod({ namespace: 'kube-system', name: 'aws-node-dt8p9', deployment: undefined, hostNetwork: true, phase: 'Terminating', createdAtMs: now - 31 * DAY, ip: '192.168.77.49', node: 'ip-192-168-77-49.us-west-2.compute.internal' }),
      ],
    });
    expect(kubectlGetPods(snap, { namespace: 'kube-system', wide: true })).toBe(real);
  });

  it('prints Pending/ContainerCreating pods with <none> and 0/1', () => {
    const snap = snapshot({
      timeMs: 347_000,
      pods: [
        pod({ name: 'web-7d4b9c8f6-aaaaa', phase: 'Pending' }),
        pod({ name: 'web-7d4b9c8f6-bbbbb', phase: 'ContainerCreating', node: 'ip-10-0-1-23.us-west-2.compute.internal', createdAtMs: 340_000 }),
      ],
    });
    expect(kubectlGetPods(snap, { wide: true })).toBe([
      'NAME                  READY   STATUS              RESTARTS   AGE     IP       NODE                                      NOMINATED NODE   READINESS GATES',
      'web-7d4b9c8f6-aaaaa   0/1     Pending             0          5m47s   <none>   <none>                                    <none>           <none>',
      'web-7d4b9c8f6-bbbbb   0/1     ContainerCreating   0          7s      <none>   ip-10-0-1-23.us-west-2.compute.internal   <none>           <none>',
    ].join('\n'));
  });

  it('adds NAMESPACE with -A and says when nothing is found', () => {
    const snap = snapshot({ pods: [pod({ namespace: 'kube-system', name: 'coredns-1' })] });
    expect(kubectlGetPods(snap, { allNamespaces: true }).split('\n')[0]).toBe('NAMESPACE     NAME        READY   STATUS    RESTARTS   AGE');
    expect(kubectlGetPods(snap, {})).toBe('No resources found in default namespace.');
  });
});

describe('tabwriter', () => {
  it('applies kubectl get minwidth 6 to narrow columns', () => {
    expect(tabwrite('A\tB\nx\ty', KUBECTL_TABLE)).toBe('A     B\nx     y');
  });
});

describe('kubectl get nodes', () => {
  it('prints the default columns', () => {
    const snap = snapshot({ timeMs: 3 * 3600_000 + 4 * 60_000, nodes: [node()] });
    expect(kubectlGetNodes(snap, { kubeletVersion: 'v1.34.2-eks-b3126f4' })).toBe([
      'NAME                                      STATUS   ROLES    AGE    VERSION',
      'ip-10-0-1-23.us-west-2.compute.internal   Ready    <none>   3h4m   v1.34.2-eks-b3126f4',
    ].join('\n'));
  });

  it('adds SchedulingDisabled to a cordoned node\'s status, as in the "Safely Drain a Node" task page', () => {
    const snap = snapshot({ timeMs: 3 * 3600_000 + 4 * 60_000, nodes: [{ ...node(), unschedulable: true }] });
    expect(kubectlGetNodes(snap, { kubeletVersion: 'v1.34.2-eks-b3126f4' })).toBe([
      'NAME                                      STATUS                     ROLES    AGE    VERSION',
      'ip-10-0-1-23.us-west-2.compute.internal   Ready,SchedulingDisabled   <none>   3h4m   v1.34.2-eks-b3126f4',
    ].join('\n'));
  });
});

describe('kubectl get nodes: what each node\'s AMI reports', () => {
  const al2023 = node();
  const al2 = node({ name: 'ip-10-0-2-40.us-west-2.compute.internal', nodeIp: '10.0.2.40', amiFamily: 'AL2' });
  const snap = snapshot({ timeMs: 600_000, nodes: [al2, al2023] });

  it('-o wide: OS-IMAGE, KERNEL-VERSION and CONTAINER-RUNTIME of the AMI release (amazon-eks-ami CHANGELOG)', () => {
    const lines = kubectlGetNodes(snap, { wide: true }).split('\n');
    // AL2023 1.34 v20260318: AL2023 2023.10.20260302, kernel 6.12.73-95.123, containerd 2.2.1, kubelet 1.34.4.
    expect(lines[1]).toMatch(/^ip-10-0-1-23\S+ +Ready +<none> +10m +v1\.34\.4-eks-\w+ +10\.0\.1\.23 +<none> +Amazon Linux 2023\.10\.20260302 +6\.12\.73-95\.123\.amzn2023\.x86_64 +containerd:\/\/2\.2\.1$/);
    // AL2's last EKS AMI, v20251209 for 1.32: kernel 5.10.245-245.983.amzn2, containerd 1.7.29, kubelet 1.32.9.
    expect(lines[2]).toMatch(/^ip-10-0-2-40\S+ +Ready +<none> +10m +v1\.32\.9-eks-\w+ +10\.0\.2\.40 +<none> +Amazon Linux 2 +5\.10\.245-245\.983\.amzn2\.x86_64 +containerd:\/\/1\.7\.29$/);
  });

  it('--show-labels: the label keys of a real EKS 1.34 managed node (2026), comma-joined in key order', () => {
    const labels = kubectlGetNodes(snapshot({ nodes: [node({ labels: { 'eks.amazonaws.com/nodegroup': 'ng-1' } })] }), { showLabels: true }).split('\n')[1].split(/\s+/).at(-1)!;
    const keys = labels.split(',').map((l) => l.split('=')[0]);
    expect(keys).toEqual([
      'beta.kubernetes.io/arch', 'beta.kubernetes.io/instance-type', 'beta.kubernetes.io/os', 'eks.amazonaws.com/capacityType',
      'eks.amazonaws.com/nodegroup', 'eks.amazonaws.com/nodegroup-image', 'eks.amazonaws.com/sourceLaunchTemplateId',
      'eks.amazonaws.com/sourceLaunchTemplateVersion', 'failure-domain.beta.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/zone',
      'k8s.io/cloud-provider-aws', 'kubernetes.io/arch', 'kubernetes.io/hostname', 'kubernetes.io/os', 'node.kubernetes.io/instance-type',
      'topology.k8s.aws/zone-id', 'topology.kubernetes.io/region', 'topology.kubernetes.io/zone',
    ]);
    expect(labels).toContain('topology.k8s.aws/zone-id=usw2-az1');
    expect(labels).toMatch(/eks\.amazonaws\.com\/nodegroup-image=ami-0[0-9a-f]{16},/);
    // v1.23.1 signals security groups for pods through CNINode; nothing writes has-trunk-attached.
    expect(labels).not.toContain('has-trunk-attached');
  });
});

describe('allocatable pods and vpc.amazonaws.com/pod-eni (custom-columns)', () => {
  it('max pods always; pod-eni only once the resource controller attached a trunk (m5.large: 9, reference c.1)', () => {
    const d = scenario().nodes('m5.large', 1).env({ ENABLE_POD_ENI: 'true' }).deployment('web', 0);
    const before = kubectlNodesAllocatable(d.at(0).snapshot()).split('\n');
    expect(before[0]).toBe(`NAME${' '.repeat(before[1].indexOf('29') - 4)}PODS   POD-ENI`);
    expect(before[1]).toMatch(/ 29 +<none>$/);
    const after = kubectlNodesAllocatable(d.runUntil(60).snapshot()).split('\n');
    expect(after[1]).toMatch(/ 29 +9$/);
  });
});

