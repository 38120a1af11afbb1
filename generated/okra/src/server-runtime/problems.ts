/** RFC 9457 problems (`application/problem+json`) and the errors that become one (a body reader's, the mock's). */
import type { ProblemDetails, RawReply } from "./types.js";

export class BodyError extends Error {
  constructor(readonly status: 400 | 413, detail: string) {
    super(detail);
  }
}

/**
 * A body the runtime parses (JSON, text, a form) sent in a content coding (`Content-Encoding: gzip`), which it
 * does not decode: a 415 with `Accept-Encoding` saying what it takes (RFC 9110 §12.5.3), not the compressed
 * bytes read as JSON or text (a 400 "not valid UTF-8", or a `br` body that happens to be text passed on as
 * it is). Bytes a handler takes as they are (`application/octet-stream`: an upload the spec says is gzip) pass.
 */
export function codingRefused(coding: string | undefined): RawReply | undefined {
  if (coding === undefined || coding === "" || /^\s*identity\s*$/i.test(coding)) return undefined;
  return problem(415, `The body is sent in the content coding ${coding}: send it uncompressed.`, [{ pointer: "/header/content-encoding", detail: `${coding} is not accepted` }], { "accept-encoding": "identity" });
}

/** A problem the runtime's own handlers (the mock) answer as is, status and detail, when asked what they cannot give. */
export class ProblemReply extends Error {
  constructor(readonly status: number, detail: string) {
    super(detail);
  }
}

export const PROBLEM = "application/problem+json";
export const TITLES: Record<number, string> = {
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable", 408: "Request Timeout",
  409: "Conflict", 410: "Gone", 412: "Precondition Failed", 413: "Content Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Content",
  429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
};

export function problem(status: number, detail?: string, errors?: ProblemDetails["errors"], headers?: Record<string, string>): RawReply {
  const body: ProblemDetails = { type: "about:blank", title: TITLES[status] ?? "Error", status };
  if (detail !== undefined) body.detail = detail;
  if (errors) body.errors = errors;
  return { status, headers: { ...headers, "content-type": PROBLEM }, body: JSON.stringify(body) };
}
