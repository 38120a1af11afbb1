/**
 * The deprecation policy, as oasdiff applies it: something marked `deprecated: true` with an `x-sunset`
 * date (an ISO date, `YYYY-MM-DD`, or an RFC 3339 date-time, read as its UTC day) may be removed once that
 * day has come; removing it sooner, or removing what was never deprecated, breaks clients that were not
 * warned. With a notice period (`--deprecation-days`), a new deprecation must also give clients that long.
 *
 * The day comes from an injected clock, so a comparison is reproducible (tests, and replays of old runs).
 */
import { isObject } from "../openapi/kinds.js";
import { specText } from "../diagnostics/printable.js";

export interface DeprecationPolicy {
  /** Today, for sunset dates: `() => new Date()` in the CLI. */
  now: () => Date;
  /** A new deprecation must set `x-sunset` at least this many days after today. */
  deprecationDays?: number;
}

export interface Deprecation {
  deprecated: boolean;
  /** `x-sunset` as written (for messages). */
  written?: string;
  /** Its UTC day, `YYYY-MM-DD`; undefined when there is none or it is not a date. */
  day?: string;
}

/** `deprecated` and `x-sunset` of an operation, parameter or schema. */
export function deprecationOf(value: unknown): Deprecation {
  if (!isObject(value)) return { deprecated: false };
  const raw = value["x-sunset"];
  const deprecated = value.deprecated === true;
  if (raw === undefined) return { deprecated };
  return { deprecated, written: writtenOf(raw), day: dayOf(raw) };
}

/** `x-sunset` as text for messages: a mapping or list as its JSON (String() of `{ toString: 1 }` throws). */
function writtenOf(raw: unknown): string {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? "Invalid Date" : raw.toISOString();
  return specText(raw);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?$/;

function dayOf(raw: unknown): string | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw.toISOString().slice(0, 10);
  if (typeof raw !== "string") return undefined;
  const m = DATE.exec(raw.trim());
  if (!m) return undefined;
  const parsed = new Date(m[0]!.length === 10 ? `${m[0]}T00:00:00Z` : raw.trim());
  if (Number.isNaN(parsed.getTime())) return undefined;
  // A date-only sunset names its own day; `2026-02-30` is not a day at all.
  if (m[0]!.length === 10) return parsed.toISOString().slice(0, 10) === m[0] ? m[0] : undefined;
  return parsed.toISOString().slice(0, 10);
}

/** Where a deprecation's sunset is written (or its `deprecated`, when it has none): where a notice problem is shown. */
export function sunsetPointer(value: Record<string, unknown>, pointer: string): string {
  return value["x-sunset"] !== undefined ? `${pointer}/x-sunset` : value.deprecated === true ? `${pointer}/deprecated` : pointer;
}

export function today(policy: DeprecationPolicy): string {
  return policy.now().toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** How a removal stands with the policy: allowed (sunset reached), or why it is not, in words for the message. */
export function removalVerdict(d: Deprecation, policy: DeprecationPolicy | undefined): { allowed: true; why: string } | { allowed: false; why: string } {
  if (!d.deprecated) return { allowed: false, why: "it was not deprecated: deprecate it first, with an x-sunset date" };
  if (d.written === undefined) return { allowed: false, why: "it was deprecated, but without an x-sunset date to remove it after" };
  if (d.day === undefined) return { allowed: false, why: `it was deprecated, but x-sunset '${d.written}' is not a date (write YYYY-MM-DD)` };
  if (!policy) return { allowed: false, why: `it was deprecated, sunset ${d.day}` };
  const now = today(policy);
  if (d.day <= now) return { allowed: true, why: `its x-sunset ${d.day} has come (it was deprecated with notice)` };
  return { allowed: false, why: `it was deprecated, but removed before its sunset ${d.day}` };
}

/**
 * Whether a deprecation gives clients the notice `deprecationDays` asks: checked when something becomes
 * deprecated, or when an already deprecated one's sunset moves. Returns the problem in words, or undefined.
 */
export function noticeProblem(base: Deprecation, head: Deprecation, policy: DeprecationPolicy | undefined): string | undefined {
  if (!policy || policy.deprecationDays === undefined || !head.deprecated) return undefined;
  const moved = base.deprecated && base.written !== head.written;
  if (base.deprecated && !moved) return undefined;
  const days = policy.deprecationDays;
  const earliest = addDays(today(policy), days);
  const what = moved ? `x-sunset moved from ${base.written === undefined ? "(none)" : `'${base.written}'`} to` : "deprecated with x-sunset";
  if (head.written === undefined) return `${moved ? "x-sunset removed" : "deprecated without an x-sunset date"} (--deprecation-days ${days} asks for one on or after ${earliest})`;
  if (head.day === undefined) return `${what} '${head.written}', which is not a date (write YYYY-MM-DD, on or after ${earliest})`;
  if (head.day < earliest) return `${what} ${head.day}, sooner than --deprecation-days ${days} allows (on or after ${earliest})`;
  return undefined;
}

