/**
 * A mock example that contradicts its schema, sent as it is (`invalidExamples: "send"`): its violations in
 * Prism's `sl-violations` header, so tools reading Prism's header read ours.
 */
import type { ValidationIssue } from "./types.js";

/** Violations carried in the header: a larger list would outgrow the header limits of clients (16 KiB in Node). */
const MAX_IN_HEADER = 20;
/** Violations named in the one line given to `onError`. */
const MAX_IN_LINE = 5;
const MAX_MESSAGE = 200;

/**
 * The `sl-violations` header: `[{ "location": ["response", "body", "id"], "severity": "Error", "code":
 * "type", "message": "must be integer" }]`, JSON with every character past ASCII escaped (`\u00e9`), so a
 * message in any language is a valid header value.
 */
export function violationsHeader(issues: readonly ValidationIssue[]): string {
  const listed = issues.slice(0, MAX_IN_HEADER).map((e) => ({
    location: ["response", "body", ...segments(e.path)],
    severity: "Error",
    code: e.keyword,
    message: e.message.length > MAX_MESSAGE ? `${e.message.slice(0, MAX_MESSAGE)}...` : e.message,
  }));
  return JSON.stringify(listed).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The violations in words, on one line: `/id must be integer; /name must be string (and 3 more)`. */
export function violationsLine(issues: readonly ValidationIssue[]): string {
  const shown = issues.slice(0, MAX_IN_LINE).map((e) => `${e.path || "(root)"} ${e.message}`).join("; ");
  return issues.length > MAX_IN_LINE ? `${shown} (and ${issues.length - MAX_IN_LINE} more)` : shown;
}

/** A JSON pointer's segments, unescaped (`/a~1b/0` is `a/b`, `0`). */
function segments(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
