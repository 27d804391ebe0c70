/** (d) Pod to pod on one node and across nodes: veth, rules 512 and 1536, the ENI's route table. */
import type { Lesson } from './lesson.ts';

const NODE_A = 'ip-192-168-19-39.us-west-2.compute.internal';
const NODE_B = 'ip-192-168-26-211.us-west-2.compute.internal';
const SAME = 'default/web-pp4ts4w5kw-pbmqh|default/web-pp4ts4w5kw-gl9sc|icmp|';
const CROSS = 'default/web-pp4ts4w5kw-kkl7j|default/api-j8qmsqx4zg-km9dg|tcp|80';
const pinned = (name: string, group: string) => ({ name, replicas: 0, nodeSelector: { 'eks.amazonaws.com/nodegroup': group } });

export const podToPod: Lesson = {
  id: 'pod-to-pod',
  letter: 'd',
  scenario: {
    v: 2,
    name: 'Lesson: pod to pod',
    description: 'Two m5.large nodes: web (12 pods) on ng-a, api (2 pods) on ng-b. A ping between two web pods, then a TCP connection from a web pod on eth1 to an api pod.',
    nodeGroups: [{ name: 'ng-a', instanceType: 'm5.large', count: 1 }, { name: 'ng-b', instanceType: 'm5.large', count: 1 }],
    deployments: [pinned('web', 'ng-a'), pinned('api', 'ng-b')],
    timeline: [
      { at: 10, command: { type: 'scale', deployment: 'web', replicas: 12 } },
      { at: 10, command: { type: 'scale', deployment: 'api', replicas: 2 } },
    ],
    steps: [
      {
        at: 60,
        title: 'Out of the pod',
        narration: 'A web pod (192.168.26.78) pings another web pod on the same node (192.168.6.130). Inside the pod the only route is "default via 169.254.1.1 dev eth0": a made-up gateway, answered by a static ARP entry, so every packet crosses the veth pair into the host, where it arrives on eni6fd39a70d16.',
        view: { pw: `${SAME}|5` },
      },
      {
        at: 60,
        title: 'Rule 512 and the main table',
        narration: 'On the host, rule 512 "from all to 192.168.6.130 lookup main" sends the packet to the main table, whose route "192.168.6.130 dev eni7bd559692c0 scope link" hands it to the other pod\'s veth. The packet never leaves the node, and AWS-SNAT-CHAIN-0 returns at "-d 192.168.0.0/16": no SNAT inside the VPC.',
        view: { pw: `${SAME}|10`, sel: `node:${NODE_A}`, term: 'ip rule' },
      },
      {
        at: 60,
        title: 'Across nodes: rule 1536',
        narration: 'Now a web pod whose address, 192.168.28.123, lives on ens6 opens a TCP connection to an api pod on the other node (192.168.6.123). Rule 1536 "from 192.168.28.123 lookup 2" sends it to route table 2, whose "default via 192.168.0.1 dev ens6" makes it leave by the ENI that owns its source address, as the VPC expects.',
        view: { pw: `${CROSS}|10`, sel: `node:${NODE_A}`, term: 'ip route show table all' },
      },
      {
        at: 60,
        title: 'Through the VPC',
        narration: 'The VPC delivers 192.168.6.123 to ens5 of the other node, the ENI that owns it. There rule 512 "from all to 192.168.6.123 lookup main" and the route "192.168.6.123 dev eni575ff79e585 scope link" bring it to the api pod\'s veth. The reply takes the same way back, to ens6: 53 hops in all.',
        view: { pw: `${CROSS}|21`, sel: `node:${NODE_B}`, term: 'ip rule' },
      },
    ],
  },
  claims: [
    [
      { says: 'default via 169.254.1.1 dev eth0', measure: { kind: 'hop', walk: SAME, hop: 3, entry: 'default via 169.254.1.1 dev eth0' }, equals: 1 },
      { says: 'answered by a static ARP entry', measure: { kind: 'hop', walk: SAME, hop: 4, note: 'resolved by a static entry' }, equals: 1 },
      { says: 'it arrives on eni6fd39a70d16', measure: { kind: 'hop', walk: SAME, hop: 5, note: 'crosses the veth pair eth0 → eni6fd39a70d16' }, equals: 1 },
      { says: 'A web pod (192.168.26.78)', measure: { kind: 'hop', walk: SAME, hop: 1, note: 'source address chosen: 192.168.26.78' }, equals: 1 },
    ],
    [
      { says: 'rule 512 "from all to 192.168.6.130 lookup main"', measure: { kind: 'hop', walk: SAME, hop: 9, entry: '512:\tfrom all to 192.168.6.130 lookup main' }, equals: 1 },
      { says: '192.168.6.130 dev eni7bd559692c0 scope link', measure: { kind: 'hop', walk: SAME, hop: 10, entry: '192.168.6.130 dev eni7bd559692c0 scope link' }, equals: 1 },
      { says: 'AWS-SNAT-CHAIN-0 returns at "-d 192.168.0.0/16"', measure: { kind: 'hop', walk: SAME, hop: 13, entry: '-A AWS-SNAT-CHAIN-0 -d 192.168.0.0/16 -m comment --comment "AWS SNAT CHAIN" -j RETURN' }, equals: 1 },
    ],
    [
      { says: 'Rule 1536 "from 192.168.28.123 lookup 2"', measure: { kind: 'hop', walk: CROSS, hop: 9, entry: '1536:\tfrom 192.168.28.123 lookup 2' }, equals: 1 },
      { says: 'default via 192.168.0.1 dev ens6', measure: { kind: 'hop', walk: CROSS, hop: 10, entry: 'default via 192.168.0.1 dev ens6' }, equals: 1 },
      { says: '192.168.28.123, lives on ens6', measure: { kind: 'line', node: 'ng-a/0', view: 'ip rule', line: '1536:\tfrom 192.168.28.123 lookup 2' }, equals: 1 },
    ],
    [
      { says: 'The VPC delivers 192.168.6.123 to ens5 of the other node', measure: { kind: 'hop', walk: CROSS, hop: 16, note: `the VPC delivers 192.168.6.123 to the ENI that owns it: ens5 on ${NODE_B}` }, equals: 1 },
      { says: 'rule 512 "from all to 192.168.6.123 lookup main"', measure: { kind: 'hop', walk: CROSS, hop: 21, entry: '512:\tfrom all to 192.168.6.123 lookup main' }, equals: 1 },
      { says: '192.168.6.123 dev eni575ff79e585 scope link', measure: { kind: 'hop', walk: CROSS, hop: 22, entry: '192.168.6.123 dev eni575ff79e585 scope link' }, equals: 1 },
      { says: 'to ens6', measure: { kind: 'hop', walk: CROSS, hop: 43, note: 'arrives on ens6' }, equals: 1 },
      { says: '53 hops in all', measure: { kind: 'hops', walk: CROSS }, equals: 53 },
    ],
  ],
};
