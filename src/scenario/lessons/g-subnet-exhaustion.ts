/** (g) Subnet exhaustion: two m5.large nodes in a /27, a new ENI that the subnet cannot give. */
import type { Lesson } from './lesson.ts';

const NODE1 = 'ip-10-0-0-24.us-west-2.compute.internal';
const INSUFFICIENT = 'Client.InsufficientFreeAddressesInSubnet';

export const subnetExhaustion: Lesson = {
  id: 'subnet-exhaustion',
  letter: 'g',
  scenario: {
    v: 2,
    name: 'Lesson: subnet exhaustion',
    description: 'Two m5.large nodes with the defaults in one /27 subnet; web scales from 2 to 30 at 30 s.',
    vpc: { cidrs: ['10.0.0.0/16'] },
    subnets: [{ availabilityZone: 'us-west-2a', cidr: '10.0.0.0/27' }],
    nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', count: 2 }],
    deployments: [{ name: 'web', replicas: 2 }],
    timeline: [{ at: 30, command: { type: 'scale', deployment: 'web', replicas: 30 } }],
    steps: [
      {
        at: 20,
        title: 'A /27 subnet',
        narration: '10.0.0.0/27 has 32 addresses and AWS reserves 5 in every subnet, which leaves 27, and EKS takes 2 of them for the API server\'s cross-account ENIs. Each m5.large\'s primary ENI takes 10: its own address and 9 secondary IPs for pods. Two nodes, and 5 are free.',
        view: { sel: `node:${NODE1}`, term: 'describe-network-interfaces' },
      },
      {
        at: 25,
        title: 'No spare ENI',
        narration: 'The first node runs the 2 CoreDNS pods and the 2 web pods, so 5 of its 9 addresses are spare: less than a whole ENI, and WARM_ENI_TARGET=1 asks for one. CreateNetworkInterface asks for the new ENI\'s 10 addresses at once (SecondaryPrivateIpAddressCount), and the subnet answers InsufficientFreeAddressesInSubnet.',
        view: { sel: `node:${NODE1}`, term: 'metrics', filter: 'ec2' },
      },
      {
        at: 60,
        title: '30 replicas: 12 pods without an address',
        narration: 'At 30 s web scales to 30. Each node hands out its 9 addresses: 16 web pods are Running (CoreDNS holds the other 2) and 14 stay ContainerCreating with "failed to assign an IP address to container". ipamd tried 2 new ENIs and both calls failed, while the subnet\'s last 5 addresses stay free: too few for an ENI.',
        view: { sel: `node:${NODE1}`, term: 'kubectl-get-pods', filter: 'problems' },
      },
      {
        at: 61,
        title: 'What gives pods room',
        narration: 'The nodes are not full (max pods is 29); the subnet is. Room comes from more addresses: a larger subnet for new nodes, subnets tagged kubernetes.io/role/cni=1 that subnet discovery can use, or custom networking (ENIConfig) with pods in a secondary VPC CIDR such as 100.64.0.0/16.',
        view: { sel: `node:${NODE1}`, term: 'kubectl-describe-node' },
      },
    ],
  },
  claims: [
    [
      { says: '5 are free', measure: { kind: 'subnetFree', cidr: '10.0.0.0/27' }, equals: 5 },
      { says: '9 secondary IPs', measure: { kind: 'secondaryIps', node: 'ng-1/0' }, equals: 9 },
      { says: '9 secondary IPs', measure: { kind: 'secondaryIps', node: 'ng-1/1' }, equals: 9 },
    ],
    [
      { says: 'the 2 CoreDNS pods', measure: { kind: 'pods', namespace: 'kube-system', hostNetwork: false, node: 'ng-1/0', phase: 'Running' }, equals: 2 },
      { says: 'and the 2 web pods', measure: { kind: 'pods', deployment: 'web', node: 'ng-1/0', phase: 'Running' }, equals: 2 },
      { says: '5 of its 9 addresses are spare', measure: { kind: 'pool', node: 'ng-1/0', field: 'availableIPs' }, equals: 5 },
      { says: '5 of its 9 addresses', measure: { kind: 'pool', node: 'ng-1/0', field: 'totalIPs' }, equals: 9 },
      { says: 'InsufficientFreeAddressesInSubnet', measure: { kind: 'ec2Calls', api: 'CreateNetworkInterface', error: INSUFFICIENT }, equals: 1 },
    ],
    [
      { says: '16 web pods are Running', measure: { kind: 'pods', deployment: 'web', phase: 'Running' }, equals: 16 },
      { says: 'CoreDNS holds the other 2', measure: { kind: 'pods', namespace: 'kube-system', hostNetwork: false, phase: 'Running' }, equals: 2 },
      { says: '14 stay ContainerCreating with "failed to assign an IP address to container"', measure: { kind: 'pods', deployment: 'web', phase: 'ContainerCreating', messageIncludes: 'failed to assign an IP address to container' }, equals: 14 },
      { says: 'hands out its 9 addresses', measure: { kind: 'pool', node: 'ng-1/1', field: 'assignedIPs' }, equals: 9 },
      { says: 'hands out its 9 addresses', measure: { kind: 'pool', node: 'ng-1/0', field: 'assignedIPs' }, equals: 9 },
      { says: 'tried 2 new ENIs', measure: { kind: 'ec2Calls', api: 'CreateNetworkInterface' }, equals: 2 },
      { says: 'both calls failed', measure: { kind: 'ec2Calls', api: 'CreateNetworkInterface', error: INSUFFICIENT }, equals: 2 },
      { says: 'last 5 addresses stay free', measure: { kind: 'subnetFree', cidr: '10.0.0.0/27' }, equals: 5 },
    ],
    [
      { says: 'max pods is 29', measure: { kind: 'maxPods', node: 'ng-1/0' }, equals: 29 },
      { says: 'max pods is 29', measure: { kind: 'maxPods', node: 'ng-1/1' }, equals: 29 },
    ],
  ],
};
