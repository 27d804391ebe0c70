/** (e) Pod to the internet: AWS-SNAT-CHAIN-0, the connmark, conntrack and AWS_VPC_K8S_CNI_EXTERNALSNAT. */
import type { Lesson } from './lesson.ts';

const NODE = 'ip-192-168-19-39.us-west-2.compute.internal';
const OUT = 'default/web-l9pp4ts4w5-4pbmq|external|tcp|443';

export const podToInternet: Lesson = {
  id: 'pod-to-internet',
  letter: 'e',
  scenario: {
    v: 2,
    name: 'Lesson: pod to the internet',
    description: 'One m5.large in a public subnet with 12 web pods. A pod whose address is on eth1 connects to an internet host on 443; at 120 s AWS_VPC_K8S_CNI_EXTERNALSNAT=true.',
    nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', count: 1 }],
    deployments: [{ name: 'web', replicas: 12 }],
    timeline: [{ at: 120, command: { type: 'setEnv', name: 'AWS_VPC_K8S_CNI_EXTERNALSNAT', value: 'true' } }],
    steps: [
      {
        at: 60,
        title: 'The connmark',
        narration: 'A pod with 192.168.1.180, an address of eth1, connects to 203.0.113.10:443. In nat PREROUTING, AWS-CONNMARK-CHAIN-0 marks the connection 0x80 (its destination is outside 192.168.0.0/16), and the mark is copied to the packet; rule 1024 "from all fwmark 0x80/0x80 lookup main" then wins over the pod\'s rule 1536, so the packet leaves by eth0, not eth1.',
        view: { pw: `${OUT}|8`, sel: `node:${NODE}`, term: 'iptables -t nat -S' },
      },
      {
        at: 60,
        title: 'AWS-SNAT-CHAIN-0',
        narration: 'In nat POSTROUTING, AWS-SNAT-CHAIN-0 rewrites the source to the node\'s primary address: "-j SNAT --to-source 192.168.19.39 --random-fully". Only eth0\'s primary address has a public IP, so the internet gateway maps 192.168.19.39 to 198.51.100.10.',
        view: { pw: `${OUT}|12`, sel: `node:${NODE}`, term: 'iptables -t nat -S' },
      },
      {
        at: 60,
        title: 'The reply and conntrack',
        narration: 'The reply comes back to eth0 addressed to 192.168.19.39. conntrack remembers the connection and reverses the SNAT, so the packet is for 192.168.1.180 again, and rule 512 "from all to 192.168.1.180 lookup main" takes it to the pod\'s veth.',
        view: { pw: `${OUT}|22`, sel: `node:${NODE}`, term: 'iptables -t mangle -S' },
      },
      {
        at: 150,
        title: 'AWS_VPC_K8S_CNI_EXTERNALSNAT=true',
        narration: 'At 120 s AWS_VPC_K8S_CNI_EXTERNALSNAT=true: aws-node removes its SNAT and connmark rules, for a NAT gateway to do the translation instead. Now rule 1536 "from 192.168.1.180 lookup 2" sends the packet out of eth1 with the pod\'s own address, and in a public subnet the internet gateway drops it: 192.168.1.180 has no public IP.',
        view: { pw: `${OUT}|15`, sel: `node:${NODE}`, term: 'iptables -t nat -S' },
      },
    ],
  },
  claims: [
    [
      { says: 'marks the connection 0x80', measure: { kind: 'line', node: 'ng-1/0', view: 'iptables -t nat -S', line: '-A AWS-CONNMARK-CHAIN-0 -m comment --comment "AWS, CONNMARK" -j CONNMARK --set-xmark 0x80/0x80' }, equals: 1 },
      { says: 'outside 192.168.0.0/16', measure: { kind: 'line', node: 'ng-1/0', view: 'iptables -t nat -S', line: '-A AWS-CONNMARK-CHAIN-0 -d 192.168.0.0/16 -m comment --comment "AWS CONNMARK CHAIN" -j RETURN' }, equals: 1 },
      { says: 'rule 1024 "from all fwmark 0x80/0x80 lookup main"', measure: { kind: 'hop', walk: OUT, hop: 8, entry: '1024:\tfrom all fwmark 0x80/0x80 lookup main' }, equals: 1 },
      { says: 'the pod\'s rule 1536', measure: { kind: 'line', node: 'ng-1/0', view: 'ip rule', line: '1536:\tfrom 192.168.1.180 lookup 2' }, equals: 1 },
      { says: 'leaves by eth0, not eth1', measure: { kind: 'hop', walk: OUT, hop: 9, entry: 'default via 192.168.0.1 dev eth0' }, equals: 1 },
    ],
    [
      { says: '-j SNAT --to-source 192.168.19.39 --random-fully', measure: { kind: 'hop', walk: OUT, hop: 12, entry: '-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment "AWS, SNAT" -m addrtype ! --dst-type LOCAL -j SNAT --to-source 192.168.19.39 --random-fully' }, equals: 1 },
      { says: 'maps 192.168.19.39 to 198.51.100.10', measure: { kind: 'hop', walk: OUT, hop: 15, note: 'maps 192.168.19.39 to its public IP 198.51.100.10' }, equals: 1 },
    ],
    [
      { says: 'conntrack remembers the connection and reverses the SNAT', measure: { kind: 'hop', walk: OUT, hop: 22, note: 'conntrack reverses the connection\'s NAT' }, equals: 1 },
      { says: 'rule 512 "from all to 192.168.1.180 lookup main"', measure: { kind: 'hop', walk: OUT, hop: 23, entry: '512:\tfrom all to 192.168.1.180 lookup main' }, equals: 1 },
    ],
    [
      { says: 'removes its SNAT', measure: { kind: 'line', node: 'ng-1/0', view: 'iptables -t nat -S', line: '-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment "AWS, SNAT" -m addrtype ! --dst-type LOCAL -j SNAT --to-source 192.168.19.39 --random-fully' }, equals: 0 },
      { says: 'and connmark rules', measure: { kind: 'line', node: 'ng-1/0', view: 'iptables -t nat -S', line: '-A AWS-CONNMARK-CHAIN-0 -m comment --comment "AWS, CONNMARK" -j CONNMARK --set-xmark 0x80/0x80' }, equals: 0 },
      { says: 'rule 1536 "from 192.168.1.180 lookup 2"', measure: { kind: 'hop', walk: OUT, hop: 8, entry: '1536:\tfrom 192.168.1.180 lookup 2' }, equals: 1 },
      { says: '192.168.1.180 has no public IP', measure: { kind: 'hop', walk: OUT, hop: 15, note: '192.168.1.180 has none' }, equals: 1 },
    ],
  ],
};
