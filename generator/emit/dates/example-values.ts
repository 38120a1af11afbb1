/**
 * `types: { dates: "Date" }` in the README's example calls: a JSON example with the date-times its plan
 * marks as `new Date("...")` code (for `literalWithCode`), so a call copied from the README type-checks.
 * The places are those `revive` in templates/dates/runtime.ts turns into Dates: same plan, same test.
 */
import { code, Code } from "../../codegen/code.js";
import type { DatePlan } from "./plan.js";
import { own, setOwn } from "../../openapi/own.js";

/** RFC 3339 `date-time`, as the runtime's `toDate` tests it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
/** As the runtime's: a plan through `$ref`s could cycle without consuming the value. */
const MAX_DEPTH = 512;

function isDateTime(text: string): boolean {
  return DATE_TIME.test(text) && !Number.isNaN(new Date(text.toUpperCase().replace(" ", "T")).getTime());
}

/**
 * A copy of `value` (the spec's own data is not changed) with each date-time the plan marks as code. A
 * string that is not a date-time (a `oneOf` of a date-time or a word) or that a `Date` cannot hold (a leap
 * second) stays a string, as at run time.
 */
export function withDates(value: unknown, plan: DatePlan | undefined, shared: Readonly<Record<string, DatePlan>>, depth = 0): unknown {
  if (plan === undefined || depth > MAX_DEPTH) return value;
  if (plan === "date") return typeof value === "string" && isDateTime(value) ? code`new Date(${value})` : value;
  if ("ref" in plan) return withDates(value, own(shared, plan.ref), shared, depth + 1);
  if (plan.all) for (const p of plan.all) value = withDates(value, p, shared, depth + 1);
  if (value === null || typeof value !== "object" || value instanceof Code) return value;
  if (Array.isArray(value)) {
    const fixed = plan.tuple?.length ?? 0;
    return value.map((v, i) => withDates(v, (i < fixed ? plan.tuple![i] : plan.items) ?? undefined, shared, depth + 1));
  }
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) {
    setOwn(out, k, withDates(o[k], own(plan.props, k) ?? plan.rest, shared, depth + 1));
  }
  return out;
}
