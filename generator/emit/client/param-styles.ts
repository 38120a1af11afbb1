/**
 * Which runtime serializer each parameter gets (OpenAPI 3.1 "Style Values", RFC 6570 expansion), chosen
 * at generation time so a call does no style lookups. Names are pre-encoded for where they land.
 */
import { jsonContent } from "../../ir/media.js";
import type { ParameterIR } from "../../ir/types.js";

const PATH: Record<string, [string, string]> = { simple: ["simple", "simpleExplode"], label: ["label", "labelExplode"], matrix: ["matrix", "matrixExplode"] };
const QUERY: Record<string, [string, string]> = {
  form: ["form", "formExplode"],
  // Exploded space- and pipe-delimited arrays repeat the name, as form does.
  spaceDelimited: ["spaceDelimited", "formExplode"],
  pipeDelimited: ["pipeDelimited", "formExplode"],
  deepObject: ["deepObject", "deepObject"],
};

/** The name of the runtime serializer (an export of `client-runtime.ts`). */
export function serializerOf(p: ParameterIR): string {
  if (jsonContent(p)) return p.in === "query" || p.in === "cookie" ? "json" : "jsonValue";
  const pick = (table: Record<string, [string, string]>, fallback: string) => (table[p.style] ?? table[fallback]!)[p.explode ? 1 : 0];
  switch (p.in) {
    case "path":
      return pick(PATH, "simple");
    case "query":
      return pick(QUERY, "form");
    case "header":
      return p.explode ? "simpleExplode" : "simple";
    case "cookie":
      return p.explode ? "cookieExplode" : "cookie";
  }
}

/** The parameter's name as it is written on the wire. */
export function wireName(p: ParameterIR): string {
  switch (p.in) {
    case "header":
      return p.name.toLowerCase();
    case "cookie":
      return p.name;
    default:
      return encodeURIComponent(p.name);
  }
}
