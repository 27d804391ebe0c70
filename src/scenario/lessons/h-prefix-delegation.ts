/** (h) Prefix delegation: /28 prefixes instead of single IPs on an m5.large, max pods 110. */
import type { Lesson } from './lesson.ts';

const NODE = 'ip-192-168-19-39.us-west-2.compute.internal';
const ASSIGN = 'AssignPrivateIpAddresses';

export const prefixDelegation: Lesson = {
  id: 'prefix-delegation',
  letter: 'h',
  scenario: {
    v: 2,
    name: 'Lesson: prefix delegation',
    description: 'One m5.large with ENABLE_PREFIX_DELEGATION=true, WARM_PREFIX_TARGET=1 and max pods 110; web scales to 20 at 10 s and to 60 at 90 s.',
    nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', count: 1, maxPods: 110 }],
    awsNode: { env: { ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '1' } },
    deployments: [{ name: 'web', replicas: 0 }],
    timeline: [
      { at: 10, command: { type: 'scale', deployment: 'web', replicas: 20 } },
      { at: 90, command: { type: 'scale', deployment: 'web', replicas: 60 } },
    ],
    steps: [
      {
        at: 5,
        title: 'Prefixes, not single addresses',
        narration: 'With ENABLE_PREFIX_DELEGATION=true ipamd asks EC2 for /28 prefixes of 16 addresses on ens5, not secondary IPs one by one. WARM_PREFIX_TARGET=1 keeps one prefix spare: 1 prefix, 16 addresses, from 1 AssignPrivateIpAddresses call; ens5 has 0 secondary IPs.',
        view: { sel: `node:${NODE}`, term: 'describe-network-interfaces', tab: 'env' },
      },
      {
        at: 6,
        title: 'Max pods 110',
        narration: 'Each of an m5.large\'s 3 ENIs has 9 slots, and each slot can hold a /28: 3 × 9 × 16 = 432 addresses. kubelet\'s limit is what max-pods-calculator.sh recommends with prefix delegation on this type, 110, which the node group sets.',
        view: { sel: `node:${NODE}`, term: 'kubectl-describe-node' },
      },
      {
        at: 60,
        title: '20 pods, 3 prefixes',
        narration: 'At 10 s web scales to 20. ipamd adds a prefix whenever none is left free: 3 prefixes, 48 addresses for 20 pods, 1 prefix still whole and free. 3 AssignPrivateIpAddresses calls in all.',
        view: { sel: `node:${NODE}`, term: 'describe-network-interfaces', filter: 'ec2' },
      },
      {
        at: 150,
        title: '60 pods on one ENI',
        narration: 'At 90 s web scales to 60: 5 prefixes, 80 addresses, all on 1 ENI, from 5 AssignPrivateIpAddresses calls. Each prefix is an aligned /28 of the subnet, so a fragmented subnet can run out of /28 blocks (InsufficientCidrBlocks) while single addresses are still free.',
        view: { sel: `node:${NODE}`, term: 'metrics', filter: 'ec2' },
      },
    ],
  },
  claims: [
    [
      { says: '1 prefix, 16 addresses', measure: { kind: 'prefixes', node: 'ng-1/0' }, equals: 1 },
      { says: '16 addresses, from', measure: { kind: 'pool', node: 'ng-1/0', field: 'totalIPs' }, equals: 16 },
      { says: 'from 1 AssignPrivateIpAddresses call', measure: { kind: 'ec2Calls', api: ASSIGN }, equals: 1 },
      { says: 'ens5 has 0 secondary IPs', measure: { kind: 'secondaryIps', node: 'ng-1/0', ifName: 'ens5' }, equals: 0 },
    ],
    [
      { says: '3 × 9 × 16 = 432 addresses', measure: { kind: 'pool', node: 'ng-1/0', field: 'maxIPs' }, equals: 432 },
      { says: '3 ENIs', measure: { kind: 'pool', node: 'ng-1/0', field: 'maxENIs' }, equals: 3 },
      { says: 'with prefix delegation on this type, 110', measure: { kind: 'maxPods', node: 'ng-1/0' }, equals: 110 },
    ],
    [
      { says: '3 prefixes', measure: { kind: 'prefixes', node: 'ng-1/0' }, equals: 3 },
      { says: '48 addresses for 20 pods', measure: { kind: 'pool', node: 'ng-1/0', field: 'totalIPs' }, equals: 48 },
      { says: 'for 20 pods', measure: { kind: 'pods', deployment: 'web', phase: 'Running' }, equals: 20 },
      { says: '1 prefix still whole and free', measure: { kind: 'pool', node: 'ng-1/0', field: 'freePrefixes' }, equals: 1 },
      { says: '3 AssignPrivateIpAddresses calls', measure: { kind: 'ec2Calls', api: ASSIGN }, equals: 3 },
    ],
    [
      { says: 'web scales to 60', measure: { kind: 'pods', deployment: 'web', phase: 'Running' }, equals: 60 },
      { says: '5 prefixes', measure: { kind: 'prefixes', node: 'ng-1/0' }, equals: 5 },
      { says: '80 addresses', measure: { kind: 'pool', node: 'ng-1/0', field: 'totalIPs' }, equals: 80 },
      { says: 'all on 1 ENI', measure: { kind: 'enis', node: 'ng-1/0' }, equals: 1 },
      { says: '5 AssignPrivateIpAddresses calls', measure: { kind: 'ec2Calls', api: ASSIGN }, equals: 5 },
    ],
  ],
};
