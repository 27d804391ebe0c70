/**
 * Lookups over the generated catalogue. The packed text is decoded once, on first use, so
 * importing the catalogue costs nothing until a type is actually needed.
 */
import type { InstanceTypeInfo } from './instance-type.ts';
import { PACKED_INSTANCE_TYPES } from './instance-types.data.ts';
import { decodeInstanceType } from './packed-format.ts';

let all: readonly InstanceTypeInfo[] | undefined;
let byName: ReadonlyMap<string, InstanceTypeInfo> | undefined;

function load(): { all: readonly InstanceTypeInfo[]; byName: ReadonlyMap<string, InstanceTypeInfo> } {
  if (!all || !byName) {
    // Frozen so a caller cannot alter the shared rows and change every later answer.
    all = Object.freeze(
      PACKED_INSTANCE_TYPES.split('\n').map((line) => {
        const t = decodeInstanceType(line);
        Object.freeze(t.networkCards);
        t.networkCards.forEach((c) => Object.freeze(c));
        return Object.freeze(t);
      }),
    );
    byName = new Map(all.map((t) => [t.name, t]));
  }
  return { all, byName };
}

/** The type's row, or undefined when the catalogue does not know it. Names are exact (`m5.large`). */
export function getInstanceType(name: string): InstanceTypeInfo | undefined {
  return load().byName.get(name);
}

/**
 * Every type, in catalogue order: family in natural order, then size from smallest to
 * largest (see size-order.ts), which is how a person scans a picker.
 */
export function allInstanceTypes(): readonly InstanceTypeInfo[] {
  return load().all;
}
