/**
 * A lesson: a v2 scenario whose `steps` tell one story, and for each step the claims its
 * narration makes, as data a test checks against the engine at that step's moment
 * (claims.test.ts). Content only: nothing here runs the engine.
 */
import type { EniKind, PodPhase, PoolStatsView } from '../../sim/view.ts';
import type { ScenarioJson } from '../scenario-json.ts';

/** A node named as the timeline names it: `<node group>/<index>` (`ng-1/0`). */
export type NodeRef = string;

/** Something countable or checkable in the engine at a moment. */
export type Measure =
  /** Pods matching every given field (phase, namespace, deployment, node, host network, a part of their message). */
  | { kind: 'pods'; phase?: PodPhase; namespace?: string; deployment?: string; node?: NodeRef; hostNetwork?: boolean; messageIncludes?: string }
  /** ENIs attached to a node (of one kind). */
  | { kind: 'enis'; node: NodeRef; eniKind?: EniKind }
  /** Secondary IPs on a node's ENIs (one interface, or all). */
  | { kind: 'secondaryIps'; node: NodeRef; ifName?: string }
  /** /28 prefixes on a node's ENIs. */
  | { kind: 'prefixes'; node: NodeRef }
  /** A field of ipamd's pool on a node. */
  | { kind: 'pool'; node: NodeRef; field: keyof PoolStatsView }
  /** kubelet's max pods on a node. */
  | { kind: 'maxPods'; node: NodeRef }
  /** EC2 API calls (CloudTrail records) made in [fromS, toS), of one API or all; with `error`, only those that failed with that errorCode. */
  | { kind: 'ec2Calls'; fromS?: number; toS?: number; api?: string; error?: string }
  /** Free addresses in a subnet. */
  | { kind: 'subnetFree'; cidr: string }
  /** 1 when a node's (or a pod's) text view prints this exact line, else 0. */
  | { kind: 'line'; node: NodeRef; view: string; pod?: string; line: string }
  /**
   * 1 when hop `hop` (1-based, as on screen) of the packet walk `walk` (`from|to|proto|port`,
   * as a link's `pw` without the hop) has this entry (the rule or route that decided it) or a
   * note containing `note`, else 0.
   */
  | { kind: 'hop'; walk: string; hop: number; entry?: string; note?: string }
  /** The number of hops of a packet walk (`from|to|proto|port`). */
  | { kind: 'hops'; walk: string }
  /** 1 when a pod of the deployment in that phase has this exact message (FailedScheduling), else 0. */
  | { kind: 'podMessage'; deployment: string; phase: PodPhase; message: string };

/** One thing a step's narration says: the words as written (`says`), and what the engine must show. */
export interface Claim {
  /** Appears verbatim in the step's title or narration. */
  says: string;
  measure: Measure;
  equals: number;
}

export interface Lesson {
  /** Stable id (the scenario menu, the CLI, links to the library). */
  id: string;
  /** The letter of the story in the course (a, b, c, …). */
  letter: string;
  scenario: ScenarioJson;
  /** claims[i] are the claims of scenario.steps[i]. */
  claims: readonly (readonly Claim[])[];
}
