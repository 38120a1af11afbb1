/**
 * One spec of `specforge join`, bundled (every `$ref` local), and where its parts are written: conflicts
 * name both inputs' places, as file:line:col.
 */
import type { SourceMap } from "../bundle/source-map.js";
import { formatLocation, type Location } from "../diagnostics/diagnostic.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { derefLocal, escapeSegment } from "../openapi/pointer.js";
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

/** A path item of an input's `paths` or webhooks, with the object holding its operations and where that is. */
export interface InputPathItem {
  /** `paths`, `webhooks` or `x-webhooks`. */
  key: string;
  path: string;
  item: JsonObject;
  pointer: string;
}

/**
 * The path items of `input`'s `paths` and webhooks. One written `$ref: '#/components/pathItems/X'` is X
 * (`pointer` says so): its operations are the spec's as much as those written in place, so its root servers
 * and security, its tag prefix and group, and the operationId check reach them; the `$ref` itself stays.
 * X is written into in place, not copied: what join writes there is its spec's own setting, the same for
 * every path item that uses X.
 */
export function pathItemsOf(input: JoinInput): InputPathItem[] {
  const { document } = input;
  const out: InputPathItem[] = [];
  for (const key of ["paths", webhooksKey(document)]) {
    const items = key !== undefined && isObject(document[key]) ? (document[key] as JsonObject) : {};
    for (const [path, written] of Object.entries(items)) {
      if (!isObject(written) || path.startsWith("x-")) continue;
      if (written.$ref === undefined) {
        out.push({ key: key!, path, item: written, pointer: `/${key}/${escapeSegment(path)}` });
        continue;
      }
      // bundled: every $ref is local
      const { node, pointer } = derefLocal(document, written);
      if (node && pointer !== undefined) out.push({ key: key!, path, item: node, pointer });
    }
  }
  return out;
}
