/**
 * A `oneOf` (or `anyOf`) with a `discriminator` (OpenAPI 3.1 §4.8.25): the value's tag names its branch.
 * As plain JSON Schema the tag is only a hint, and branches that overlap (readme's OptionOne and OptionTwo
 * both take any `discrim` string) make every value match several: each request was a 400. Here a tag that
 * names a branch, by `mapping` or by the component's own name, selects that branch alone; any other value
 * is judged by the composition as before.
 */
import { discriminatorTags } from "../../openapi/discriminator-tags.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { setOwn } from "../../openapi/own.js";

/** Makes `out` (the validation copy of `schema`) choose its composition's branch by the tag, in place. */
export function byDiscriminator(schema: JsonObject, out: JsonObject): void {
  const d = schema.discriminator;
  if (!isObject(d) || typeof d.propertyName !== "string") return;
  const key = Array.isArray(schema.oneOf) ? "oneOf" : Array.isArray(schema.anyOf) ? "anyOf" : undefined;
  if (!key || !Array.isArray(out[key])) return;
  const branches = schema[key] as unknown[];
  const names = discriminatorTags(branches, d);
  if (names.every((n) => n.length === 0)) return;
  const tag = d.propertyName;
  let chain: JsonObject = { [key]: out[key] };
  for (let i = branches.length - 1; i >= 0; i--) {
    if (!names[i]!.length) continue;
    const properties: JsonObject = {};
    setOwn(properties, tag, { enum: names[i] });
    chain = { if: { type: "object", properties, required: [tag] }, then: (out[key] as unknown[])[i], else: chain };
  }
  delete out[key];
  out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), chain];
}
