/** Whether a schema takes a string: a text body under it is checked against it as text (`maxLength`, `pattern`). */
import { isObject, type JsonObject } from "./kinds.js";
import { deref, types } from "./schema-deref.js";

export function takesString(document: JsonObject, schema: unknown): boolean {
  const s = deref(document, schema);
  return isObject(s) && types(s).includes("string");
}
