/**
 * The formats the generated runtime checks (`templates/validators/formats.ts`), by name. Other formats
 * are annotations (JSON Schema 2020-12 §7.2.1) and get a generation warning.
 */
export const FORMAT_NAMES = [
  "date", "time", "date-time", "duration", "email", "idn-email", "hostname", "idn-hostname", "ipv4", "ipv6", "uri", "uri-reference",
  "uri-template", "iri", "iri-reference", "uuid", "json-pointer", "relative-json-pointer", "regex", "byte", "binary", "password",
];

/** OpenAPI's numeric formats (OpenAPI 3.1 §4.2): checked on numbers, not strings. */
export const NUMBER_FORMAT_NAMES = ["int32", "int64", "float", "double"];
