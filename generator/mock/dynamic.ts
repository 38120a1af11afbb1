/**
 * Prism's dynamic mode for `specforge mock`: with `--dynamic` (or a request's `Prefer: dynamic=true`, or
 * the query's `__dynamic=true`) a JSON answer is made anew from its schema on each request
 * (random-value.ts) instead of the spec's example. Each value is checked by the response's generated
 * validator; after a few that fail, the static answer goes out, so a dynamic answer is never invalid.
 * `Prefer: dynamic=false` asks one request for the static answer under `--dynamic`; `Prefer: example=NAME`
 * always gets that example.
 */
import type { ApiIR, MediaIR, OperationIR, ResponseIR } from "../ir/types.js";
import type { JsonObject } from "../openapi/kinds.js";
import { preferredMedia, bodyKind } from "../ir/media.js";
import { randomValue, type Random } from "../openapi/random-value.js";
import { statusKey, type ValidatorsModule } from "../spec-server.js";
import { preferencesOf } from "./prefer.js";

type Handler = (input: { request: { url: string; header(name: string): string | undefined } }) => unknown;
type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/** How many random values are tried before the static answer is sent. */
const TRIES = 8;

/**
 * A value made from `schema` that `validate` accepts (random values can miss a pattern or a oneOf's
 * exclusivity), after at most TRIES tries; undefined when none did. `leaveOut`: as randomValue's.
 */
export function validRandomValue(document: JsonObject, schema: unknown, random: Random, validate: ((value: unknown) => { ok: boolean }) | undefined, leaveOut?: "readOnly" | "writeOnly"): unknown {
  for (let i = 0; i < TRIES; i++) {
    const value = randomValue(document, schema, random, leaveOut);
    if (value !== undefined && (!validate || validate(value).ok)) return value;
  }
  return undefined;
}

/** Whether this request asks for a made-up answer (`dynamic=true|false` in `Prefer` or `__dynamic` in the query), else `fallback`. */
export function wantsDynamic(request: { url: string; header(name: string): string | undefined }, fallback: boolean): boolean {
  let wanted: string | undefined;
  for (const [k, v] of preferencesOf(request.header("prefer"))) {
    if (k === "dynamic") wanted = v?.toLowerCase();
    // a named example is what was asked for
    if (k === "example") return false;
  }
  const q = request.url.indexOf("?");
  if (q >= 0) {
    const query = new URLSearchParams(request.url.slice(q + 1));
    if (query.has("__example")) return false;
    wanted = query.get("__dynamic")?.toLowerCase() ?? wanted;
  }
  return wanted === undefined ? fallback : wanted === "true" || wanted === "";
}

/** The mock handlers, each answering with a value made from the schema of the status it chose when asked. */
export function dynamicHandlers(base: Record<string, Handler>, ir: ApiIR, validators: ValidatorsModule, always: boolean, random: Random = Math.random): Record<string, Handler> {
  const out: Record<string, Handler> = { ...base };
  for (const op of ir.operations) {
    const name = op.names.method;
    const inner = base[name];
    if (!inner) continue;
    out[name] = async (input) => {
      const reply = (await inner(input)) as Reply;
      if (!wantsDynamic(input.request, always) || reply.body === undefined) return reply;
      const json = jsonAnswer(op, reply);
      if (!json) return reply;
      const value = validRandomValue(ir.document, json.media.schema ?? true, random, validators.responseValidators[name]?.[json.response.status]);
      return value === undefined ? reply : { ...reply, body: value };
    };
  }
  return out;
}

/**
 * The documented response and JSON media type a mock reply was made for; undefined when its status's
 * preferred media type is not JSON, or the reply is in another one (the request's Accept preferred it).
 */
export function jsonAnswer(op: OperationIR, reply: Reply): { response: ResponseIR; media: MediaIR } | undefined {
  const key = statusKey(op.responses.map((r) => r.status), reply.status);
  const response = op.responses.find((r) => r.status === key);
  const media = response && preferredMedia(response.content);
  if (!response || !media || bodyKind(media) !== "json") return undefined;
  const named = Object.entries(reply.headers ?? {}).find(([k]) => k.toLowerCase() === "content-type")?.[1];
  return named !== undefined && named !== media.mediaType ? undefined : { response, media };
}
