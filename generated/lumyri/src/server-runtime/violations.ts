/**
 * A mock example that contradicts its schema, sent as it is (`invalidExamples: "send"`), or a request that
 * is not valid, answered anyway (`invalidRequests: "pass"`): their violations in Prism's `sl-violations`
 * header, so tools reading Prism's header read ours.
 */
import type { ProblemDetails, ValidationIssue } from "./types.js";

/** One violation as the header carries it: where (`["response", "body", "id"]`), the keyword, the message. */
export interface Violation {
  location: string[];
  code: string;
  message: string;
}

/** A response body's issues: `/id` at `["response", "body", "id"]`. */
export function responseViolations(issues: readonly ValidationIssue[]): Violation[] {
  return issues.map((e) => ({ location: ["response", "body", ...segments(e.path)], code: e.keyword, message: e.message }));
}

/** A request's issues, whose pointers name their part: `/query/limit` at `["request", "query", "limit"]`. */
export function requestViolations(issues: NonNullable<ProblemDetails["errors"]>): Violation[] {
  return issues.map((e) => ({ location: ["request", ...segments(e.pointer)], code: e.keyword ?? "request", message: e.detail }));
}

/** Violations carried in the header, and its length: clients refuse larger headers (Node's fetch all of them past 16 KiB). */
const MAX_IN_HEADER = 20;
const MAX_HEADER = 8192;
/** Violations named in the one line given to `onError`. */
const MAX_IN_LINE = 5;
/** A message's or a location segment's characters (a property name is spec text of any length). */
const MAX_TEXT = 200;

/**
 * The `sl-violations` header: `[{ "location": ["response", "body", "id"], "severity": "Error", "code":
 * "type", "message": "must be integer" }]`, JSON with every character past ASCII escaped (`\u00e9`), so a
 * message in any language is a valid header value; entries that would take it past MAX_HEADER are left out.
 */
export function violationsHeader(violations: readonly Violation[]): string {
  const entries: string[] = [];
  let size = 2;
  for (const v of violations.slice(0, MAX_IN_HEADER)) {
    const entry = asciiJson({ location: v.location.map(clip), severity: "Error", code: v.code, message: clip(v.message) });
    if (size + entry.length + 1 > MAX_HEADER) break;
    entries.push(entry);
    size += entry.length + 1;
  }
  return `[${entries.join(",")}]`;
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 3)}...` : text;
}

function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The violations in words, on one line: `/id must be integer; /name must be string (and 3 more)`. */
export function violationsLine(issues: readonly (readonly [pointer: string, message: string])[]): string {
  // a pointer holds spec and request text of any length: each part cut as in the header
  const shown = issues.slice(0, MAX_IN_LINE).map(([pointer, message]) => `${clip(pointer) || "(root)"} ${clip(message)}`).join("; ");
  return issues.length > MAX_IN_LINE ? `${shown} (and ${issues.length - MAX_IN_LINE} more)` : shown;
}

/** A JSON pointer's segments, unescaped (`/a~1b/0` is `a/b`, `0`). */
function segments(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
