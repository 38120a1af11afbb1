/**
 * Names of a response's other JSON media types whose schema is not the preferred one's (`application/json`
 * beside `application/vnd.acme.v2+json`), so a server validates each reply by the schema of the media type it
 * is sent as. The preferred one's is the status's alias (`GetPetResponse200`), as is any other's of the same
 * schema; a different schema gets the status's alias suffixed by its media type in words
 * (`GetPetResponse200ApplicationVndAcmeV2Json`), one per schema. Text and bytes have no validator of their own.
 */
import type { MediaIR, ResponseIR } from "../ir/types.js";
import { bareMediaType, preferredMedia, bodyKind } from "../ir/media.js";
import { setOwn } from "../openapi/own.js";
import { pascalWords } from "./case.js";

/** `alias(suffix, media)` allocates a type name (see decide.ts); `status` is the status's alias suffix (`Response200`). */
export function responseBodyNames(response: ResponseIR, status: string, alias: (suffix: string, media: MediaIR) => string): Record<string, string> | undefined {
  const preferred = preferredMedia(response.content);
  if (!preferred || bodyKind(preferred) !== "json") return undefined;
  const out: Record<string, string> = {};
  const bySchema = new Map<string, string>([[JSON.stringify(preferred.schema ?? null), ""]]);
  for (const m of response.content) {
    if (m === preferred || bodyKind(m) !== "json" || m.schema === undefined) continue;
    const key = JSON.stringify(m.schema);
    let name = bySchema.get(key);
    if (name === "") continue;
    if (name === undefined) bySchema.set(key, (name = alias(`${status}${pascalWords(bareMediaType(m.mediaType), "Body")}`, m)));
    setOwn(out, m.mediaType, name);
  }
  return Object.keys(out).length ? out : undefined;
}
