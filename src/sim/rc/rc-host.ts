/** What the VPC resource controller can see and call: the clock, EC2, the cluster, the log. */
import type { EngineText } from '../engine-text.ts';
import type { EventQueue } from '../clock/event-queue.ts';
import type { Random } from '../clock/random.ts';
import type { Ec2Api, Ec2Caller } from '../aws/ec2-api.ts';
import type { Ec2State } from '../aws/ec2-state.ts';
import type { ChangeSink } from '../changes.ts';
import type { Cluster } from '../k8s/cluster.ts';

export interface RcHost {
  queue: EventQueue;
  random: Random;
  ec2: Ec2Api;
  state: Ec2State;
  cluster: Cluster;
  accountId: string;
  region: string;
  clusterName: string;
  /** The controller's EC2 identity for calls concerning one node. */
  caller(node: string): Ec2Caller;
  /** Records a decision in plain words; touches names the ENIs / pods / node involved. */
  /** `text`: the same sentence as a message id and values (engine-text.ts). */
  say(node: string, message: string, touches: string[] | undefined, text: EngineText): void;
  /** Where the controller reports the node and pod views it changes (branch ENIs, annotations). */
  changes: ChangeSink;
  /** Records a Kubernetes event. */
  event(e: { type: 'Normal' | 'Warning'; reason: string; object: string; message: string; node?: string; touches: string[] }): void;
}
