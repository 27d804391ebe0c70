/**
 * Oracle test: our packed table against the shared reference table (upstream's published
 * figures), row by row, whenever ../shared/reference/instance-limits.json is present.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allInstanceTypes, eniMaxPods, getInstanceType } from './index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const referencePath = resolve(repoRoot, '../shared/reference/instance-limits.json');
const haveReference = existsSync(referencePath);

interface ReferenceRow {
  enis: number;
  ipv4PerEni: number;
  hypervisor: string;
  bareMetal: boolean;
  networkCards: { index: number; maxEnis: number }[];
  defaultNetworkCardIndex: number;
  trunkingCompatible: boolean;
  branchInterfaces: number;
  maxPods?: number;
}

function loadReference(): Map<string, ReferenceRow> {
  const json = JSON.parse(readFileSync(referencePath, 'utf8')) as Record<string, ReferenceRow>;
  return new Map(Object.entries(json).filter(([k]) => k !== '_source'));
}

describe.skipIf(!haveReference)(`catalogue vs ${referencePath}`, () => {
  const reference = haveReference ? loadReference() : new Map<string, ReferenceRow>();

  it('has exactly the reference types, no more, no fewer', () => {
    const ours = allInstanceTypes().map((t) => t.name);
    expect(new Set(ours).size).toBe(ours.length);
    expect(ours.filter((n) => !reference.has(n))).toEqual([]);
    expect([...reference.keys()].filter((n) => !getInstanceType(n))).toEqual([]);
    expect(ours.length).toBe(reference.size);
  });

  it('matches every reference row field by field', () => {
    const mismatches: string[] = [];
    for (const [name, r] of reference) {
      const t = getInstanceType(name);
      if (!t) continue; // reported by the previous test
      const ours = {
        enis: t.enis,
        ipv4PerEni: t.ipv4PerEni,
        hypervisor: t.hypervisor,
        bareMetal: t.bareMetal,
        networkCards: t.networkCards,
        defaultNetworkCardIndex: t.defaultNetworkCardIndex,
        trunkingCompatible: t.trunkingCompatible,
        branchInterfaces: t.branchInterfaces,
      };
      const theirs = {
        enis: r.enis,
        ipv4PerEni: r.ipv4PerEni,
        hypervisor: r.hypervisor,
        bareMetal: r.bareMetal,
        networkCards: r.networkCards,
        defaultNetworkCardIndex: r.defaultNetworkCardIndex,
        trunkingCompatible: r.trunkingCompatible,
        branchInterfaces: r.branchInterfaces,
      };
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) mismatches.push(`${name}: ours ${JSON.stringify(ours)} reference ${JSON.stringify(theirs)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('gives the eni-max-pods.txt value for every type the reference lists one for', () => {
    const listed = [...reference].filter(([, r]) => r.maxPods !== undefined);
    expect(listed.length).toBeGreaterThan(1000);
    const wrong = listed
      .filter(([name, r]) => eniMaxPods(getInstanceType(name)!) !== r.maxPods)
      .map(([name, r]) => `${name}: ours ${eniMaxPods(getInstanceType(name)!)} upstream ${r.maxPods}`);
    expect(wrong).toEqual([]);
  });
});

describe('vCPU figures', () => {
  it('are exactly those of vcpus.txt, and unknown for types it leaves out', () => {
    const listed = new Map<string, number>();
    for (const line of readFileSync(resolve(here, 'vcpus.txt'), 'utf8').split('\n')) {
      if (line.trim() === '' || line.startsWith('#')) continue;
      const [name, n] = line.trim().split(/\s+/);
      listed.set(name, Number(n));
    }
    const wrong = allInstanceTypes()
      .filter((t) => t.vcpus !== listed.get(t.name))
      .map((t) => `${t.name}: ${t.vcpus} vs ${listed.get(t.name)}`);
    expect(wrong).toEqual([]);
    expect(listed.size).toBeGreaterThan(1300);
  });

  it('match published EC2 figures for a few well-known types', () => {
    // From the EC2 instance-type pages: m5.large 2, m5.24xlarge 96, t3.medium 2, p4d.24xlarge 96, c4.8xlarge 36.
    expect(['m5.large', 'm5.24xlarge', 't3.medium', 'p4d.24xlarge', 'c4.8xlarge'].map((n) => getInstanceType(n)?.vcpus)).toEqual([2, 96, 2, 96, 36]);
    expect(getInstanceType('mac1.metal')?.vcpus).toBeUndefined();
    expect(getInstanceType('mac1.metal')).not.toHaveProperty('vcpus');
  });
});
