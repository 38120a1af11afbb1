/**
 * A callback's URL from its runtime expression (OpenAPI 3.1, Runtime Expressions): each `{$...}` in the
 * spec's key read from the request that declared the callback (a handler's input) and the reply to it.
 * Copied only into packages whose spec has callbacks.
 */

/** The request a callback's URL may read: a handler's input as it is (`path`, `query`, `headers`, `body`, `request`). */
export interface CallbackSource {
  path?: object;
  query?: object;
  headers?: object;
  body?: unknown;
  request?: { method: string; url: string; header(name: string): string | undefined };
}

/** The reply a callback's URL may read (`$response...`, `$statusCode`): a handler's `{ status, body, headers }`. */
export interface CallbackReply {
  status?: number;
  body?: unknown;
  headers?: object;
}

/**
 * Expands `{$request.body#/callbackUrl}`, `https://n.example/jobs?id={$response.body#/id}`, ... A value that
 * opens the URL is used as it is (it is the URL, or its start); one inside it is percent-encoded. A missing
 * value throws, naming the expression: a URL with `undefined` in it would be called. So does text the
 * grammar has no place for (`$request.body.url` is no `$request.body#/url`: it was read as the whole body).
 */
export function expandCallbackUrl(template: string, source: CallbackSource, reply?: CallbackReply): string {
  return template.replace(/\{(\$[^{}]*)\}/g, (_, expression: string, offset: number) => {
    const value = evaluate(expression, source, reply);
    if (value === MALFORMED) throw new Error(`callback URL '${template}': ${expression} is no runtime expression (OpenAPI's are $url, $method, $statusCode, $request.body#/json/pointer, $request.query.name, $request.path.name, $request.header.Name and the same of $response)`);
    if (value === undefined || value === null) throw new Error(`callback URL '${template}': ${expression} has no value (pass the request, and the reply for $response and $statusCode)`);
    const text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
    return offset === 0 ? text : encodeURIComponent(text);
  });
}

const MALFORMED = Symbol("malformed");

/** One expression's value, by the grammar: `header.`/`query.`/`path.` and a name, or `body` and an optional `#` JSON pointer. */
function evaluate(expression: string, source: CallbackSource, reply: CallbackReply | undefined): unknown {
  if (expression === "$method") return source.request?.method;
  if (expression === "$url") return fullUrl(source.request);
  if (expression === "$statusCode") return reply?.status;
  const m = /^\$(request|response)\.(?:(header|query|path)\.(.+)|body(?:#((?:\/(?:[^/~]|~[01])*)*))?)$/su.exec(expression);
  if (!m) return MALFORMED;
  const [, side, part, name, pointer] = m;
  if (part === undefined) return at(side === "response" ? reply?.body : source.body, pointer);
  if (side === "response") return part === "header" ? headerOf(reply?.headers, name!) : undefined;
  if (part === "header") return source.request?.header(name!) ?? headerOf(source.headers, name!);
  const values = part === "query" ? source.query : source.path;
  return values && Object.hasOwn(values, name!) ? (values as Record<string, unknown>)[name!] : undefined;
}

/**
 * `$url` is the whole URL (`https://api.example.org/subscribe?x=1`); a handler's `request.url` is the path and
 * query as received, so its origin comes from `Host` (and `X-Forwarded-Proto` where a proxy says `https`).
 */
function fullUrl(request: CallbackSource["request"]): string | undefined {
  if (!request) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(request.url)) return request.url;
  const host = request.header("host");
  if (!host) return undefined;
  const proto = request.header("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https" ? "https" : "http";
  return `${proto}://${host}${request.url}`;
}

/** A header by name in any case; a list (several header lines) as their one combined value (RFC 9110 §5.3). */
function headerOf(headers: object | undefined, name: string): unknown {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === lower) return Array.isArray(v) ? v.join(", ") : v;
  return undefined;
}

/** The value at a JSON pointer (`/a/0/b`); the whole body without one. */
function at(value: unknown, pointer: string | undefined): unknown {
  if (!pointer) return value;
  for (const raw of pointer.split("/").slice(1)) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
