/**
 * Spectral's document formats, as `formats:` on a custom rule, an alias target or an override names them
 * (`oas3`, `oas3.1`, `oas3_1`, `json-schema-draft7`, `jsonSchemaDraft7`, ...). specforge lints OpenAPI 3
 * documents, so only the `oas3*` formats can match; the others are known names that never do.
 */

/** `oas3.1`, `oas3_1` and `OAS3_1` are one name; so are `json-schema-draft7` and `jsonSchemaDraft7`. */
const canonical = (name: string) => name.toLowerCase().replace(/[-_.]/g, "");

const OTHERS = [
  "oas2", "asyncapi2", "asyncapi3", "arazzo1_0", "json-schema", "json-schema-loose", "json-schema-draft4",
  "json-schema-draft6", "json-schema-draft7", "json-schema-draft-2019-09", "json-schema-2019-09",
  "json-schema-draft-2020-12", "json-schema-2020-12",
];

/** Each format's test of the version an OpenAPI document declares. */
const MATCHERS = new Map<string, (version: string) => boolean>([
  ["oas3", (v) => v.startsWith("3.")],
  ["oas30", (v) => v.startsWith("3.0")],
  ["oas31", (v) => v.startsWith("3.1")],
  ["oas32", (v) => v.startsWith("3.2")],
  ...OTHERS.map((name) => [canonical(name), () => false] as [string, (v: string) => boolean]),
]);

export const FORMAT_NAMES = ["oas3", "oas3.0", "oas3.1", "oas3.2", ...OTHERS];

export function isFormatName(name: unknown): name is string {
  return typeof name === "string" && MATCHERS.has(canonical(name));
}

/** Whether a document of `version` is of one of `formats`. */
export function formatsMatch(formats: readonly string[], version: string): boolean {
  return formats.some((f) => MATCHERS.get(canonical(f))?.(version) === true);
}
