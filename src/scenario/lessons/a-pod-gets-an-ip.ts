/** (a) How a pod gets a VPC IP on an m5.large with every aws-node setting at its default. */
import type { Lesson } from './lesson.ts';

const NODE = 'ip-192-168-19-39.us-west-2.compute.internal';
const POD = 'default/web-2jv2r6xgl9-5kwj8';

export const podGetsAnIp: Lesson = {
  id: 'pod-gets-a-vpc-ip',
  letter: 'a',
  scenario: {
    v: 2,
    name: 'Lesson: how a pod gets a VPC IP',
    description: 'One m5.large with the shipped aws-node defaults. web scales 0 → 1 → 12 → 35.',
    nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', count: 1 }],
    deployments: [{ name: 'web', replicas: 0 }],
    timeline: [
      { at: 10, command: { type: 'scale', deployment: 'web', replicas: 1 } },
      { at: 40, command: { type: 'scale', deployment: 'web', replicas: 12 } },
      { at: 100, command: { type: 'scale', deployment: 'web', replicas: 35 } },
    ],
    steps: [
      {
        at: 1,
        title: 'A fresh m5.large',
        narration: 'The node has joined with 1 ENI, ens5, its primary ENI. Its 2 host-network pods (aws-node and kube-proxy) use the node\'s own address. kubelet\'s max pods for an m5.large is 29: 3 ENIs × (10 − 1) + 2.',
        view: { sel: `node:${NODE}`, term: 'ip addr' },
      },
      {
        at: 8,
        title: 'ipamd fills the warm pool',
        narration: 'With the default WARM_ENI_TARGET=1, ipamd keeps a whole spare ENI\'s worth of addresses. An m5.large ENI holds 10 IPv4 addresses, one of them its own, so 1 AssignPrivateIpAddresses call puts 9 secondary IPs on ens5 before any web pod asks. The 2 CoreDNS pods, which every EKS cluster runs, take two of them: 7 are left, fewer than one ENI\'s 9, so ipamd starts on a second ENI.',
        view: { sel: `node:${NODE}`, term: 'describe-network-interfaces', filter: 'ec2' },
      },
      {
        at: 12,
        title: 'A pod takes one',
        narration: 'At 10 s web scales to 1. ipamd hands the pod 192.168.6.93, a secondary IP of ens6, the second ENI, already attached and filled. The CNI plugin makes a veth pair, host end eni530e1ece94c, and routes the address to it: "192.168.6.93 dev eni530e1ece94c scope link" in the main table, and rule "from all to 192.168.6.93 lookup main" at priority 512. Since the address lives on ens6, the pod also gets rule "from 192.168.6.93 lookup 2" at priority 1536. 15 addresses are left.',
        view: { sel: `node:${NODE}`, term: 'ip route show table all' },
      },
      {
        at: 30,
        title: 'A second ENI',
        narration: 'ens6 was created, attached and filled: 6 EC2 calls so far (AssignPrivateIpAddresses, DescribeSubnets, CreateNetworkInterface, DescribeInstances, AttachNetworkInterface, ModifyNetworkInterfaceAttribute). 15 addresses are warm for the next pods.',
        view: { sel: `node:${NODE}`, term: 'describe-network-interfaces', filter: 'ec2' },
      },
      {
        at: 60,
        title: '12 pods on 3 ENIs',
        narration: 'At 40 s web scales to 12. Pods whose address lives on ens6 get one more rule, "from 192.168.21.94 lookup 2" at priority 1536, so their traffic leaves by ens6 through route table 2. ens7 has joined: 3 ENIs and 27 addresses, all an m5.large can hold.',
        view: { sel: `node:${NODE}`, term: 'ip rule' },
      },
      {
        at: 160,
        title: 'Max pods',
        narration: 'At 100 s web scales to 35. The node runs 29 pods, its max pods (2 on the host network, 27 with VPC addresses, 2 of them CoreDNS); the other 10 stay Pending: "0/1 nodes are available: 1 Too many pods."',
        view: { sel: `pod:${POD}`, node: NODE, term: 'kubectl-describe-pod', filter: 'problems' },
      },
    ],
  },
  claims: [
    [
      { says: '1 ENI, ens5', measure: { kind: 'enis', node: 'ng-1/0' }, equals: 1 },
      { says: '2 host-network pods', measure: { kind: 'pods', hostNetwork: true }, equals: 2 },
      { says: 'max pods for an m5.large is 29', measure: { kind: 'maxPods', node: 'ng-1/0' }, equals: 29 },
    ],
    [
      { says: '1 AssignPrivateIpAddresses call', measure: { kind: 'ec2Calls', api: 'AssignPrivateIpAddresses' }, equals: 1 },
      { says: '9 secondary IPs on ens5', measure: { kind: 'secondaryIps', node: 'ng-1/0', ifName: 'ens5' }, equals: 9 },
      { says: 'before any web pod asks', measure: { kind: 'pods', deployment: 'web' }, equals: 0 },
      { says: 'The 2 CoreDNS pods', measure: { kind: 'pods', namespace: 'kube-system', hostNetwork: false, phase: 'Running' }, equals: 2 },
      { says: '7 are left', measure: { kind: 'pool', node: 'ng-1/0', field: 'availableIPs' }, equals: 7 },
      { says: 'starts on a second ENI', measure: { kind: 'ec2Calls', api: 'CreateNetworkInterface' }, equals: 1 },
    ],
    [
      { says: '192.168.6.93 dev eni530e1ece94c scope link', measure: { kind: 'line', node: 'ng-1/0', view: 'ip route', line: '192.168.6.93 dev eni530e1ece94c scope link' }, equals: 1 },
      { says: 'from all to 192.168.6.93 lookup main', measure: { kind: 'line', node: 'ng-1/0', view: 'ip rule', line: '512:\tfrom all to 192.168.6.93 lookup main' }, equals: 1 },
      { says: '15 addresses are left', measure: { kind: 'pool', node: 'ng-1/0', field: 'availableIPs' }, equals: 15 },
      { says: 'from 192.168.6.93 lookup 2', measure: { kind: 'line', node: 'ng-1/0', view: 'ip rule', line: '1536:\tfrom 192.168.6.93 lookup 2' }, equals: 1 },
      { says: 'hands the pod 192.168.6.93', measure: { kind: 'line', node: 'ng-1/0', view: 'ip addr', pod: POD, line: '    inet 192.168.6.93/32 scope global eth0' }, equals: 1 },
    ],
    [
      { says: '6 EC2 calls so far', measure: { kind: 'ec2Calls' }, equals: 6 },
      { says: '15 addresses are warm', measure: { kind: 'pool', node: 'ng-1/0', field: 'availableIPs' }, equals: 15 },
      { says: 'ens6 was created, attached', measure: { kind: 'enis', node: 'ng-1/0' }, equals: 2 },
    ],
    [
      { says: 'from 192.168.21.94 lookup 2', measure: { kind: 'line', node: 'ng-1/0', view: 'ip rule', line: '1536:\tfrom 192.168.21.94 lookup 2' }, equals: 1 },
      { says: '3 ENIs', measure: { kind: 'enis', node: 'ng-1/0' }, equals: 3 },
      { says: '27 addresses', measure: { kind: 'pool', node: 'ng-1/0', field: 'totalIPs' }, equals: 27 },
      { says: 'web scales to 12', measure: { kind: 'pods', deployment: 'web', phase: 'Running' }, equals: 12 },
    ],
    [
      { says: 'The node runs 29 pods', measure: { kind: 'pods', node: 'ng-1/0' }, equals: 29 },
      { says: '27 with VPC addresses', measure: { kind: 'pool', node: 'ng-1/0', field: 'assignedIPs' }, equals: 27 },
      { says: '2 of them CoreDNS', measure: { kind: 'pods', namespace: 'kube-system', hostNetwork: false, phase: 'Running' }, equals: 2 },
      { says: 'the other 10 stay Pending', measure: { kind: 'pods', deployment: 'web', phase: 'Pending' }, equals: 10 },
      { says: '0/1 nodes are available: 1 Too many pods.', measure: { kind: 'podMessage', deployment: 'web', phase: 'Pending', message: '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.' }, equals: 1 },
    ],
  ],
};
