/**
 * The formats the generated runtime checks (`templates/validators/formats.ts`), each by the name of the
 * function that checks it there. Other formats are annotations (JSON Schema 2020-12 §7.2.1) and get a
 * generation warning.
 */
export const FORMAT_CHECKERS: Readonly<Record<string, string>> = {
  date: "date", time: "time", "date-time": "dateTime", duration: "duration", email: "email", "idn-email": "idnEmail",
  hostname: "hostname", "idn-hostname": "idnHostname", ipv4: "ipv4", ipv6: "ipv6", uri: "uri", "uri-reference": "uriReference",
  "uri-template": "uriTemplate", iri: "iri", "iri-reference": "iriReference", uuid: "uuid", "json-pointer": "jsonPointer",
  "relative-json-pointer": "relativeJsonPointer", regex: "regex", byte: "byte", binary: "binary", password: "password",
};

export const FORMAT_NAMES = Object.keys(FORMAT_CHECKERS);

/** OpenAPI's numeric formats (OpenAPI 3.1 §4.2): checked on numbers, not strings, by `validators-runtime.ts`. */
export const NUMBER_FORMAT_NAMES = ["int32", "int64", "float", "double"];

/**
 * The import that binds format `name`'s checker in a compiled validators module: one binding per format,
 * so that a bundler keeps only the checkers of the validators an app uses (a read of `formats[name]` at
 * load time kept every checker, and idna.ts with them).
 */
export function formatImport(name: string): { from: "./formats.js" | "./validators-runtime.js"; exported: string; local: string } {
  const checker = Object.prototype.hasOwnProperty.call(FORMAT_CHECKERS, name) ? FORMAT_CHECKERS[name] : undefined;
  const exported = checker ?? (NUMBER_FORMAT_NAMES.includes(name) ? name : undefined);
  if (exported === undefined) throw new Error(`format '${name}' has no checker: add it to FORMAT_CHECKERS or NUMBER_FORMAT_NAMES`);
  return { from: checker ? "./formats.js" : "./validators-runtime.js", exported, local: `__format_${exported}` };
}
