/** The mock: handlers answering with the spec's examples, and security hooks accepting any credential present. */
import { hasOwn, setOwn } from "./params.js";
import { negotiate, sendAs } from "./negotiate.js";
import { ProblemReply } from "./problems.js";
import type { AnyHandler, RequestInfo, SecurityHook, ServerSpec } from "./types.js";

type Examples = { readonly [name: string]: unknown };
/**
 * Per status: the examples by name (`""` for an unnamed one), data synthesized from the schema, values for its
 * required headers, all of its preferred media type; and the other media types the mock can send (an example,
 * or data made from a schema that is a string's where the body is text), each with its examples and data.
 */
export type MockResponses = readonly (readonly [status: string, examples: Examples, synthesized?: unknown, headers?: { readonly [name: string]: string }, others?: readonly MockMedia[]])[];
export type MockMedia = readonly [mediaType: string, examples: Examples, synthesized?: unknown];

/** `default` is the other statuses' answer (500), or, where no 2xx is documented, the success's (200, as Prism sends it). */
function numericStatus(key: string, successes: boolean): number {
  if (/^\d{3}$/.test(key)) return Number(key);
  if (/^[1-5]XX$/.test(key)) return Number(key[0]) * 100;
  return successes ? 500 : 200;
}

/**
 * One preference or parameter of a `Prefer` header: its name, and its value, a token or a quoted string
 * (RFC 7240 §2), so `example="a,b"` names the example `a,b` where `example=a,b` names `a`.
 */
const PREFERENCE = /([^=,;]*)(?:=\s*("(?:[^"\\]|\\.)*"|[^,;]*))?[^,;]*[,;]?/g;

/**
 * `Prefer: code=404, example=notFound` (RFC 7240 preferences, as Prism reads them), or the query's
 * `__code=404&__example=notFound` for a client that cannot set headers (Prism's spelling); the query wins.
 */
function preferences(request: RequestInfo): { code?: string; example?: string } {
  const out: { code?: string; example?: string } = {};
  const header = request.header("prefer");
  if (header) {
    for (const [, name, value] of header.matchAll(PREFERENCE)) {
      const k = name!.trim().toLowerCase();
      if (value === undefined || (k !== "code" && k !== "example")) continue;
      const v = value.trim();
      out[k] = /^"(?:[^"\\]|\\.)*"$/.test(v) ? v.slice(1, -1).replace(/\\(.)/g, "$1") : v.replace(/^"|"$/g, "");
    }
  }
  const q = request.url.indexOf("?");
  if (q >= 0 && request.url.includes("__", q)) {
    const query = new URLSearchParams(request.url.slice(q + 1));
    for (const k of ["code", "example"] as const) {
      const v = query.get(`__${k}`);
      if (v !== null) out[k] = v;
    }
  }
  return out;
}

/** A preference the operation cannot meet: a 500 problem that says what it documents (Prism's 404 would read as the resource's). */
function unmet(operation: string, what: string, documented: string[]): ProblemReply {
  const shown = what.length > 100 ? `${what.slice(0, 100)}...` : what;
  return new ProblemReply(500, `The mock of ${operation} cannot answer ${shown}: it documents ${documented.length ? documented.join(", ") : "none"}. Ask for one of those, or send no preference.`);
}

/**
 * Where a mock reply's body came from: the spec's example of a status (by name, `""` for an unnamed one), or
 * data synthesized from its schema (no `example`). Response validation names it, so a mismatch reads as the
 * spec's fault or the mock's, and `invalidExamples: "send"` sends an example as it is.
 */
export type MockOrigin = { status: string; example?: string };
export const mockOrigins = new WeakMap<object, MockOrigin>();

/**
 * Handlers answering every operation with its examples (see `createMockHandlers` of each API), in the media
 * type the request's `Accept` prefers among those the mock can send (`spec` has each status's preferred one).
 */
