/** (e) Pod to the internet: the connmark, AWS-SNAT-CHAIN-0, conntrack and AWS_VPC_K8S_CNI_EXTERNALSNAT. */
import type { Lesson } from './lesson.ts';

const NODE = 'ip-192-168-19-39.us-west-2.compute.internal';
const OUT = 'default/web-2jv2r6xgl9-4b54b|external|tcp|443';
const SNAT = '-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment "AWS, SNAT" -m addrtype ! --dst-type LOCAL -j SNAT --to-source 192.168.19.39 --random-fully';

export const podToInternet: Lesson = {
  id: 'pod-to-internet',
  letter: 'e',
  scenario: {
    v: 2,
    name: 'Lesson: pod to the internet',
    description: 'One m5.large (AL2023) in a public subnet with 12 web pods. A pod whose address is on ens6 connects to an internet host on 443; at 120 s AWS_VPC_K8S_CNI_EXTERNALSNAT=true.',
    nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', count: 1 }],
    deployments: [{ name: 'web', replicas: 12 }],
    timeline: [{ at: 120, command: { type: 'setEnv', name: 'AWS_VPC_K8S_CNI_EXTERNALSNAT', value: 'true' } }],
    steps: [
      {
        at: 60,
        title: 'The connmark',
        narration: 'A pod with 192.168.21.94, an address of ens6, connects to 203.0.113.10:443. On this AL2023 node the CNI keeps its connmark in nftables (table ip aws-cni): its nat-prerouting chain marks the connection 0x80, since the destination is outside the VPC, and copies the mark to the packet; rule 1024 "from all fwmark 0x80/0x80 lookup main" then wins over the pod\'s rule 1536, so the packet leaves by ens5, the primary ENI.',
        view: { pw: `${OUT}|9`, sel: `node:${NODE}`, term: 'ip rule' },
      },
      {
        at: 60,
        title: 'AWS-SNAT-CHAIN-0',
        narration: 'In nat POSTROUTING, AWS-SNAT-CHAIN-0 rewrites the source to the node\'s primary address: "-j SNAT --to-source 192.168.19.39 --random-fully". Only that address has a public IP, so the internet gateway maps 192.168.19.39 to 198.51.100.10.',
        view: { pw: `${OUT}|13`, sel: `node:${NODE}`, term: 'iptables -t nat -S' },
      },
      {
        at: 60,
        title: 'The reply and conntrack',
        narration: 'The reply comes back to ens5 addressed to 192.168.19.39. conntrack remembers the connection and reverses the SNAT, so the packet is for 192.168.21.94 again, and rule 512 "from all to 192.168.21.94 lookup main" takes it to the pod\'s veth.',
        view: { pw: `${OUT}|23`, sel: `node:${NODE}`, term: 'ip rule' },
      },
      {
        at: 150,
        title: 'AWS_VPC_K8S_CNI_EXTERNALSNAT=true',
        narration: 'At 120 s AWS_VPC_K8S_CNI_EXTERNALSNAT=true: aws-node removes its SNAT rule and the connmark, for a NAT gateway to translate instead. Now rule 1536 "from 192.168.21.94 lookup 2" sends the packet out of ens6 with the pod\'s own address, and in a public subnet the internet gateway drops it: 192.168.21.94 has no public IP.',
        view: { pw: `${OUT}|15`, sel: `node:${NODE}`, term: 'iptables -t nat -S' },
      },
    ],
  },
  claims: [
    [
      { says: 'marks the connection 0x80', measure: { kind: 'hop', walk: OUT, hop: 8, note: 'packet mark now 0x80; connection mark 0x80' }, equals: 1 },
      { says: 'rule 1024 "from all fwmark 0x80/0x80 lookup main"', measure: { kind: 'hop', walk: OUT, hop: 9, entry: '1024:\tfrom all fwmark 0x80/0x80 lookup main' }, equals: 1 },
      { says: 'the pod\'s rule 1536', measure: { kind: 'line', node: 'ng-1/0', view: 'ip rule', line: '1536:\tfrom 192.168.21.94 lookup 2' }, equals: 1 },
      { says: 'leaves by ens5', measure: { kind: 'hop', walk: OUT, hop: 10, entry: 'default via 192.168.0.1 dev ens5 proto dhcp src 192.168.19.39 metric 512' }, equals: 1 },
    ],
    [
      { says: '-j SNAT --to-source 192.168.19.39 --random-fully', measure: { kind: 'hop', walk: OUT, hop: 13, entry: SNAT }, equals: 1 },
      { says: 'maps 192.168.19.39 to 198.51.100.10', measure: { kind: 'hop', walk: OUT, hop: 16, note: 'maps 192.168.19.39 to its public IP 198.51.100.10' }, equals: 1 },
    ],
    [
      { says: 'comes back to ens5', measure: { kind: 'hop', walk: OUT, hop: 21, note: 'arrives on ens5' }, equals: 1 },
      { says: 'conntrack remembers the connection and reverses the SNAT', measure: { kind: 'hop', walk: OUT, hop: 23, note: 'conntrack reverses the connection\'s NAT' }, equals: 1 },
      { says: 'rule 512 "from all to 192.168.21.94 lookup main"', measure: { kind: 'hop', walk: OUT, hop: 24, entry: '512:\tfrom all to 192.168.21.94 lookup main' }, equals: 1 },
    ],
    [
      { says: 'removes its SNAT rule', measure: { kind: 'line', node: 'ng-1/0', view: 'iptables -t nat -S', line: SNAT }, equals: 0 },
      { says: 'and the connmark', measure: { kind: 'hop', walk: OUT, hop: 8, entry: '1536:\tfrom 192.168.21.94 lookup 2' }, equals: 1 },
      { says: 'out of ens6', measure: { kind: 'hop', walk: OUT, hop: 9, entry: 'default via 192.168.0.1 dev ens6' }, equals: 1 },
      { says: '192.168.21.94 has no public IP', measure: { kind: 'hop', walk: OUT, hop: 15, note: '192.168.21.94 has none' }, equals: 1 },
    ],
  ],
};
