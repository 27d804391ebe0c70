/**
 * Instance-type existence and "did you mean" for scenario validation, over the engine's
 * catalogue. The lookup is a parameter so the catalogue stays the single source of names.
 */
import { getInstanceType } from '../sim/catalog/index.ts';
import { editDistance } from './did-you-mean.ts';

/** Finds an instance type by its API name (m5.large); undefined when there is none. */
export type InstanceTypeLookup = (name: string) => object | undefined;

/** The engine catalogue's lookup (src/sim/catalog). */
export const catalogInstanceTypes: InstanceTypeLookup = (name) => getInstanceType(name);

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789.-';
const SIZES = [
  'nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge', '3xlarge', '4xlarge', '6xlarge', '8xlarge',
  '9xlarge', '10xlarge', '12xlarge', '16xlarge', '18xlarge', '24xlarge', '32xlarge', '48xlarge', 'metal',
];

/**
 * Existing instance types close to a misspelt name: every name one edit away (a letter
 * added, dropped, changed or two swapped), and the same family in other sizes.
 * Works from the lookup alone, so it needs no list of all types.
 */
export function suggestInstanceTypes(name: string, lookup: InstanceTypeLookup, limit = 3): string[] {
  const word = name.trim().toLowerCase();
  if (word.length === 0 || word.length > 40) return [];
  const candidates = new Set<string>([word]);
  for (let i = 0; i <= word.length; i++) {
    for (const c of ALPHABET) {
      candidates.add(word.slice(0, i) + c + word.slice(i));
      if (i < word.length) candidates.add(word.slice(0, i) + c + word.slice(i + 1));
    }
    if (i < word.length) candidates.add(word.slice(0, i) + word.slice(i + 1));
    if (i + 1 < word.length) candidates.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  const dot = word.indexOf('.');
  const family = dot >= 0 ? word.slice(0, dot) : word;
  for (const size of SIZES) candidates.add(`${family}.${size}`);
  const found = [...candidates].filter((c) => c !== name && lookup(c) !== undefined);
  const ranked = found.toSorted((a, b) => editDistance(word, a) - editDistance(word, b) || (a < b ? -1 : a > b ? 1 : 0));
  return ranked.slice(0, limit);
}
