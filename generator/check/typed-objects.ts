/**
 * Check stage: each typed object of the document has its shape (openapi/typed-shapes.ts): a mapping where
 * OpenAPI wants one, a list where it wants a list.
 */
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../bundle/source-map.js";
import type { JsonObject, Kind } from "../openapi/kinds.js";
import { shapeProblems } from "../openapi/typed-shapes.js";

/** The problems of one typed object of the document (not a schema), each at its place. */
export function typedObjectProblems(node: JsonObject, kind: Kind, pointer: string, sources: SourceMap): Diagnostic[] {
  return shapeProblems(node, kind, pointer).map((p) => error(p.code, p.message, sources.locate(p.at), p.help));
}
