/**
 * The Go standard-library parsers aws-node uses for its env vars, so odd values behave
 * exactly as on a real node: strconv.Atoi ("+5" and "007" are fine, " 5" and "5.0" are not)
 * and strconv.ParseBool (1/t/T/TRUE/true/True and their false forms, nothing else).
 */

/** strconv.Atoi on a 64-bit platform; undefined where Go returns an error. */
export function goAtoi(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const n = Number(text);
  // Beyond int64 Go reports a range error; beyond 2^53 we cannot represent it anyway.
  if (!Number.isSafeInteger(n)) return undefined;
  return n === 0 ? 0 : n;
}

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** strconv.ParseBool; undefined where Go returns an error. */
export function goParseBool(text: string): boolean | undefined {
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return undefined;
}
