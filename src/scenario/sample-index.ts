/**
 * The fixture scenarios by name, for the UI's scenario picker, the CLI and the tests.
 * Each is a v1 document (the sandbox a v2 one); run it through parseScenario before giving it to the engine.
 */
import customNetworking from './fixtures/custom-networking.json';
import defaultM5Large from './fixtures/default-m5-large.json';
import prefixDelegation from './fixtures/prefix-delegation.json';
import privateSubnetsNatGateway from './fixtures/private-subnets-nat-gateway.json';
import sandbox from './fixtures/sandbox.json';
import securityGroupsForPods from './fixtures/security-groups-for-pods.json';
import subnetExhaustion from './fixtures/subnet-exhaustion.json';
import t3MediumMaxPods from './fixtures/t3-medium-max-pods.json';
import threeAz from './fixtures/three-az.json';
import warmIpTarget from './fixtures/warm-ip-target.json';
import nlbIpTargets from './fixtures/nlb-ip-targets.json';
import albIngress from './fixtures/alb-ingress.json';
import type { ScenarioJson } from './scenario-json.ts';

/** Fixture scenarios keyed by file name (without .json), in the order a course would use them. */
export const SAMPLE_SCENARIOS = {
  'default-m5-large': defaultM5Large as ScenarioJson,
  't3-medium-max-pods': t3MediumMaxPods as ScenarioJson,
  'warm-ip-target': warmIpTarget as ScenarioJson,
  'prefix-delegation': prefixDelegation as ScenarioJson,
  'custom-networking': customNetworking as ScenarioJson,
  'subnet-exhaustion': subnetExhaustion as ScenarioJson,
  'three-az': threeAz as ScenarioJson,
  'security-groups-for-pods': securityGroupsForPods as ScenarioJson,
  'nlb-ip-targets': nlbIpTargets as ScenarioJson,
  'alb-ingress': albIngress as ScenarioJson,
  'private-subnets-nat-gateway': privateSubnetsNatGateway as ScenarioJson,
  /** Blank: nothing scripted, the learner makes every change. */
  sandbox: sandbox as ScenarioJson,
} as const satisfies Record<string, ScenarioJson>;

/** A fixture's name. */
export type SampleName = keyof typeof SAMPLE_SCENARIOS;

/** Fixture names in course order. */
export const SAMPLE_NAMES = Object.keys(SAMPLE_SCENARIOS) as SampleName[];
