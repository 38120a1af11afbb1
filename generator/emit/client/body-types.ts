/**
 * The TypeScript type of what a call sends and receives for one media type, matching what the runtime
 * does with it: JSON and forms use the types target's aliases, multipart fields may be files, raw
 * bodies are bytes, text is a string and a binary response is a `Blob`.
 */
import { code, ident, index, join, type Code } from "../../codegen/code.js";
import type { MediaIR, OperationIR, ResponseIR } from "../../ir/types.js";
import { preferredMedia } from "../../ir/media.js";
import { bodyKind, responseKind, typedEvents } from "./media-kinds.js";
import { own } from "../../openapi/own.js";

/** `types.X` for a name decided by `names/` and exported by `types.ts`. */
export function typesRef(name: string): Code {
  return code`types.${ident(name)}`;
}

/** A request body type for one of the operation's media types. */
export function requestBodyType(op: OperationIR, media: MediaIR): Code {
  const kind = bodyKind(media);
  if (kind === "text") return code`string`;
  if (kind === "raw") return code`runtime.RawBody`;
  const preferred = op.requestBody && preferredMedia(op.requestBody.content) === media;
  const name = own(op.names.requestBodies, media.mediaType) ?? (preferred ? op.names.request : undefined);
  const schema = name ? typesRef(name) : code`NonNullable<types.paths${index(op.path)}${join(op.segments.map((s) => index(s)), "")}["requestBody"]>["content"]${index(media.mediaType)}`;
  return kind === "multipart" ? code`runtime.MultipartBody<${schema}>` : schema;
}

/** The type of each event's `data` in a `text/event-stream` response (client and server alike). */
export function eventDataType(op: OperationIR, response: ResponseIR): Code {
  const name = op.names.byStatus[response.status];
  return typedEvents(response) && name ? typesRef(name) : code`string`;
}

/** The type of a response's body as the client returns it (in `data` or an error's `body`). */
export function responseBodyType(op: OperationIR, response: ResponseIR): Code {
  switch (responseKind(response)) {
    case "events":
      // a 2xx stream is read as it arrives; an error status's body is read whole, as text
      if (!/^2/.test(response.status)) return code`string`;
      return code`runtime.EventStream<${eventDataType(op, response)}>`;
    case "none":
      return code`undefined`;
    case "text":
      return code`string`;
    case "blob":
      return code`Blob`;
    case "json":
      return typesRef(op.names.byStatus[response.status]!);
  }
}
