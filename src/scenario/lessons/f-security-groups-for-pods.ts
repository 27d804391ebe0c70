/** (f) Security groups for pods: trunk, branch, VLAN, table 100+VLAN, and why a branch pod's internet traffic is not SNATed. */
import type { Lesson } from './lesson.ts';

const NODE = 'ip-192-168-19-39.us-west-2.compute.internal';
const BRANCH = 'eni-068a81e3ce8969c3a';
const OUT = 'default/payments-2jv2r6xgl9-4zgr6|external|tcp|443';

export const securityGroupsForPods: Lesson = {
  id: 'security-groups-for-pods',
  letter: 'f',
  scenario: {
    v: 2,
    name: 'Lesson: security groups for pods',
    description: 'One m5.large with ENABLE_POD_ENI=true and a SecurityGroupPolicy for app: payments. At 20 s payments and web scale to 2.',
    nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', count: 1 }],
    awsNode: { env: { ENABLE_POD_ENI: 'true' } },
    securityGroupPolicies: [{ name: 'payments-sg', podSelector: { matchLabels: { app: 'payments' } }, securityGroups: ['sg-0a11b22c33d44e55f'] }],
    deployments: [{ name: 'payments', replicas: 0 }, { name: 'web', replicas: 0 }],
    timeline: [
      { at: 20, command: { type: 'scale', deployment: 'payments', replicas: 2 } },
      { at: 20, command: { type: 'scale', deployment: 'web', replicas: 2 } },
    ],
    steps: [
      {
        at: 15,
        title: 'The trunk ENI',
        narration: 'With ENABLE_POD_ENI=true, aws-node keeps an ENI slot free and the VPC resource controller creates a trunk ENI for the node: 1 trunk ENI, attached as ens7 (device index 2).',
        view: { sel: `node:${NODE}`, term: 'describe-network-interfaces', filter: 'ec2' },
      },
      {
        at: 60,
        title: 'Branch ENIs on VLANs',
        narration: 'At 20 s payments scales to 2. Each payments pod gets a branch ENI of its own, with the policy\'s security group, on a VLAN of the trunk: vlan.eth.1 and vlan.eth.2, 2 branch ENIs. ipamd\'s pool does not move for them: the 2 web pods and the 2 CoreDNS pods hold 4 of its secondary IPs.',
        view: { sel: `eni:${BRANCH}`, node: NODE, term: 'describe-network-interfaces' },
      },
      {
        at: 60,
        title: 'Table 100 + VLAN',
        narration: 'In strict mode (the default), rule 10 "from all iif vlan.eth.1 lookup 101" sends what arrives on VLAN 1 to table 101, 100 + the VLAN id, which holds "192.168.14.96 dev vlan4714560d7c9 table 101 scope link" for the pod. The local rule moves to priority 20 "from all lookup local".',
        view: { sel: `node:${NODE}`, term: 'ip rule' },
      },
      {
        at: 60,
        title: 'No SNAT on vlan+',
        narration: 'The payments pod connects to 203.0.113.10:443. Table 101\'s "default via 192.168.0.1 dev vlan.eth.1" sends it out of its branch ENI, and the SNAT rule of AWS-SNAT-CHAIN-0 says "! -o vlan+": no SNAT, so the VPC sees the pod\'s own address and its security group applies. Here the internet gateway drops it: 192.168.14.96 has no public IP; such pods go out through a NAT gateway.',
        view: { pw: `${OUT}|13`, sel: `node:${NODE}`, term: 'iptables -t nat -S' },
      },
    ],
  },
  claims: [
    [
      { says: '1 trunk ENI', measure: { kind: 'enis', node: 'ng-1/0', eniKind: 'trunk' }, equals: 1 },
      { says: 'attached as ens7', measure: { kind: 'line', node: 'ng-1/0', view: 'ip route show table all', line: 'default via 192.168.0.1 dev ens7 table 3' }, equals: 1 },
    ],
    [
      { says: '2 branch ENIs', measure: { kind: 'enis', node: 'ng-1/0', eniKind: 'branch' }, equals: 2 },
      { says: 'payments scales to 2', measure: { kind: 'pods', deployment: 'payments', phase: 'Running' }, equals: 2 },
      { says: 'hold 4 of its secondary IPs', measure: { kind: 'pool', node: 'ng-1/0', field: 'assignedIPs' }, equals: 4 },
      { says: 'the 2 web pods', measure: { kind: 'pods', deployment: 'web', node: 'ng-1/0', phase: 'Running' }, equals: 2 },
      { says: 'the 2 CoreDNS pods', measure: { kind: 'pods', namespace: 'kube-system', hostNetwork: false, node: 'ng-1/0', phase: 'Running' }, equals: 2 },
      { says: 'vlan.eth.1 and vlan.eth.2', measure: { kind: 'line', node: 'ng-1/0', view: 'ip rule', line: '10:\tfrom all iif vlan.eth.2 lookup 102' }, equals: 1 },
    ],
    [
      { says: 'rule 10 "from all iif vlan.eth.1 lookup 101"', measure: { kind: 'line', node: 'ng-1/0', view: 'ip rule', line: '10:\tfrom all iif vlan.eth.1 lookup 101' }, equals: 1 },
      { says: '192.168.14.96 dev vlan4714560d7c9 table 101 scope link', measure: { kind: 'line', node: 'ng-1/0', view: 'ip route show table all', line: '192.168.14.96 dev vlan4714560d7c9 table 101 scope link' }, equals: 1 },
      { says: 'priority 20 "from all lookup local"', measure: { kind: 'line', node: 'ng-1/0', view: 'ip rule', line: '20:\tfrom all lookup local' }, equals: 1 },
    ],
    [
      { says: 'default via 192.168.0.1 dev vlan.eth.1', measure: { kind: 'hop', walk: OUT, hop: 10, entry: 'default via 192.168.0.1 dev vlan.eth.1' }, equals: 1 },
      { says: '"! -o vlan+": no SNAT', measure: { kind: 'hop', walk: OUT, hop: 13, entry: '-A POSTROUTING -m comment --comment "AWS SNAT CHAIN" -j AWS-SNAT-CHAIN-0', note: 'packet unchanged' }, equals: 1 },
      { says: '! -o vlan+', measure: { kind: 'line', node: 'ng-1/0', view: 'iptables -t nat -S', line: '-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment "AWS, SNAT" -m addrtype ! --dst-type LOCAL -j SNAT --to-source 192.168.19.39 --random-fully' }, equals: 1 },
      { says: '192.168.14.96 has no public IP', measure: { kind: 'hop', walk: OUT, hop: 16, note: '192.168.14.96 has none' }, equals: 1 },
    ],
  ],
};
