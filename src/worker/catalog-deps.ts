/** Instance-type facts for the UI's picker, straight from the engine's catalogue. */
import { eniMaxPods, getInstanceType, searchInstanceTypes } from '../sim/catalog/index.ts';
import type { InstanceTypeInfo } from '../sim/catalog/index.ts';
import type { InstanceTypeSummary } from './protocol.ts';

export function summarizeInstanceType(t: InstanceTypeInfo): InstanceTypeSummary {
  return {
    name: t.name,
    enis: t.enis,
    ipv4PerEni: t.ipv4PerEni,
    maxPods: eniMaxPods(t),
    trunking: t.trunkingCompatible,
    hypervisor: t.hypervisor,
    vcpus: t.vcpus,
  };
}

export const catalogDeps = {
  searchInstanceTypes(query: string, limit: number): InstanceTypeSummary[] {
    return searchInstanceTypes(query, limit).flatMap((name) => {
      const t = getInstanceType(name);
      return t ? [summarizeInstanceType(t)] : [];
    });
  },
  describeInstanceType(name: string): InstanceTypeSummary | undefined {
    const t = getInstanceType(name);
    return t ? summarizeInstanceType(t) : undefined;
  },
};
