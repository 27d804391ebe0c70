/** (b) Warm-pool tuning: WARM_ENI_TARGET against WARM_IP_TARGET + MINIMUM_IP_TARGET, EC2 calls side by side. */
import type { Lesson } from './lesson.ts';

const NODE = 'ip-192-168-19-39.us-west-2.compute.internal';
const scale = (at: number, replicas: number) => ({ at, command: { type: 'scale' as const, deployment: 'web', replicas } });

export const warmPoolTuning: Lesson = {
  id: 'warm-pool-tuning',
  letter: 'b',
  scenario: {
    v: 2,
    name: 'Lesson: warm-pool tuning',
    description: 'One m5.large runs the same round twice (web 0 → 12 → 2 → 0): first with WARM_ENI_TARGET=1, then with WARM_IP_TARGET=2 and MINIMUM_IP_TARGET=5.',
    nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', count: 1 }],
    deployments: [{ name: 'web', replicas: 0 }],
    timeline: [
      scale(10, 12), scale(60, 2), scale(120, 0),
      { at: 300, command: { type: 'setEnv', name: 'WARM_IP_TARGET', value: '2' } },
      { at: 300, command: { type: 'setEnv', name: 'MINIMUM_IP_TARGET', value: '5' } },
      scale(360, 12), scale(420, 2), scale(480, 0),
    ],
    steps: [
      {
        at: 30,
        title: 'WARM_ENI_TARGET=1: 12 pods',
        narration: 'web scales to 12 at 10 s. To keep a whole spare ENI, ipamd attached ens6 and ens7: 3 ENIs hold 27 addresses for 12 pods and the 2 CoreDNS pods, 13 of them spare. 11 EC2 calls so far.',
        view: { sel: `node:${NODE}`, term: 'metrics', filter: 'ec2' },
      },
      {
        at: 290,
        title: 'Back to 0',
        narration: 'At 60 s web goes to 2, at 120 s to 0. ipamd detached and deleted one spare ENI (1 DeleteNetworkInterface call) and keeps ens5 and ens6, 18 addresses: CoreDNS holds 2 of ens5\'s 9, so ens5 alone is less than a whole ENI spare. 14 EC2 calls for the whole round.',
        view: { sel: `node:${NODE}`, term: 'describe-network-interfaces', filter: 'ec2' },
      },
      {
        at: 350,
        title: 'WARM_IP_TARGET=2, MINIMUM_IP_TARGET=5',
        narration: 'At 300 s both are set and aws-node restarts. ipamd now keeps at least 5 addresses and 2 spare, not a whole ENI: 1 DeleteNetworkInterface call removes ens6 and 2 UnassignPrivateIpAddresses calls give addresses back, leaving 5 on ens5: 2 for CoreDNS, 3 spare.',
        view: { sel: `node:${NODE}`, term: 'describe-network-interfaces', filter: 'ec2', tab: 'env' },
      },
      {
        at: 419,
        title: 'WARM_IP_TARGET: 12 pods again',
        narration: 'At 360 s web scales to 12 again. ipamd asks for addresses a few at a time (4 AssignPrivateIpAddresses calls), and when ens5 is full it attaches ens6: 15 addresses for 12 pods and CoreDNS\'s 2, 1 spare.',
        view: { sel: `node:${NODE}`, term: 'metrics', filter: 'ec2' },
      },
      {
        at: 600,
        title: 'Side by side',
        narration: 'The same round of pods, twice. WARM_ENI_TARGET=1: 14 EC2 calls, whole ENIs held spare. WARM_IP_TARGET=2 + MINIMUM_IP_TARGET=5: 18 EC2 calls, 5 addresses held at rest, and an Assign or Unassign call at almost every change. Small targets save subnet addresses; on a busy cluster their calls meet EC2\'s throttling.',
        view: { filter: 'ec2' },
      },
    ],
  },
  claims: [
    [
      { says: '3 ENIs', measure: { kind: 'enis', node: 'ng-1/0' }, equals: 3 },
      { says: '27 addresses for 12 pods', measure: { kind: 'pool', node: 'ng-1/0', field: 'totalIPs' }, equals: 27 },
      { says: 'for 12 pods', measure: { kind: 'pods', deployment: 'web', phase: 'Running' }, equals: 12 },
      { says: '13 of them spare', measure: { kind: 'pool', node: 'ng-1/0', field: 'availableIPs' }, equals: 13 },
      { says: 'the 2 CoreDNS pods', measure: { kind: 'pods', namespace: 'kube-system', hostNetwork: false, phase: 'Running' }, equals: 2 },
      { says: '11 EC2 calls so far', measure: { kind: 'ec2Calls' }, equals: 11 },
    ],
    [
      { says: '1 DeleteNetworkInterface call', measure: { kind: 'ec2Calls', api: 'DeleteNetworkInterface' }, equals: 1 },
      { says: 'keeps ens5 and ens6', measure: { kind: 'enis', node: 'ng-1/0' }, equals: 2 },
      { says: '18 addresses', measure: { kind: 'pool', node: 'ng-1/0', field: 'totalIPs' }, equals: 18 },
      { says: 'CoreDNS holds 2 of ens5\'s 9', measure: { kind: 'secondaryIps', node: 'ng-1/0', ifName: 'ens5' }, equals: 9 },
      { says: 'CoreDNS holds 2', measure: { kind: 'pool', node: 'ng-1/0', field: 'assignedIPs' }, equals: 2 },
      { says: '14 EC2 calls for the whole round', measure: { kind: 'ec2Calls', toS: 300 }, equals: 14 },
    ],
    [
      { says: '1 DeleteNetworkInterface call removes ens6', measure: { kind: 'ec2Calls', fromS: 300, api: 'DeleteNetworkInterface' }, equals: 1 },
      { says: 'removes ens6', measure: { kind: 'enis', node: 'ng-1/0' }, equals: 1 },
      { says: '2 UnassignPrivateIpAddresses calls', measure: { kind: 'ec2Calls', fromS: 300, api: 'UnassignPrivateIpAddresses' }, equals: 2 },
      { says: '3 spare', measure: { kind: 'pool', node: 'ng-1/0', field: 'availableIPs' }, equals: 3 },
      { says: 'leaving 5 on ens5', measure: { kind: 'secondaryIps', node: 'ng-1/0', ifName: 'ens5' }, equals: 5 },
    ],
    [
      { says: '4 AssignPrivateIpAddresses calls', measure: { kind: 'ec2Calls', fromS: 300, api: 'AssignPrivateIpAddresses' }, equals: 4 },
      { says: 'it attaches ens6', measure: { kind: 'enis', node: 'ng-1/0' }, equals: 2 },
      { says: '15 addresses for 12 pods', measure: { kind: 'pool', node: 'ng-1/0', field: 'totalIPs' }, equals: 15 },
      { says: 'for 12 pods', measure: { kind: 'pods', deployment: 'web', phase: 'Running' }, equals: 12 },
      { says: '1 spare', measure: { kind: 'pool', node: 'ng-1/0', field: 'availableIPs' }, equals: 1 },
    ],
    [
      { says: 'WARM_ENI_TARGET=1: 14 EC2 calls', measure: { kind: 'ec2Calls', toS: 300 }, equals: 14 },
      { says: 'MINIMUM_IP_TARGET=5: 18 EC2 calls', measure: { kind: 'ec2Calls', fromS: 300 }, equals: 18 },
      { says: '5 addresses held at rest', measure: { kind: 'pool', node: 'ng-1/0', field: 'totalIPs' }, equals: 5 },
    ],
  ],
};
