/**
 * `type: "null"` written beside `oneOf`/`anyOf` whose every branch has a `type` without `"null"` (Vercel's
 * `EdgeConfigItemValue`): as JSON Schema reads it no value is valid (a value must be null and one of the
 * branches), and openapi-typescript's `null & (A | B)` fails to compile when a branch refers back to the
 * schema (TS2502). It is the 3.0 `nullable` put where 3.1 has no place for it, so it is read as meant:
 * null becomes one more branch. Branches that might admit null (no `type`, a `$ref` that does not lead to
 * a typed schema) leave the schema as written: then the author's intent is not clear.
 */
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { resolvePointer, pointerFromFragment } from "../openapi/pointer.js";
import type { NormalizeWarning } from "./from-32.js";

export function nullBesideComposition(schema: JsonObject, document: JsonObject, pointer: string): NormalizeWarning | undefined {
  if (schema.type !== "null") return undefined;
  const key = Array.isArray(schema.oneOf) ? "oneOf" : Array.isArray(schema.anyOf) ? "anyOf" : undefined;
  if (key === undefined || Array.isArray(schema.oneOf) === Array.isArray(schema.anyOf)) return undefined;
  const branches = schema[key] as unknown[];
  if (branches.length === 0 || !branches.every((b) => excludesNull(b, document))) return undefined;
  delete schema.type;
  branches.push({ type: "null" });
  return {
    pointer,
    code: "normalize/null-beside-composition",
    message: `\`type: null\` beside ${key}: as written no value is valid (null fits none of the branches); read as null or one of them`,
    help: `write the null as a branch of ${key} ({ type: "null" }) and remove \`type: null\``,
  };
}

/** A branch whose `type` (its own, or its `$ref` target's, one level) is given and lacks "null". */
function excludesNull(branch: unknown, document: JsonObject, depth = 0): boolean {
  if (!isObject(branch)) return false;
  if (typeof branch.$ref === "string" && branch.type === undefined) {
    if (depth > 8 || !branch.$ref.startsWith("#")) return false;
    const fragment = pointerFromFragment(branch.$ref.slice(1));
    const target = fragment === undefined ? undefined : resolvePointer(document, fragment);
    return target?.found === true && excludesNull(target.value, document, depth + 1);
  }
  const type = branch.type;
  if (typeof type === "string") return type !== "null";
  return Array.isArray(type) && type.length > 0 && !type.includes("null");
}
