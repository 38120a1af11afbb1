/**
 * Names of an operation's request bodies, one per media type a server validates by its own schema. The
 * preferred media type's body is the operation's `Request` alias; another media type whose schema is the
 * same shares that name (and so one validator); a different schema gets an alias of its own, suffixed by
 * its media type: `Form` (urlencoded), `Multipart` (multipart/form-data), else the media type in words.
 * A multipart body shares only with multipart bodies: its validator takes files where the schema says
 * binary (see openapi/file-parts.ts). A text body is named (and validated) where its schema takes a string,
 * whichever media type is preferred; bytes never are.
 */
import type { MediaIR } from "../ir/types.js";
import { bareMediaType, bodyKind } from "../ir/media.js";
import { setOwn } from "../openapi/own.js";
import { pascalWords } from "./case.js";

function suffix(mediaType: string): string {
  const type = bareMediaType(mediaType);
  if (type === "application/x-www-form-urlencoded") return "Form";
  if (type === "multipart/form-data") return "Multipart";
  return pascalWords(type, "Body");
}

/**
 * `alias(suffix, media, shareSchema)` allocates a type name (see decide.ts); `request` is the preferred body's,
 * `requestIsSchema` when it is a component's own name (so its validator is that component's). `ownValidator(m)`:
 * the body needs a validator of its own, never a component's (a multipart body with files, which its validator relaxes).
 * `checkedText(m)`: a text body is checked against its schema (one that takes a string).
 */
export function requestBodyNames(
  content: readonly MediaIR[],
  preferred: MediaIR,
  request: string,
  requestIsSchema: boolean,
  alias: (suffix: string, media: MediaIR, shareSchema?: boolean) => string,
  ownValidator: (m: MediaIR) => boolean = () => false,
  checkedText: (m: MediaIR) => boolean = () => false,
): Record<string, string> {
  const out: Record<string, string> = {};
  const byKey = new Map<string, string>();
  const sameAs = (m: MediaIR) => `${bodyKind(m) === "multipart" ? "multipart:" : ""}${JSON.stringify(m.schema ?? null)}`;
  if (!requestIsSchema || !ownValidator(preferred)) byKey.set(sameAs(preferred), request);
  for (const m of [preferred, ...content.filter((c) => c !== preferred)]) {
    const kind = bodyKind(m);
    if (kind === "raw" || (kind === "text" && !checkedText(m))) continue;
    const k = sameAs(m);
    let name = byKey.get(k);
    if (name === undefined) byKey.set(k, (name = alias(`Request${suffix(m.mediaType)}`, m, !ownValidator(m))));
    setOwn(out, m.mediaType, name);
  }
  return out;
}
