/**
 * Form bodies: `application/x-www-form-urlencoded` (parsed like a query) and `multipart/form-data`
 * (parsed by the platform's `Response.formData()` from bytes already read within the body limit), each
 * field's text coerced to its schema type, files kept as `File`s, JSON parts parsed with the JSON limits.
 * Coercion problems are reported here only where the body validator does not check the form.
 */
import { parseJson } from "./body.js";
import { BodyError } from "./problems.js";
import { pointerSegment, setOwn } from "./params.js";
import type { FieldType, FormField, ProblemDetails } from "./types.js";

type Issues = NonNullable<ProblemDetails["errors"]>;
export type FieldValue = string | Blob;

/** The fields of a multipart body; a malformed one is a 400. */
export async function multipartFields(bytes: Uint8Array, contentType: string): Promise<Map<string, FieldValue[]>> {
  let data: FormData;
  try {
    data = await new Response(bytes as ConstructorParameters<typeof Response>[0], { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new BodyError(400, "The body is not valid multipart/form-data.");
  }
  const out = new Map<string, FieldValue[]>();
  data.forEach((value, name) => {
    const list = out.get(name);
    if (list) list.push(value);
    else out.set(name, [value]);
  });
  return out;
}

/** The body object: each known field coerced by its type, the others kept as sent; missing required fields reported. */
export async function formValue(fields: Map<string, FieldValue[]>, schema: readonly FormField[], maxDepth: number, issues: Issues | undefined): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const known = new Map(schema.map((f) => [f[0], f]));
  for (const [name, values] of fields) {
    const field = known.get(name);
    const at = `/body/${pointerSegment(name)}`;
    if (!field) setOwn(out, name, values.length === 1 ? values[0] : values);
    else if (field[1] === "array") setOwn(out, name, await Promise.all(values.map((v, i) => coerce(v, field[3] ?? "any", maxDepth, issues, `${at}/${i}`))));
    else if (values.length > 1) {
      issues?.push({ pointer: at, detail: "must be a single value" });
      setOwn(out, name, values);
    } else setOwn(out, name, await coerce(values[0]!, field[1], maxDepth, issues, at));
  }
  for (const f of schema) if (f[2] && !fields.has(f[0])) issues?.push({ pointer: `/body/${pointerSegment(f[0])}`, detail: "is required" });
  return out;
}

async function coerce(value: FieldValue, type: FieldType, maxDepth: number, issues: Issues | undefined, at: string): Promise<unknown> {
  if (typeof value !== "string") {
    if (type !== "json") return value;
    value = await value.text();
  }
  switch (type) {
    case "integer":
    case "number": {
      const n = value.trim() === "" ? NaN : Number(value);
      if (Number.isFinite(n) && (type === "number" || Number.isInteger(n))) return n;
      issues?.push({ pointer: at, detail: `must be ${type === "integer" ? "an integer" : "a number"}` });
      return value;
    }
    case "boolean":
      if (value === "true" || value === "false") return value === "true";
      issues?.push({ pointer: at, detail: "must be true or false" });
      return value;
    case "json":
      try {
        return parseJson(value, maxDepth);
      } catch (e) {
        if (!(e instanceof BodyError)) throw e;
        issues?.push({ pointer: at, detail: e.message.replace(/^The (JSON )?body/, "The part") });
        return value;
      }
    default:
      return value;
  }
}
