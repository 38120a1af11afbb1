/**
 * What the spec says of one exchange the proxy saw (`specforge proxy`): the generated server's problem for
 * a request, one line per issue, and an answer's violations of the operation's documented responses
 * (status, required headers, media type, body by the generated validators).
 */
import { STATUS_CODES } from "node:http";
import { own } from "../openapi/own.js";
import { statusKey, type ServerModule, type ValidatorsModule } from "../spec-server.js";

/**
 * What the generated server's problem says, one line per issue; its status and reason phrase where it has no
 * readable body (the answer to a HEAD has none).
 */
export function problemLines(side: string, text: string, status: number): string[] {
  try {
    const p = JSON.parse(text) as { status?: number; title?: string; detail?: string; errors?: Array<{ pointer: string; detail: string }> };
    if (p.errors?.length) return p.errors.map((e) => `  ${side}: ${e.pointer} ${e.detail}`);
    return [`  ${side}: ${p.status ?? ""} ${p.detail ?? p.title ?? ""}`.trimEnd()];
  } catch {
    return [`  ${side}: ${status} ${STATUS_CODES[status] ?? ""}`.trimEnd()];
  }
}

type Documented = ServerModule["serverSpec"]["operations"][string]["responses"][string];
type Media = readonly [mediaType: string, kind: string, validated?: boolean];

/**
 * Whether `responseViolations` reads the answer's body: a JSON media type its status documents (validated),
 * or a status documenting none (is one sent?). Any other body is passed on as it comes, unread.
 */
export function checksBody(mod: ServerModule, operation: string, status: number, headers: Headers): boolean {
  const documented = mod.serverSpec.operations[operation]!.responses;
  const key = statusKey(Object.keys(documented), status);
  if (key === undefined) return false;
  return documented[key]![1] === "none" || sentMedia(documented[key]!, headers)?.[1] === "json";
}

/** The documented media type the answer is in (the status's preferred one, else another of its), if any. */
function sentMedia([mediaType, preferredKind, , others]: Documented, headers: Headers): Media | undefined {
  const type = typeOf(headers);
  const media: Media[] = [[mediaType, preferredKind, true], ...(others ?? [])];
  return media.find((m) => m[0].toLowerCase() === type) ?? media.find((m) => mediaTypeFits(type, m[0].toLowerCase()));
}

/** `bytes` undefined: an answer whose body is not read (to HEAD: the GET's, not sent; see `checksBody`). */
export function responseViolations(mod: ServerModule, validators: ValidatorsModule, operation: string, status: number, headers: Headers, bytes: Buffer | undefined): string[] {
  const documented = mod.serverSpec.operations[operation]!.responses;
  const key = statusKey(Object.keys(documented), status);
  if (key === undefined) return [`status ${status} is not documented (documented: ${Object.keys(documented).join(", ") || "none"})`];
  const [mediaType, preferredKind, required, others] = documented[key]!;
  const out: string[] = [];
  for (const name of required ?? []) if (!headers.has(name)) out.push(`status ${status} lacks its required header ${name}`);
  if (preferredKind === "none") {
    if (bytes !== undefined && bytes.length > 0) out.push(`status ${status} documents no body, and one was sent`);
    return out;
  }
  const sent = sentMedia(documented[key]!, headers);
  // an undocumented media type's body has no schema to meet
  if (!sent) return [...out, `content type '${typeOf(headers)}' is not the documented '${[mediaType, ...(others ?? []).map((m) => m[0])].join("', '")}'`];
  const [sentType, kind, validated] = sent;
  if (kind !== "json" || bytes === undefined) return out;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch {
    return [...out, "the body is not JSON"];
  }
  // the status's validator (the preferred media type's schema), or that of another JSON media type's own schema
  const validate = validated ? validators.responseValidators[operation]?.[key] : own(own(own(validators.operationValidators, operation)?.responseBodies, key), sentType);
  const result = validate?.(value);
  if (result && !result.ok) out.push(...result.errors.map((e) => `${e.path ? `/body${e.path}` : "/body"} ${e.message}`));
  return out;
}

/** The answer's media type, without parameters, lowercased. */
function typeOf(headers: Headers): string {
  return (headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

function mediaTypeFits(sent: string, documented: string): boolean {
  if (documented === sent || documented === "*/*") return true;
  if (documented.endsWith("/*")) return sent.startsWith(documented.slice(0, -1));
  // a `+json` type is documented as application/json often enough to let it pass
  return documented === "application/json" && /^application\/[\w.-]+\+json$/.test(sent);
}
