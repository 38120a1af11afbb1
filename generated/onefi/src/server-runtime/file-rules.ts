/**
 * A multipart file part checked against what its schema and encoding say of it (`FileRule`, data made at
 * generation): its size in bytes and its part's media type. A part sent without a `Content-Type` is
 * `text/plain` (RFC 7578 §4.4; Node's parser reports it so, and a text part sent for a file arrives with
 * none); a browser labels a file it cannot type `application/octet-stream`. Either passes only where its
 * type, or a range holding it (`text/*`, `*\/*`), is allowed.
 */
import { bareMediaType, mediaTypeMatches } from "./body.js";
import type { FileRule, ProblemDetails } from "./types.js";

type Issues = NonNullable<ProblemDetails["errors"]>;
const UNTYPED_PART = "text/plain";
const bytes = (n: number) => `${n} byte${n === 1 ? "" : "s"}`;

/** The issues of one file at `pointer` (`/body/avatar`, `/body/photos/1`), pushed to `issues`. */
export function checkFile(file: Blob, rule: FileRule, issues: Issues, pointer: string): void {
  if (rule.maxBytes !== undefined && file.size > rule.maxBytes) {
    issues.push({ pointer, detail: `must be at most ${bytes(rule.maxBytes)} (is ${bytes(file.size)})`, keyword: "maxLength" });
  }
  if (rule.minBytes !== undefined && file.size < rule.minBytes) {
    issues.push({ pointer, detail: `must be at least ${bytes(rule.minBytes)} (is ${bytes(file.size)})`, keyword: "minLength" });
  }
  if (rule.types) {
    const type = bareMediaType(file.type) || UNTYPED_PART;
    if (!rule.types.some((want) => mediaTypeMatches(want, type))) {
      // the client's text, bounded: it is echoed back
      issues.push({ pointer, detail: `must be ${rule.types.join(" or ")} (the part's Content-Type is ${type.slice(0, 100)})` });
    }
  }
}
