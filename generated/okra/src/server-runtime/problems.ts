/** RFC 9457 problems (`application/problem+json`) and the errors that become one (a body reader's, the mock's). */
import type { ProblemDetails, RawReply } from "./types.js";

export class BodyError extends Error {
  constructor(readonly status: 400 | 413, detail: string) {
    super(detail);
  }
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
