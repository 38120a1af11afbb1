/**
 * What the spec says of one exchange the proxy saw (`specforge proxy`): the generated server's problem for
 * a request, one line per issue, and an answer's violations of the operation's documented responses
 * (status, required headers, media type, body by the generated validators).
 */
import { own } from "../openapi/own.js";
import { statusKey, type ServerModule, type ValidatorsModule } from "./spec-server.js";

/** What the generated server's problem says, one line per issue. */
export function problemLines(side: string, text: string): string[] {
  try {
    const p = JSON.parse(text) as { status?: number; title?: string; detail?: string; errors?: Array<{ pointer: string; detail: string }> };
    if (p.errors?.length) return p.errors.map((e) => `  ${side}: ${e.pointer} ${e.detail}`);
    return [`  ${side}: ${p.status ?? ""} ${p.detail ?? p.title ?? ""}`.trimEnd()];
  } catch {
    return [`  ${side}: refused`];
  }
}

/** `bytes` undefined: an answer to HEAD, whose body (the GET's) is not sent, so not checked. */
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
  // the documented media type the answer is (the preferred one, else another of the status's)
  const type = (headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const media = [[mediaType, preferredKind, true] as const, ...(others ?? [])];
  const sent = media.find((m) => m[0].toLowerCase() === type) ?? media.find((m) => mediaTypeFits(type, m[0].toLowerCase()));
  // an undocumented media type's body has no schema to meet
  if (!sent) return [...out, `content type '${type}' is not the documented '${media.map((m) => m[0]).join("', '")}'`];
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

function mediaTypeFits(sent: string, documented: string): boolean {
  if (documented === sent || documented === "*/*") return true;
  if (documented.endsWith("/*")) return sent.startsWith(documented.slice(0, -1));
  // a `+json` type is documented as application/json often enough to let it pass
  return documented === "application/json" && /^application\/[\w.-]+\+json$/.test(sent);
}
