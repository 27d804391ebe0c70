/**
 * strconv.FormatFloat(f, 'g', -1, 64), which the Prometheus text encoder (expfmt writeFloat)
 * uses for sample values: shortest round-trip digits, in exponent form when the decimal
 * exponent is < -4 or >= 6 (so 1234567 prints as 1.234567e+06, unlike JavaScript).
 */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, expStr] = f.toExponential().split('e');
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mant}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(f);
}