export function mockHandlers(table: { readonly [operation: string]: MockResponses }, spec: ServerSpec): Record<string, AnyHandler> {
  const out: Record<string, AnyHandler> = {};
  for (const name of Object.keys(table)) {
    const responses = table[name]!;
    const documented = spec.operations[name]?.responses ?? {};
    const successes = responses.some((r) => /^2/.test(r[0]));
    out[name] = (input) => {
      const request = input.request as RequestInfo;
      const prefer = preferences(request);
      let chosen: MockResponses[number] | undefined = responses.find((r) => /^2/.test(r[0])) ?? responses[0];
      if (prefer.code) {
        // a status HTTP has (100-599), or a range of them (`4XX`); `default` covers only those
        if (!/^[1-5](?:\d\d|XX)$/.test(prefer.code)) throw unmet(name, `status ${prefer.code}`, responses.map((r) => r[0]));
        chosen = responses.find((r) => r[0] === prefer.code || (r[0].endsWith("XX") && r[0][0] === prefer.code![0])) ?? responses.find((r) => r[0] === "default");
        if (!chosen) throw unmet(name, `status ${prefer.code}`, responses.map((r) => r[0]));
      } else if (prefer.example) {
        // the status of the example asked for, in any of its media types
        chosen = [chosen, ...responses].find((r) => r && mediaOf(r).some((m) => hasOwn(m[1], prefer.example!))) ?? chosen;
      }
      // the operation documents no response (OpenAPI 3.1 allows it): a success without a body
      if (!chosen) return { status: 204 };
      const media = negotiated(name, chosen, documented[chosen[0]], request.header("accept"), prefer.example);
      let body: unknown;
      let example: string | undefined;
      if (prefer.example) {
        if (!hasOwn(media[1], prefer.example)) {
          const among = prefer.code ? [chosen] : responses;
          throw unmet(name, `an example named "${prefer.example}"${prefer.code ? ` with status ${prefer.code}` : ""}`, among.flatMap((r) => mediaOf(r).flatMap((m) => Object.keys(m[1]).map((e) => `"${e}" (${r[0]}${m[0] ? ` ${m[0]}` : ""})`))));
        }
        body = media[1][prefer.example];
        example = prefer.example;
      } else {
        const names = Object.keys(media[1]);
        body = names.length ? media[1][names[0]!] : media[2];
        example = names[0];
      }
      // another media type than the preferred one (which the route table has) is named
      const headers: Record<string, string> | undefined = chosen[3] || media[0] ? { ...chosen[3] } : undefined;
      if (media[0]) headers!["content-type"] = media[0];
      const status = prefer.code && /^\d{3}$/.test(prefer.code) && chosen[0] !== prefer.code ? Number(prefer.code) : numericStatus(chosen[0], successes);
      const reply = body === undefined ? { status } : { status, body: structuredClone(body) };
      const out = headers ? { ...reply, headers } : reply;
      mockOrigins.set(out, example === undefined ? { status: chosen[0] } : { status: chosen[0], example });
      return out;
    };
  }
  return out;
}

/** A status's media types the mock can send, the preferred first (its media type `""` here: the route table has it). */
function mediaOf(entry: MockResponses[number]): readonly MockMedia[] {
  const preferred: MockMedia = ["", entry[1], entry[2]];
  return entry[4] ? [preferred, ...entry[4]] : [preferred];
}

/**
 * The media type a status is sent in: the one `Accept` prefers among those the mock can send (without one,
 * the preferred), among those having the example asked for where some have it; a 406 problem when it
 * accepts none of them, as Prism answers.
 */
function negotiated(operation: string, entry: MockResponses[number], how: ServerSpec["operations"][string]["responses"][string] | undefined, accept: string | undefined, example: string | undefined): MockMedia {
  const all = mediaOf(entry);
  const having = example === undefined ? [] : all.filter((m) => hasOwn(m[1], example));
  const media = having.length ? having : all;
  if (!how?.[0] || accept === undefined) return media[0]!;
  // a media range of JSON or text (`*/*` of an object) is offered as the type it is sent as, so `Accept:
  // text/html` does not take JSON; one of bytes (`image/*`) as written, any type it covers accepted
  const typed = (type: string, kind: string | undefined) => (kind === "json" || kind === "text" ? sendAs(type, kind) : type);
  const offered = media.map((m) => (m[0] ? typed(m[0], how[3]?.find((o) => o[0] === m[0])?.[1]) : typed(how[0], how[1])));
  const type = negotiate(accept, offered);
  if (type === undefined) {
    const shown = accept.length > 100 ? `${accept.slice(0, 100)}...` : accept;
    throw new ProblemReply(406, `The mock of ${operation} cannot answer status ${entry[0]} in a media type the Accept header (${shown}) takes: it can send ${offered.join(", ")}${having.length ? ` (with the example "${example}")` : ""}. Accept one of those, or send no Accept.`);
  }
  return media[offered.indexOf(type)]!;
}

/** Security hooks accepting any credential that is present (the mock's): the principal is the credential. */
export function acceptAny(schemes: ServerSpec["schemes"]): Record<string, SecurityHook<unknown, unknown>> {
  const out: Record<string, SecurityHook<unknown, unknown>> = {};
  for (const name of Object.keys(schemes)) setOwn(out, name, (credential: unknown) => credential ?? null);
  return out;
}
