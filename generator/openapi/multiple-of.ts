/**
 * `multipleOf` as the decimal numbers a spec and a payload write: 0.3 is a multiple of 0.1, though
 * `0.3 / 0.1` is 2.9999999999999996 in binary floating point and ajv's own test (`x / m === parseInt(x / m)`)
 * refuses it. Both numbers are scaled to integers by the larger count of decimal places they are written
 * with; where that leaves the safe integers the quotient is tested instead. A value that is not finite is
 * no multiple (1e308 / 0.123456789 overflows). The generated validators' runtime has the same function
 * (templates/validators/runtime.ts), and a test holds the two to the same answers.
 */

/** Decimal places of a finite number as JavaScript writes it: `0.0075` 4, `1e-10` 10, `1.5e-7` 8. */
function decimals(n: number): number {
  const s = String(n);
  const e = s.indexOf("e");
  const mantissa = e < 0 ? s : s.slice(0, e);
  const dot = mantissa.indexOf(".");
  return Math.max(0, (dot < 0 ? 0 : mantissa.length - dot - 1) - (e < 0 ? 0 : Number(s.slice(e + 1))));
}

export function isMultipleOf(value: number, step: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (Number.isInteger(step) && step !== 0) return value % step === 0;
  const scale = 10 ** Math.max(decimals(value), decimals(step));
  const a = Math.round(value * scale);
  const b = Math.round(step * scale);
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b) && b !== 0) return a % b === 0;
  const q = value / step;
  return Number.isFinite(q) && q === Math.trunc(q);
}
