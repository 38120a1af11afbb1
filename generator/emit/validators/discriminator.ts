/**
 * A `oneOf` (or `anyOf`) with a `discriminator` (OpenAPI 3.1 §4.8.25): the value's tag names its branch.
 * As plain JSON Schema the tag is only a hint, and branches that overlap (readme's OptionOne and OptionTwo
 * both take any `discrim` string) make every value match several: each request was a 400. Here a tag that
 * names a branch, by `mapping` or by the component's own name, selects that branch alone; any other value
 * is judged by the composition as before. The composition stays as the spec writes it (its error schema
 * paths are the spec's); the tags ride beside it for the keyword of discriminator-keyword.ts.
 */
import { discriminatorTags } from "../../openapi/discriminator-tags.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { setOwn } from "../../openapi/own.js";

/**
 * Where the tags sit in the validation copy of a schema: an `x-` name, which no spec's schema passes on
 * (validationSchema drops every `x-` keyword), so only this module writes it.
 */
export const TAGGED = "x-specforge-discriminator";

/** The tags of a discriminated composition: `tags[i]` the values selecting its branch `i` (none: only by the composition). */
export interface Tagged {
  /** The composition the tags choose in (a schema may hold both). */
  of: "oneOf" | "anyOf";
  propertyName: string;
  tags: string[][];
  /** The branch that alone judges a value whose tag names none (or that is no object); none: the composition does. */
  otherwise?: number;
  /** An object whose tag names no branch is refused with the tag's issue (a child of an inherited discriminator). */
  closed?: true;
}

/** Marks `out` (the validation copy of `schema`) to choose its composition's branch by the tag. */
export function byDiscriminator(schema: JsonObject, out: JsonObject): void {
  const d = schema.discriminator;
  if (!isObject(d) || typeof d.propertyName !== "string") return;
  const key = Array.isArray(schema.oneOf) ? "oneOf" : Array.isArray(schema.anyOf) ? "anyOf" : undefined;
  if (!key || !Array.isArray(out[key])) return;
  const tags = discriminatorTags(schema[key] as unknown[], d);
  if (tags.every((n) => n.length === 0)) return;
  const tagged: Tagged = { of: key, propertyName: d.propertyName, tags };
  setOwn(out, TAGGED, tagged);
}

/** The tags of `schema`'s `of` composition of `length` branches, when it carries them (as byDiscriminator wrote them). */
export function taggedOf(schema: unknown, of: string, length: number): Tagged | undefined {
  const t = isObject(schema) ? schema[TAGGED] : undefined;
  if (!isObject(t) || t.of !== of || typeof t.propertyName !== "string" || !Array.isArray(t.tags) || t.tags.length !== length) return undefined;
  if (t.otherwise !== undefined && !(Number.isInteger(t.otherwise) && (t.otherwise as number) >= 0 && (t.otherwise as number) < length)) return undefined;
  return t.tags.every((n) => Array.isArray(n) && n.every((v) => typeof v === "string")) ? (t as unknown as Tagged) : undefined;
}
