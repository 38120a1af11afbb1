/**
 * A number for a schema's bounds and `multipleOf`, as near as it can be to a target (1 by default).
 * `k * step` in floating point is not always the decimal multiple the validators accept (`3 * 0.1` is
 * 0.30000000000000004), and rounding up to a multiple can step past a maximum: so multiples near the target
 * are tried, up then down, each kept only if the validators' own test (multiple-of.ts) and every bound
 * accept it.
 */
import type { JsonObject } from "./kinds.js";
import { isMultipleOf } from "./multiple-of.js";

/** How many multiples each side of the target are tried before giving up on `multipleOf`. */
const MULTIPLES_TRIED = 64;

export function sampleNumber(s: JsonObject, integer: boolean, target = 1): number {
  const num = (k: string) => (typeof s[k] === "number" && Number.isFinite(s[k]) ? (s[k] as number) : undefined);
  const min = num("minimum"), xmin = num("exclusiveMinimum"), max = num("maximum"), xmax = num("exclusiveMaximum");
  const within = (n: number) =>
    Number.isFinite(n) && (!integer || Number.isInteger(n)) &&
    !((min !== undefined && n < min) || (xmin !== undefined && n <= xmin) || (max !== undefined && n > max) || (xmax !== undefined && n >= xmax));
  let n = target;
  if (min !== undefined && n < min) n = min;
  if (xmin !== undefined && n <= xmin) n = integer ? Math.floor(xmin) + 1 : xmin + 1;
  if (max !== undefined && n > max) n = max;
  if (xmax !== undefined && n >= xmax) n = integer ? Math.ceil(xmax) - 1 : xmax - 1;
  // an exclusive bound less than 1 apart from the other: halfway between them
  if (!integer && !within(n) && xmin !== undefined && (xmax ?? max) !== undefined) n = (xmin + (xmax ?? max)!) / 2;
  if (integer) n = Math.trunc(n);
  const step = num("multipleOf");
  if (!step || step <= 0) return n;
  const fits = (x: number) => within(x) && isMultipleOf(x, step);
  if (fits(n)) return n;
  // Far from 0 a float has too few digits for a fine step's multiples (72304557 for 5.77e-9): multiples of
  // step times 10, 100, ... are multiples too, and written with fewer decimals.
  for (let j = 0; j <= 24; j++) {
    const coarse = j === 0 ? step : Number(`${step}e${j}`.replace(/e(-?\d+)e(-?\d+)$/, (_, a: string, b: string) => `e${Number(a) + Number(b)}`));
    if (!Number.isFinite(coarse) || (j > 0 && !isMultipleOf(coarse, step))) break;
    const found = nearMultiple(n, coarse, fits);
    if (found !== undefined) return found;
    if (coarse > Math.abs(n) * 2 ** -40) break;
  }
  return n;
}

/** A multiple of `step` near `n` that `fits`, trying MULTIPLES_TRIED each side. */
function nearMultiple(n: number, step: number, fits: (x: number) => boolean): number | undefined {
  const base = Math.ceil(n / step);
  for (let i = 0; i < MULTIPLES_TRIED; i++) {
    for (const k of [base + i, base - 1 - i]) {
      const exact = k * step;
      // the product's float noise (3 * 0.1 = 0.30000000000000004) rounded off, then the product itself
      for (const x of [Number(exact.toPrecision(12)), exact]) if (fits(x)) return x === 0 ? 0 : x;
    }
  }
  return undefined;
}
