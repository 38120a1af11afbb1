/**
 * One spec of `specforge join`, bundled (every `$ref` local), and where its parts are written: conflicts
 * name both inputs' places, as file:line:col.
 */
import type { SourceMap } from "../bundle/source-map.js";
import { formatLocation, type Location } from "../diagnostics/diagnostic.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { webhooksExtension, X_WEBHOOKS } from "../openapi/x-webhooks.js";

export interface JoinInput {
  /** The spec's file name without folder and extension: `--prefix-tags-with-filename`'s prefix. */
  fileName: string;
  /** The bundled document; join rewrites it in place (prefixes, settings moved down to its operations). */
  document: JsonObject;
  sources: SourceMap;
  /** A renamed component's pointer -> the pointer it is written at (`--prefix-components-with-info-prop`). */
  renamed: Map<string, string>;
}

/** A part of an input, for messages. */
export interface Placed {
  input: JoinInput;
  pointer: string;
}

export function locate({ input, pointer }: Placed): Location {
  return input.sources.locate(input.renamed.get(pointer) ?? pointer);
}

/** `b.yaml:12:5 (#/paths/~1pets/get)`: the place named in a message about another. */
export function where(placed: Placed): string {
  return formatLocation(locate(placed));
}

/** The OpenAPI version a document says (`3.0.3`); "" without one. */
export function versionOf(document: JsonObject): string {
  return typeof document.openapi === "string" ? document.openapi : "";
}

/** Where a document keeps its webhooks: `webhooks`, or a 3.0 document's `x-webhooks` when they are read as webhooks. */
export function webhooksKey(document: JsonObject): string | undefined {
  const version = versionOf(document);
  if (version.startsWith("3.0.")) return webhooksExtension(document, version) ? X_WEBHOOKS : undefined;
  return isObject(document.webhooks) ? "webhooks" : undefined;
}

/** An input before `input` with its file name (`users/openapi.yaml` and `orders/openapi.yaml`): their file names cannot tell them apart. */
export function fileNameTwin(inputs: JoinInput[], input: JoinInput): JoinInput | undefined {
  return inputs.slice(0, inputs.indexOf(input)).find((other) => other.fileName === input.fileName);
}

/** Whether two of `inputs` have one file name. */
export function fileNamesAlike(inputs: JoinInput[]): boolean {
  return inputs.some((input) => fileNameTwin(inputs, input));
}
