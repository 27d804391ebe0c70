/**
 * Scenarios the picker offers. Until src/scenario's fixture index lands this holds one
 * built-in starter; every entry is scenario-format JSON, validated by parseScenario.
 */
import { parseScenario } from '../../scenario/parse-scenario.ts';
import type { ScenarioSpec } from '../../sim/spec.ts';

export interface Sample { id: string; title: string; json: unknown }

const starter = {
  v: 1,
  name: 'starter',
  description: 'Two t3.medium nodes, default aws-node settings, a small web deployment.',
  vpc: { cidrs: ['10.0.0.0/16'] },
  subnets: [
    { id: 'subnet-0a1a2b3c', availabilityZone: 'us-west-2a', cidr: '10.0.0.0/24' },
    { id: 'subnet-0b1b2c3d', availabilityZone: 'us-west-2b', cidr: '10.0.1.0/24' },
  ],
  nodeGroups: [
    { name: 'ng-a', instanceType: 't3.medium', count: 1, subnet: 'subnet-0a1a2b3c' },
    { name: 'ng-b', instanceType: 't3.medium', count: 1, subnet: 'subnet-0b1b2c3d' },
  ],
  deployments: [{ name: 'web', replicas: 6 }],
};

export const SAMPLES: readonly Sample[] = [{ id: 'starter', title: 'Starter: two t3.medium nodes', json: starter }];

export function sampleSpec(id: string): ScenarioSpec | undefined {
  const s = SAMPLES.find((x) => x.id === id);
  if (!s) return undefined;
  const r = parseScenario(s.json);
  return r.ok ? r.spec : undefined;
}
