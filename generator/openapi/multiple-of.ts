/**
 * `multipleOf` as the decimal numbers a spec and a payload write: 0.3 is a multiple of 0.1, though
 * `0.3 / 0.1` is 2.9999999999999996 in binary floating point and ajv's own test (`x / m === parseInt(x / m)`)
 * refuses it. Both numbers are scaled to integers by the larger count of decimal places they are written
 * with; where that leaves the safe integers, the written decimals are compared exactly (BigInt). A value
 * that is not finite is no multiple. The generated validators' runtime has the same function
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
  if (!Number.isFinite(value) || !Number.isFinite(step) || step === 0) return false;
  if (Number.isInteger(step) && Number.isSafeInteger(value)) return value % step === 0;
  const scale = 10 ** Math.max(decimals(value), decimals(step));
  const a = Math.round(value * scale);
  const b = Math.round(step * scale);
  // Scaling is off by up to |a| * 2^-52, so rounding finds the written integer only well below 2^53.
  if (Math.abs(a) < 2 ** 50 && Math.abs(b) < 2 ** 50 && b !== 0) return a % b === 0;
  // Beyond, exactly: the quotient is no test there, as every float above 2^53 is a whole number
  // (72304557 / 5.77e-9 is 1.25e16, so it passed; so did 1e21 for 0.3, and 1 for 1e-320 failed as Infinity).
  const [m, p] = asDecimal(value);
  const [n, q] = asDecimal(step);
  const e = Math.min(p, q);
  return (m * BigInt(10) ** BigInt(p - e)) % (n * BigInt(10) ** BigInt(q - e)) === BigInt(0);
}

/** A finite number as JavaScript writes it, as digits times a power of ten: `1.5e-7` is 15 and -8. */
function asDecimal(x: number): [bigint, number] {
  const s = String(x);
  const e = s.indexOf("e");
  const mantissa = e < 0 ? s : s.slice(0, e);
  const dot = mantissa.indexOf(".");
  const places = dot < 0 ? 0 : mantissa.length - dot - 1;
  return [BigInt(dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1)), (e < 0 ? 0 : Number(s.slice(e + 1))) - places];
}
