import { describe, expect, it } from 'vitest';
import { allInstanceTypes, closestInstanceTypes, compareInstanceTypeNames, searchInstanceTypes } from './index.ts';

describe('catalogue order', () => {
  it('lists a family smallest to largest, bare metal last', () => {
    const m5 = allInstanceTypes().filter((t) => t.name.startsWith('m5.')).map((t) => t.name);
    expect(m5).toEqual(['m5.large', 'm5.xlarge', 'm5.2xlarge', 'm5.4xlarge', 'm5.8xlarge', 'm5.12xlarge', 'm5.16xlarge', 'm5.24xlarge', 'm5.metal']);
  });

  it('orders families naturally and sized metal before plain metal', () => {
    expect(['c5a.large', 'c5.large', 'c10.large', 'c6a.large'].toSorted(compareInstanceTypeNames)).toEqual(['c5.large', 'c5a.large', 'c6a.large', 'c10.large']);
    expect(['c7i.metal-48xl', 't3.nano', 'c7i.metal-24xl', 'c7i.48xlarge'].toSorted(compareInstanceTypeNames)).toEqual(['c7i.48xlarge', 'c7i.metal-24xl', 'c7i.metal-48xl', 't3.nano']);
  });
});

describe('searchInstanceTypes', () => {
  it('puts prefix matches first, in catalogue order', () => {
    expect(searchInstanceTypes('t3.', 4)).toEqual(['t3.nano', 't3.micro', 't3.small', 't3.medium']);
    expect(searchInstanceTypes(' M5.L ')).toEqual(['m5.large']);
  });

  it('then substring matches', () => {
    const r = searchInstanceTypes('5.metal', 50);
    expect(r).toContain('m5.metal');
    expect(r.every((n) => n.includes('5.metal'))).toBe(true);
  });

  it('respects the limit and returns nothing for nonsense', () => {
    expect(searchInstanceTypes('', 5)).toHaveLength(5);
    expect(searchInstanceTypes('zzz')).toEqual([]);
  });
});

describe('closestInstanceTypes', () => {
  it('suggests the intended name for a typo', () => {
    expect(closestInstanceTypes('m5.larg')[0]).toBe('m5.large');
    expect(closestInstanceTypes('t3.medum')).toContain('t3.medium');
    expect(closestInstanceTypes('qqqqqqqqqq')).toEqual([]);
  });
});
