/**
 * Names of an operation's request bodies, one per media type a server validates by its own schema. The
 * preferred media type's body is the operation's `Request` alias; another media type whose schema is the
 * same shares that name (and so one validator); a different schema gets an alias of its own, suffixed by
 * its media type: `Form` (urlencoded), `Multipart` (multipart/form-data), else the media type in words.
 * A multipart body shares only with multipart bodies: its validator takes files where the schema says
 * binary (see openapi/file-parts.ts).
 */
import type { MediaIR } from "../ir/types.js";
import { bareMediaType, requestKind } from "../ir/media.js";
import { setOwn } from "../openapi/own.js";
import { pascalWords } from "./case.js";

function suffix(mediaType: string): string {
  const type = bareMediaType(mediaType);
  if (type === "application/x-www-form-urlencoded") return "Form";
  if (type === "multipart/form-data") return "Multipart";
  return pascalWords(type, "Body");
}

/** `alias(suffix, media)` allocates a type name (see decide.ts); `request` is the preferred body's. */
export function requestBodyNames(content: readonly MediaIR[], preferred: MediaIR, request: string, alias: (suffix: string, media: MediaIR) => string): Record<string, string> {
  const out: Record<string, string> = {};
  const byKey = new Map<string, string>();
  const sameAs = (m: MediaIR) => `${requestKind(m.mediaType) === "multipart" ? "multipart:" : ""}${JSON.stringify(m.schema ?? null)}`;
  byKey.set(sameAs(preferred), request);
  for (const m of [preferred, ...content.filter((c) => c !== preferred)]) {
    const kind = requestKind(m.mediaType);
    if (kind === "text" || kind === "raw") continue;
    const k = sameAs(m);
    let name = byKey.get(k);
    if (name === undefined) byKey.set(k, (name = alias(`Request${suffix(m.mediaType)}`, m)));
    setOwn(out, m.mediaType, name);
  }
  return out;
}
