/** What ipamd on one node can see and call: the node, its instance type's limits, EC2. */
import type { EngineText } from '../engine-text.ts';
import type { EventQueue } from '../clock/event-queue.ts';
import type { Random } from '../clock/random.ts';
import type { Ec2Api, Ec2Caller } from '../aws/ec2-api.ts';
import type { Ec2State } from '../aws/ec2-state.ts';
import type { AmiFamily, EniConfigSpec } from '../spec.ts';

export interface IpamdNode {
  name: string;
  instanceId: string;
  instanceType: string;
  nodeIp: string;
  subnetId: string;
  availabilityZone: string;
  maxPods: number;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  securityGroups: readonly string[];
  /** The node group's AMI family: the OS names the ENIs ipamd talks about (ens6 or eth1); absent: AL2023. */
  amiFamily?: AmiFamily;
}

export interface InstanceLimits {
  /** ENIs on the default network card. */
  enis: number;
  ipv4PerEni: number;
  prefixDelegationSupported: boolean;
  trunkingCompatible: boolean;
}

export interface IpamdHost {
  queue: EventQueue;
  random: Random;
  ec2: Ec2Api;
  state: Ec2State;
  caller: Ec2Caller;
  node: IpamdNode;
  limits: InstanceLimits;
  eniConfigs: ReadonlyMap<string, EniConfigSpec>;
  /** Records a decision in plain words; touches names the ENIs / pods involved. */
  /** `text`: the same sentence as a message id and values (engine-text.ts), for the UI to translate. */
  say(message: string, touches: string[] | undefined, text: EngineText): void;
  /** Something the node's view shows changed (status, datastore, counters, warnings). */
  changed?(): void;
  /** aws-node's readiness changed (the node's Ready condition follows it). */
  readinessChanged(ready: boolean): void;
  /** The node carries node.kubernetes.io/unschedulable:NoSchedule (cordoned): isNodeNonSchedulable. */
  isNodeNonSchedulable?(): boolean;
  /** ipamd added a feature to the node's CNINode object (e.g. SecurityGroupsForPods). */
  cniNodeFeature?(feature: 'SecurityGroupsForPods'): void;
  accountId: string;
  region: string;
}
