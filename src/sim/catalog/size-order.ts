/**
 * Catalogue order: family in natural order (c5 < c5a < c5d < c6a, u-6tb1 < u-12tb1), then size
 * from smallest to largest (nano … large, xlarge, 2xlarge … 224xlarge, metal-24xl, metal-48xl,
 * metal). A picker that lists m5.2xlarge between m5.24xlarge and m5.4xlarge (plain alphabetical)
 * makes people misread sizes, so we sort the way the EC2 console groups them.
 */

const NAMED_SIZES = ['nano', 'micro', 'small', 'medium', 'large'];

/** Rank of a size token: [group, number]; unknown tokens sort last. */
function sizeKey(size: string): [number, number] {
  const named = NAMED_SIZES.indexOf(size);
  if (named >= 0) return [0, named];
  if (size === 'xlarge') return [1, 1];
  const x = /^(\d+)xlarge$/.exec(size);
  if (x) return [1, Number(x[1])];
  const metal = /^metal-(\d+)xl$/.exec(size);
  if (metal) return [2, Number(metal[1])];
  if (size === 'metal') return [2, Number.MAX_SAFE_INTEGER];
  return [3, 0];
}

/** Compares text with runs of digits compared as numbers; locale-independent for determinism. */
function naturalCompare(a: string, b: string): number {
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const [x, y] = [ra[i], rb[i]];
    if (x === y) continue;
    const nx = /^\d/.test(x) && /^\d/.test(y);
    if (nx && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return ra.length - rb.length;
}

/** Sort comparator for instance-type names in catalogue order. */
export function compareInstanceTypeNames(a: string, b: string): number {
  const [fa, sa = ''] = splitName(a);
  const [fb, sb = ''] = splitName(b);
  const byFamily = naturalCompare(fa, fb);
  if (byFamily !== 0) return byFamily;
  const [ka, kb] = [sizeKey(sa), sizeKey(sb)];
  return ka[0] - kb[0] || ka[1] - kb[1] || (sa < sb ? -1 : sa > sb ? 1 : 0);
}

function splitName(name: string): [string, string | undefined] {
  const dot = name.indexOf('.');
  return dot < 0 ? [name, undefined] : [name.slice(0, dot), name.slice(dot + 1)];
}
